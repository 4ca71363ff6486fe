-- Trails or event data stores stopped, deleted or narrowed: selectors that drop management, data or Amazon Q data events rate high;
-- repeated attempts by one principal within 60 minutes, one of them reducing logging, rate critical.
WITH changes AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    recipientaccountid,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid) AS principal,
    coalesce(requestparameters, '') AS rp,
    regexp_replace(
      coalesce(json_extract_scalar(requestparameters, '$.trailName'), json_extract_scalar(requestparameters, '$.name'),
               json_extract_scalar(requestparameters, '$.eventDataStore'), ''),
      '^arn:[^:]*:cloudtrail:[^:]*:[0-9]*:(trail|eventdatastore)/', '') AS target,
    eventname = 'PutAdvancedEventSelectors'
      OR (eventname = 'UpdateEventDataStore' AND regexp_like(coalesce(requestparameters, ''), '"advancedEventSelectors"')) AS advanced
  FROM cloudtrail
  WHERE eventsource = 'cloudtrail.amazonaws.com'
    AND eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutAdvancedEventSelectors',
                      'DeleteEventDataStore', 'StopEventDataStoreIngestion', 'UpdateEventDataStore')
),
-- Amazon Q data events were being recorded before the change: Q data events already in the record, or an
-- earlier successful selector change on the same trail that logged Q resource types.
q_recorded AS (
  SELECT recipientaccountid, min(from_iso8601_timestamp(eventtime)) AS first_q
  FROM cloudtrail
  WHERE eventcategory = 'Data'
    AND eventsource IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com')
  GROUP BY recipientaccountid
),
q_selected AS (
  SELECT c.eventid
  FROM changes c
  JOIN changes p
    ON p.target = c.target
   AND p.ts < c.ts
   AND p.errorcode IS NULL
   AND p.advanced
   AND regexp_like(p.rp, '"equals"\s*:\s*\[[^\]]*"AWS::Q(Business|Apps)::')
  GROUP BY c.eventid
),
rated AS (
  SELECT
    c.*,
    (q.first_q < c.ts OR s.eventid IS NOT NULL) AS q_was_recorded,
    CASE
      WHEN c.eventname = 'PutEventSelectors' THEN
        regexp_like(c.rp, '"includeManagementEvents"\s*:\s*false') AND NOT regexp_like(c.rp, '"includeManagementEvents"\s*:\s*true')
      WHEN c.advanced THEN NOT regexp_like(c.rp, '"equals"\s*:\s*\[[^\]]*"Management"')
      ELSE false
    END AS drops_management,
    CASE
      WHEN c.eventname = 'PutEventSelectors' THEN NOT regexp_like(c.rp, '"dataResources"\s*:\s*\[\s*\{')
      WHEN c.advanced THEN NOT regexp_like(c.rp, '"equals"\s*:\s*\[[^\]]*"Data"')
      ELSE false
    END AS drops_data,
    CASE
      WHEN c.eventname = 'PutEventSelectors' THEN
        regexp_like(c.rp, '"readWriteType"\s*:\s*"(ReadOnly|WriteOnly)"') AND NOT regexp_like(c.rp, '"readWriteType"\s*:\s*"All"')
      WHEN c.advanced THEN regexp_like(c.rp, '"field"\s*:\s*"readOnly"')
      ELSE false
    END AS narrows_read_write,
    -- Basic event selectors cannot log Amazon Q data events at all; advanced ones must name a Q resource type.
    CASE
      WHEN c.eventname = 'PutEventSelectors' THEN true
      WHEN c.advanced THEN NOT regexp_like(c.rp, '"equals"\s*:\s*\[[^\]]*"AWS::Q(Business|Apps)::')
      ELSE false
    END AS leaves_out_q,
    c.eventname = 'UpdateTrail' AND regexp_like(c.rp,
      '"(isMultiRegionTrail|includeGlobalServiceEvents|enableLogFileValidation|isOrganizationTrail)"\s*:\s*false|"s3BucketName"\s*:')
      AS trail_weakened,
    c.eventname = 'UpdateEventDataStore' AND regexp_like(c.rp, '"(multiRegionEnabled|organizationEnabled)"\s*:\s*false')
      AS store_weakened,
    c.advanced AND regexp_like(c.rp, '"(notEquals|notStartsWith|notEndsWith)"') AS excludes_events,
    c.eventname = 'UpdateTrail' AND regexp_like(c.rp, '"(kmsKeyId|cloudWatchLogsLogGroupArn|cloudWatchLogsRoleArn|snsTopicName)"\s*:')
      AS trail_rerouted
  FROM changes c
  LEFT JOIN q_recorded q ON q.recipientaccountid = c.recipientaccountid
  LEFT JOIN q_selected s ON s.eventid = c.eventid
),
reasons AS (
  SELECT
    r.*,
    (r.leaves_out_q AND coalesce(r.q_was_recorded, false)) AS drops_q,
    concat(
      CASE WHEN r.drops_management THEN '; management events dropped' ELSE '' END,
      CASE WHEN r.drops_data THEN '; no data events' ELSE '' END,
      CASE WHEN r.leaves_out_q AND coalesce(r.q_was_recorded, false) THEN '; Amazon Q data events no longer recorded' ELSE '' END,
      CASE WHEN r.narrows_read_write THEN '; read-only or write-only' ELSE '' END,
      CASE WHEN r.trail_weakened THEN '; multi-region, global events, validation or destination changed' ELSE '' END,
      CASE WHEN r.store_weakened THEN '; event data store no longer multi-region or organization-wide' ELSE '' END,
      CASE WHEN r.excludes_events THEN '; some events excluded by name, source, ARN or caller' ELSE '' END,
      CASE WHEN r.trail_rerouted THEN '; encryption key, CloudWatch Logs or SNS delivery changed' ELSE '' END
    ) AS why
  FROM rated r
),
-- Tampering attempts (failed or not): stop/delete, and trail or selector changes that would reduce or reroute logging.
attempts AS (
  SELECT
    eventid,
    principal,
    ts,
    errorcode IS NULL AND (
      eventname IN ('StopLogging', 'DeleteTrail')
      OR drops_management OR drops_data OR drops_q OR narrows_read_write OR trail_weakened OR excludes_events
    ) AS reduced
  FROM reasons
  WHERE principal IS NOT NULL
    AND (eventname IN ('StopLogging', 'DeleteTrail')
         OR (eventname IN ('UpdateTrail', 'PutEventSelectors', 'PutAdvancedEventSelectors')
             AND (drops_management OR drops_data OR drops_q OR narrows_read_write OR trail_weakened OR excludes_events
                  OR trail_rerouted)))
),
-- A determined attempt to blind the investigation: another attempt by the same principal within 60 minutes, and
-- at least one of the two succeeded in reducing logging.
determined AS (
  SELECT a.eventid, count(DISTINCT b.eventid) + 1 AS attempts
  FROM attempts a
  JOIN attempts b
    ON b.principal = a.principal
   AND b.eventid <> a.eventid
   AND b.ts >= date_add('minute', -60, a.ts)
   AND b.ts <= date_add('minute', 60, a.ts)
  GROUP BY a.eventid
  HAVING bool_or(a.reduced OR b.reduced)
)
SELECT
  r.eventid,
  CASE
    WHEN d.eventid IS NOT NULL THEN 'critical'
    WHEN r.errorcode IS NOT NULL THEN 'medium'
    WHEN r.eventname IN ('StopLogging', 'DeleteTrail', 'DeleteEventDataStore', 'StopEventDataStoreIngestion') THEN 'high'
    WHEN r.drops_management OR r.drops_data OR r.drops_q OR r.narrows_read_write OR r.trail_weakened OR r.store_weakened THEN 'high'
    WHEN r.excludes_events OR r.trail_rerouted THEN 'medium'
    ELSE 'low'
  END AS severity,
  concat(
    r.eventname,
    CASE WHEN r.target <> '' THEN concat(' ', r.target) ELSE '' END,
    CASE WHEN r.errorcode IS NOT NULL THEN concat(' (failed: ', r.errorcode, ')') ELSE '' END,
    r.why,
    CASE WHEN d.eventid IS NOT NULL
      THEN concat('; one of ', CAST(d.attempts AS VARCHAR), ' tampering attempts by this principal within 60 minutes, logging reduced')
      ELSE '' END
  ) AS detail
FROM reasons r
LEFT JOIN determined d ON d.eventid = r.eventid
