-- sts GetCallerIdentity followed within ten minutes by self-inspection of IAM permissions or AccessDenied errors.
WITH calls AS (
  SELECT eventid, eventsource, eventname, errorcode, requestparameters,
         from_iso8601_timestamp(eventtime) AS ts,
         coalesce(useridentity.arn, useridentity.principalid) AS principal,
         useridentity.username AS username
  FROM cloudtrail
  WHERE useridentity.invokedby IS NULL
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
whoami AS (
  SELECT eventid, principal, ts FROM calls
  WHERE eventsource = 'sts.amazonaws.com' AND eventname = 'GetCallerIdentity' AND errorcode IS NULL
),
-- Denied calls, and a user reading its own policies (no userName, or its own).
probes AS (
  SELECT eventid, principal, ts, errorcode FROM calls
  WHERE regexp_like(coalesce(errorcode, ''), '^(AccessDenied|Client\.UnauthorizedOperation|UnauthorizedOperation|UnauthorizedAccess)')
     OR (eventsource = 'iam.amazonaws.com'
         AND eventname IN ('GetUser', 'ListAttachedUserPolicies', 'ListUserPolicies', 'ListGroupsForUser', 'GetAccountAuthorizationDetails')
         AND (json_extract_scalar(requestparameters, '$.userName') IS NULL
              OR json_extract_scalar(requestparameters, '$.userName') = username))
),
pairs AS (
  SELECT w.eventid AS whoami_id, p.eventid AS probe_id, p.errorcode
  FROM whoami w
  JOIN probes p ON p.principal = w.principal AND p.ts >= w.ts AND date_diff('second', w.ts, p.ts) <= 600
),
bursts AS (
  SELECT whoami_id, count(DISTINCT probe_id) AS probes, count(DISTINCT CASE WHEN errorcode IS NOT NULL THEN probe_id END) AS denied
  FROM pairs
  GROUP BY whoami_id
  HAVING count(DISTINCT probe_id) >= 2
),
flagged AS (
  SELECT b.whoami_id AS eventid, b.probes, b.denied FROM bursts b
  UNION ALL
  SELECT p.probe_id AS eventid, b.probes, b.denied FROM pairs p JOIN bursts b ON b.whoami_id = p.whoami_id
)
SELECT
  eventid,
  CASE WHEN max(denied) >= 3 THEN 'high' ELSE 'medium' END AS severity,
  concat('identity check followed by ', CAST(max(probes) AS VARCHAR), ' permission probe(s), ', CAST(max(denied) AS VARCHAR), ' denied, within ten minutes') AS detail
FROM flagged
GROUP BY eventid
