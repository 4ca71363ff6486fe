-- Amazon Q Business data source sync jobs started or stopped by a person rather than by the service's own schedule;
-- a sync started right after the same principal created or changed that data source rates high.
WITH syncs AS (
  SELECT eventid, eventname, errorcode, sourceipaddress, requestparameters,
         from_iso8601_timestamp(eventtime) AS ts,
         coalesce(useridentity.arn, useridentity.principalid) AS principal,
         json_extract_scalar(requestparameters, '$.dataSourceId') AS data_source
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname IN ('StartDataSourceSyncJob', 'StopDataSourceSyncJob')
    -- Not the service itself, nor a call another AWS service made for the caller.
    AND coalesce(useridentity.type, '') <> 'AWSService'
    AND useridentity.invokedby IS NULL
    AND NOT regexp_like(coalesce(sourceipaddress, ''), '(^|\.)amazonaws\.com$')
),
changes AS (
  SELECT from_iso8601_timestamp(eventtime) AS ts,
         coalesce(useridentity.arn, useridentity.principalid) AS principal,
         coalesce(json_extract_scalar(responseelements, '$.dataSourceId'), json_extract_scalar(requestparameters, '$.dataSourceId')) AS data_source
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname IN ('CreateDataSource', 'UpdateDataSource')
    AND errorcode IS NULL
),
rated AS (
  SELECT s.*,
         EXISTS (SELECT 1 FROM changes c
                 WHERE c.principal = s.principal AND c.data_source = s.data_source
                   AND c.ts <= s.ts AND date_diff('minute', c.ts, s.ts) <= 60) AS fresh
  FROM syncs s
)
SELECT
  eventid,
  CASE WHEN fresh AND errorcode IS NULL AND eventname = 'StartDataSourceSyncJob' THEN 'high' ELSE 'medium' END AS severity,
  concat(
    eventname, ' on data source ', coalesce(data_source, 'unknown'),
    ' (index ', coalesce(json_extract_scalar(requestparameters, '$.indexId'), 'unknown'), ')',
    ' from ', coalesce(sourceipaddress, 'unknown address'),
    CASE WHEN fresh THEN '; the same principal created or changed this data source within the hour' ELSE '' END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM rated
