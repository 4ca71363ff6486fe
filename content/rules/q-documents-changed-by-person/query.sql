-- Documents put into or deleted from an Amazon Q Business index directly by a person, not by the service's own data source sync.
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN eventname = 'BatchDeleteDocument' THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    eventname, ' of ',
    coalesce(CAST(json_array_length(json_extract(requestparameters, '$.documents')) AS VARCHAR), 'some'), ' document(s)',
    CASE
      WHEN json_extract_scalar(requestparameters, '$.documents[0].id') IS NOT NULL
        THEN concat(' (first: ', json_extract_scalar(requestparameters, '$.documents[0].id'), ')')
      WHEN json_extract_scalar(requestparameters, '$.documents[0].documentId') IS NOT NULL
        THEN concat(' (first: ', json_extract_scalar(requestparameters, '$.documents[0].documentId'), ')')
      ELSE ''
    END,
    CASE WHEN eventname = 'BatchDeleteDocument' THEN ' from index ' ELSE ' into index ' END,
    coalesce(json_extract_scalar(requestparameters, '$.indexId'), 'unknown'),
    CASE WHEN json_extract_scalar(requestparameters, '$.dataSourceSyncId') IS NOT NULL
      THEN concat(' during sync ', json_extract_scalar(requestparameters, '$.dataSourceSyncId')) ELSE '' END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM cloudtrail
WHERE eventsource = 'qbusiness.amazonaws.com'
  AND eventname IN ('BatchPutDocument', 'BatchDeleteDocument')
  -- The service's own sync: the service principal, or a call Amazon Q Business made for the caller.
  AND coalesce(useridentity.type, '') <> 'AWSService'
  AND coalesce(useridentity.invokedby, '') <> 'qbusiness.amazonaws.com'
  AND coalesce(sourceipaddress, '') <> 'qbusiness.amazonaws.com'
