-- One principal reading the Amazon Q conversations of two or more other users: someone else's userId in the request, or one session acting on behalf of several users.
WITH reads AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    useridentity.arn AS session_arn,
    -- The actor: the engine's principal, refined by the Identity Center user a shared role session acts for.
    concat(
      coalesce(useridentity.arn, useridentity.principalid, useridentity.type, 'unknown'),
      '|', coalesce(useridentity.onbehalfof.userid, '')
    ) AS actor,
    lower(useridentity.onbehalfof.userid) AS on_behalf_of,
    lower(regexp_extract(useridentity.arn, '[^/]+$')) AS self_session_name,
    lower(useridentity.username) AS self_user_name,
    lower(json_extract_scalar(requestparameters, '$.userId')) AS target_user
  FROM cloudtrail
  WHERE eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com')
    AND eventname IN ('ListConversations', 'ListMessages', 'GetConversation', 'ListAttachments', 'GetMedia')
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
-- 1. A userId in the request that is not the caller: not its Identity Center user, session name or user name.
others AS (
  SELECT *
  FROM reads
  WHERE target_user IS NOT NULL
    AND target_user <> lower('HIDDEN_DUE_TO_SECURITY_REASONS')
    AND target_user <> coalesce(on_behalf_of, '')
    AND target_user <> coalesce(self_session_name, '')
    AND target_user <> coalesce(self_user_name, '')
),
actors AS (
  SELECT actor, count(DISTINCT target_user) AS users, count_if(errorcode IS NULL) AS succeeded
  FROM others
  GROUP BY actor
  HAVING count(DISTINCT target_user) >= 2
),
by_request AS (
  SELECT
    o.eventid,
    CASE WHEN a.succeeded > 0 THEN 'high' ELSE 'medium' END AS severity,
    concat(
      o.eventname, ' for user ', o.target_user,
      ' (', CAST(a.users AS VARCHAR), ' other users'' conversations read by this principal)',
      CASE WHEN o.errorcode IS NOT NULL THEN concat(' (failed: ', o.errorcode, ')') ELSE '' END
    ) AS detail
  FROM others o
  JOIN actors a ON a.actor = o.actor
),
-- 2. One role session (same session ARN) acting on behalf of several Identity Center users: a web experience gives
--    each user a session of their own, so a session that speaks for many users is impersonating them.
shared_sessions AS (
  SELECT session_arn, count(DISTINCT on_behalf_of) AS users, count_if(errorcode IS NULL) AS succeeded
  FROM reads
  WHERE session_arn IS NOT NULL AND on_behalf_of IS NOT NULL
  GROUP BY session_arn
  HAVING count(DISTINCT on_behalf_of) >= 2
),
by_session AS (
  SELECT
    r.eventid,
    CASE WHEN s.succeeded > 0 THEN 'high' ELSE 'medium' END AS severity,
    concat(
      r.eventname, ' on behalf of user ', r.on_behalf_of,
      ' (one session acting for ', CAST(s.users AS VARCHAR), ' users)',
      CASE WHEN r.errorcode IS NOT NULL THEN concat(' (failed: ', r.errorcode, ')') ELSE '' END
    ) AS detail
  FROM reads r
  JOIN shared_sessions s ON s.session_arn = r.session_arn
  WHERE r.eventid NOT IN (SELECT eventid FROM by_request)
)
SELECT eventid, severity, detail FROM by_request
UNION ALL
SELECT eventid, severity, detail FROM by_session
