-- Successful console sign-in of an IAM user without MFA; high when someone else set that user's password in the previous day.
WITH logins AS (
  SELECT
    eventid,
    useridentity.username AS user_name,
    useridentity.arn AS user_arn,
    recipientaccountid,
    sourceipaddress,
    from_iso8601_timestamp(eventtime) AS ts
  FROM cloudtrail
  WHERE eventsource = 'signin.amazonaws.com'
    AND eventname = 'ConsoleLogin'
    AND useridentity.type = 'IAMUser'
    AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
    AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'
),
-- Passwords set for a user by another principal (a backdoor login profile or a password reset).
password_set AS (
  SELECT
    json_extract_scalar(requestparameters, '$.userName') AS user_name,
    recipientaccountid,
    from_iso8601_timestamp(eventtime) AS ts
  FROM cloudtrail
  WHERE eventsource = 'iam.amazonaws.com'
    AND eventname IN ('CreateLoginProfile', 'UpdateLoginProfile')
    AND errorcode IS NULL
    AND json_extract_scalar(requestparameters, '$.userName') IS NOT NULL
    AND coalesce(useridentity.username, '') <> json_extract_scalar(requestparameters, '$.userName')
),
flagged AS (
  SELECT l.eventid, l.user_name, l.sourceipaddress, count(p.ts) AS set_by_other
  FROM logins l
  LEFT JOIN password_set p
    ON p.user_name = l.user_name
   AND p.recipientaccountid = l.recipientaccountid
   AND p.ts <= l.ts
   AND p.ts >= date_add('hour', -24, l.ts)
  GROUP BY l.eventid, l.user_name, l.sourceipaddress
)
SELECT
  eventid,
  CASE WHEN set_by_other > 0 THEN 'high' ELSE 'medium' END AS severity,
  concat('console sign-in without MFA by ', coalesce(user_name, 'unknown user'), ' from ', coalesce(sourceipaddress, 'unknown address'),
         CASE WHEN set_by_other > 0 THEN ' (password set by another principal in the previous 24 hours)' ELSE '' END) AS detail
FROM flagged
