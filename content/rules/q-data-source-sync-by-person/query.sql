-- Amazon Q Business data source sync jobs started or stopped by a person rather than by the service's own schedule.
SELECT
  eventid,
  'medium' AS severity,
  concat(
    eventname, ' on data source ', coalesce(json_extract_scalar(requestparameters, '$.dataSourceId'), 'unknown'),
    ' (index ', coalesce(json_extract_scalar(requestparameters, '$.indexId'), 'unknown'), ')',
    ' from ', coalesce(sourceipaddress, 'unknown address'),
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM cloudtrail
WHERE eventsource = 'qbusiness.amazonaws.com'
  AND eventname IN ('StartDataSourceSyncJob', 'StopDataSourceSyncJob')
  -- Not the service itself, nor a call another AWS service made for the caller.
  AND coalesce(useridentity.type, '') <> 'AWSService'
  AND useridentity.invokedby IS NULL
  AND NOT regexp_like(coalesce(sourceipaddress, ''), '(^|\.)amazonaws\.com$')
