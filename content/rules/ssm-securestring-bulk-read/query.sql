-- Five or more distinct parameters read with decryption by one principal within ten minutes, or a path read with decryption.
WITH reads AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    awsregion,
    coalesce(useridentity.arn, useridentity.principalid) AS who,
    from_iso8601_timestamp(eventtime) AS ts,
    regexp_like(coalesce(useragent, ''), '(?i)terraform|pulumi|cloudformation|aws-cdk') AS iac,
    requestparameters AS rp
  FROM cloudtrail
  WHERE eventsource = 'ssm.amazonaws.com'
    AND eventname IN ('GetParameter', 'GetParameters', 'GetParametersByPath', 'GetParameterHistory')
    AND json_extract_scalar(requestparameters, '$.withDecryption') = 'true'
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
-- One row per parameter a read names; an ARN, a name and a name:version or name:label count as one parameter.
named AS (
  SELECT eventid, who, ts, awsregion, json_extract_scalar(rp, '$.name') AS param
  FROM reads
  WHERE eventname IN ('GetParameter', 'GetParameterHistory')
  UNION ALL
  SELECT r.eventid, r.who, r.ts, r.awsregion, t.param
  FROM reads r
  CROSS JOIN UNNEST(split(regexp_replace(coalesce(json_format(json_extract(r.rp, '$.names')), ''), '[\[\]"\s]', ''), ',')) AS t(param)
  WHERE r.eventname = 'GetParameters'
),
params AS (
  SELECT
    eventid, who, ts,
    concat(awsregion, ':', regexp_replace(regexp_replace(param, '^(arn:[^:]*:ssm:[^:]*:[0-9]*:parameter)?/', ''), ':[^:/]*$', '')) AS param
  FROM named
  WHERE param IS NOT NULL AND param <> ''
),
-- Ten-minute windows that start at a read and hold five or more distinct parameters.
bursts AS (
  SELECT a.who, a.ts AS start_ts, count(DISTINCT b.param) AS n
  FROM params a
  JOIN params b ON b.who = a.who AND b.ts >= a.ts AND b.ts <= date_add('minute', 10, a.ts)
  GROUP BY a.who, a.ts
  HAVING count(DISTINCT b.param) >= 5
),
in_burst AS (
  SELECT r.eventid, max(b.n) AS n
  FROM reads r
  JOIN bursts b ON b.who = r.who AND r.ts >= b.start_ts AND r.ts <= date_add('minute', 10, b.start_ts)
  GROUP BY r.eventid
)
SELECT
  r.eventid,
  CASE WHEN r.errorcode IS NOT NULL OR r.iac THEN 'medium' ELSE 'high' END AS severity,
  concat(
    CASE
      WHEN r.eventname = 'GetParametersByPath' THEN concat(
        'path ', coalesce(json_extract_scalar(r.rp, '$.path'), '?'),
        CASE WHEN json_extract_scalar(r.rp, '$.recursive') = 'true' THEN ' (recursive)' ELSE '' END,
        ' read with decryption')
      ELSE concat(CAST(i.n AS VARCHAR), ' distinct parameters read with decryption within 10 minutes')
    END,
    CASE WHEN r.iac THEN ' (this read by infrastructure-as-code tooling)' ELSE '' END,
    CASE WHEN r.errorcode IS NOT NULL THEN concat(' (this read failed: ', r.errorcode, ')') ELSE '' END
  ) AS detail
FROM reads r
LEFT JOIN in_burst i ON i.eventid = r.eventid
WHERE i.eventid IS NOT NULL OR r.eventname = 'GetParametersByPath'
