-- Successful changes to what CloudTrail records: after them, the evidence may lack events it would otherwise hold.
-- drops: 'all' when logging stopped or the trail or event data store was deleted; 'amazon-q-data' when new event
-- selectors no longer select Amazon Q data events (no AWS::QBusiness, AWS::QApps or AWS::CodeWhisperer type);
-- NULL for other changes (logging restarted, selectors that still select them).
SELECT
  t.eventid,
  t.eventtime,
  t.eventname,
  t.awsregion,
  coalesce(
    json_extract_scalar(t.responseelements, '$.trailARN'),
    json_extract_scalar(t.requestparameters, '$.trailName'),
    json_extract_scalar(t.requestparameters, '$.name'),
    json_extract_scalar(t.requestparameters, '$.eventDataStore')
  ) AS trail,
  CASE
    WHEN t.eventname IN ('StopLogging', 'DeleteTrail', 'DeleteEventDataStore', 'StopEventDataStoreIngestion') THEN 'all'
    WHEN t.eventname IN ('PutEventSelectors', 'PutAdvancedEventSelectors')
      AND NOT regexp_like(coalesce(t.requestparameters, ''), 'AWS::QBusiness::|AWS::QApps::|AWS::CodeWhisperer::')
      THEN 'amazon-q-data'
  END AS drops,
  coalesce(t.useridentity.arn,
    CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
         THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
    t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal
FROM cloudtrail t
WHERE t.eventsource = 'cloudtrail.amazonaws.com'
  AND t.eventname IN ('StopLogging', 'StartLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors',
                      'PutAdvancedEventSelectors', 'DeleteEventDataStore', 'StopEventDataStoreIngestion')
  AND t.errorcode IS NULL
ORDER BY t.eventtime, t.eventid
