-- Five or more distinct secrets read by one principal within ten minutes, or BatchGetSecretValue by filter.
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
  WHERE eventsource = 'secretsmanager.amazonaws.com'
    AND eventname IN ('GetSecretValue', 'BatchGetSecretValue')
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
-- One row per secret a read names; a secret ARN and its name count as the same secret.
named AS (
  SELECT eventid, who, ts, awsregion, json_extract_scalar(rp, '$.secretId') AS secret
  FROM reads
  WHERE eventname = 'GetSecretValue'
  UNION ALL
  SELECT r.eventid, r.who, r.ts, r.awsregion, t.secret
  FROM reads r
  CROSS JOIN UNNEST(split(regexp_replace(coalesce(json_format(json_extract(r.rp, '$.secretIdList')), ''), '[\[\]"\s]', ''), ',')) AS t(secret)
  WHERE r.eventname = 'BatchGetSecretValue'
),
secrets AS (
  SELECT
    eventid, who, ts,
    concat(awsregion, ':', regexp_replace(secret, '^arn:[^:]*:secretsmanager:[^:]*:[0-9]*:secret:(.+)-[A-Za-z0-9]{6}$', '$1')) AS secret
  FROM named
  WHERE secret IS NOT NULL AND secret <> ''
),
-- Ten-minute windows that start at a read and hold five or more distinct secrets.
bursts AS (
  SELECT a.who, a.ts AS start_ts, count(DISTINCT b.secret) AS n
  FROM secrets a
  JOIN secrets b ON b.who = a.who AND b.ts >= a.ts AND b.ts <= date_add('minute', 10, a.ts)
  GROUP BY a.who, a.ts
  HAVING count(DISTINCT b.secret) >= 5
),
in_burst AS (
  SELECT r.eventid, max(b.n) AS n
  FROM reads r
  JOIN bursts b ON b.who = r.who AND r.ts >= b.start_ts AND r.ts <= date_add('minute', 10, b.start_ts)
  GROUP BY r.eventid
),
by_filter AS (
  SELECT eventid
  FROM reads
  WHERE eventname = 'BatchGetSecretValue' AND json_array_length(json_extract(rp, '$.filters')) > 0
)
SELECT
  r.eventid,
  CASE
    WHEN r.errorcode IS NOT NULL THEN 'medium'
    WHEN f.eventid IS NULL AND r.iac THEN 'medium'
    ELSE 'high'
  END AS severity,
  concat(
    CASE
      WHEN f.eventid IS NOT NULL THEN 'BatchGetSecretValue by filter (every matching secret)'
      ELSE concat(CAST(i.n AS VARCHAR), ' distinct secrets read within 10 minutes')
    END,
    CASE WHEN f.eventid IS NULL AND r.iac THEN ' (this read by infrastructure-as-code tooling)' ELSE '' END,
    CASE WHEN r.errorcode IS NOT NULL THEN concat(' (this read failed: ', r.errorcode, ')') ELSE '' END
  ) AS detail
FROM reads r
LEFT JOIN in_burst i ON i.eventid = r.eventid
LEFT JOIN by_filter f ON f.eventid = r.eventid
WHERE i.eventid IS NOT NULL OR f.eventid IS NOT NULL
