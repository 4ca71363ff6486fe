-- GetPasswordData: medium; high when the principal asked for three or more instances or was refused.
WITH calls AS (
  SELECT
    eventid,
    errorcode,
    coalesce(useridentity.arn, useridentity.principalid) AS who,
    json_extract_scalar(requestparameters, '$.instanceId') AS instance_id
  FROM cloudtrail
  WHERE eventsource = 'ec2.amazonaws.com'
    AND eventname = 'GetPasswordData'
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
by_principal AS (
  SELECT
    who,
    count(DISTINCT instance_id) AS instances,
    count_if(regexp_like(coalesce(errorcode, ''), '(?i)unauthorized|accessdenied')) AS refused
  FROM calls
  GROUP BY who
)
SELECT
  c.eventid,
  CASE WHEN p.instances >= 3 OR p.refused > 0 THEN 'high' ELSE 'medium' END AS severity,
  CASE
    WHEN p.instances >= 3 OR p.refused > 0 THEN concat(
      'GetPasswordData for ', CAST(p.instances AS VARCHAR), ' instance(s), refused ', CAST(p.refused AS VARCHAR), ' time(s)')
    ELSE concat('GetPasswordData for ', coalesce(c.instance_id, 'unknown instance'),
                CASE WHEN c.errorcode IS NOT NULL THEN concat(' (failed: ', c.errorcode, ')') ELSE '' END)
  END AS detail
FROM calls c
JOIN by_principal p ON p.who = c.who
