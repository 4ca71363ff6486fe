-- IAM users and access keys created in the window and then used: the creation, grants to the user, and the new identity's own calls.
WITH iam AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(recipientaccountid, useridentity.accountid) AS account,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid) AS principal,
    coalesce(useridentity.type, '') AS caller_type,
    coalesce(useridentity.username, '') AS caller_name,
    -- the user the call is about; CreateAccessKey without userName is for the calling user
    coalesce(json_extract_scalar(responseelements, '$.accessKey.userName'),
             json_extract_scalar(responseelements, '$.user.userName'),
             json_extract_scalar(requestparameters, '$.userName'),
             CASE WHEN eventname = 'CreateAccessKey' AND useridentity.type = 'IAMUser' THEN useridentity.username END) AS user_name,
    json_extract_scalar(responseelements, '$.accessKey.accessKeyId') AS key_id,
    json_extract_scalar(requestparameters, '$.groupName') AS group_name,
    coalesce(json_extract_scalar(requestparameters, '$.policyArn'), '') AS policy_arn,
    json_extract_scalar(requestparameters, '$.policyName') AS policy_name,
    json_extract_scalar(requestparameters, '$.policyDocument') AS raw_document
  FROM cloudtrail
  WHERE eventsource = 'iam.amazonaws.com'
    AND eventname IN ('CreateUser', 'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile',
                      'AttachUserPolicy', 'PutUserPolicy', 'AddUserToGroup', 'AttachGroupPolicy', 'PutGroupPolicy')
),
graded AS (
  SELECT
    *,
    -- Policy documents arrive as JSON text, or URL-encoded: decode the characters the pattern reads.
    CASE WHEN regexp_like(coalesce(raw_document, ''), '^\s*%7[Bb]')
      THEN regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
             regexp_replace(regexp_replace(regexp_replace(regexp_replace(raw_document,
               '(?i)%22', '"'), '(?i)%3A', ':'), '(?i)%2A', '*'), '(?i)%7B', '{'), '(?i)%7D', '}'), '(?i)%5B', '['),
               '(?i)%5D', ']'), '(?i)%2C', ','), '(?i)%2F', '/'), '\+', ' '), '%[0-9A-Fa-f]{2}', ' ')
      ELSE coalesce(raw_document, '')
    END AS document
  FROM iam
),
grants AS (
  SELECT
    *,
    CASE
      WHEN errorcode IS NOT NULL THEN NULL
      WHEN regexp_like(policy_arn, '(?i)^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$') THEN 'AdministratorAccess'
      WHEN regexp_like(policy_arn, '(?i)^arn:aws[a-z-]*:iam::aws:policy/(.+/)?(AmazonQ|QBusiness|QApps|QDeveloper|AmazonCodeWhisperer|CodeWhisperer)\w*FullAccess$')
        THEN concat('Amazon Q full access (', regexp_extract(policy_arn, '[^/]+$'), ')')
      -- An Allow statement whose Action (string or list) holds "*", "*:*" or a service wildcard such as qbusiness:*.
      WHEN regexp_like(document, '(?i)"effect"\s*:\s*"allow"[^{}]*"action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|[a-z0-9-]+:\*)"')
        OR regexp_like(document, '(?i)"action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|[a-z0-9-]+:\*)"[^{}]*"effect"\s*:\s*"allow"')
        THEN concat('inline policy ', coalesce(policy_name, ''), ' with a wildcard action')
    END AS grant_text
  FROM graded
),
-- Groups given such a grant in the window.
powerful_groups AS (
  SELECT account, group_name, min(grant_text) AS grant_text
  FROM grants
  WHERE eventname IN ('AttachGroupPolicy', 'PutGroupPolicy') AND grant_text IS NOT NULL AND group_name IS NOT NULL
  GROUP BY account, group_name
),
-- Creation and grant events about a user.
about_user AS (
  SELECT
    g.eventid,
    g.eventname,
    g.errorcode,
    g.ts,
    g.account,
    g.principal,
    g.caller_type,
    g.caller_name,
    g.user_name,
    g.key_id,
    g.policy_arn,
    g.group_name,
    coalesce(g.grant_text, CASE WHEN g.eventname = 'AddUserToGroup' AND g.errorcode IS NULL
                           THEN concat('group ', g.group_name, ' with ', pg.grant_text) END) AS grant_text
  FROM grants g
  LEFT JOIN powerful_groups pg ON pg.account = g.account AND pg.group_name = g.group_name
  WHERE g.eventname IN ('CreateUser', 'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile',
                        'AttachUserPolicy', 'PutUserPolicy', 'AddUserToGroup')
    AND g.user_name IS NOT NULL
),
new_users AS (
  SELECT account, user_name, min(ts) AS created_ts
  FROM about_user
  WHERE eventname = 'CreateUser' AND errorcode IS NULL
  GROUP BY account, user_name
),
new_keys AS (
  SELECT account, user_name, key_id, min(ts) AS created_ts
  FROM about_user
  WHERE eventname = 'CreateAccessKey' AND errorcode IS NULL AND key_id IS NOT NULL
  GROUP BY account, user_name, key_id
),
calls AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid) AS principal,
    useridentity.type AS identity_type,
    useridentity.username AS user_name,
    useridentity.accountid AS account,
    useridentity.accesskeyid AS key_id,
    sourceipaddress AS ip,
    -- the caller's own address, not a service name or AWS Internal, nor a call a service made for it
    useridentity.invokedby IS NULL
      AND regexp_like(coalesce(sourceipaddress, ''), '^[0-9]{1,3}(\.[0-9]{1,3}){3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$') AS own_address
  FROM cloudtrail
),
-- The new identity's own calls: the new user's (any credential), or the new key's.
activity AS (
  SELECT u.account, u.user_name, c.eventid, c.eventsource, c.eventname, c.ts, c.ip, c.own_address
  FROM new_users u
  JOIN calls c
    ON c.identity_type = 'IAMUser'
   AND c.user_name = u.user_name
   AND c.account = u.account
   AND c.ts > u.created_ts
  UNION
  SELECT k.account, k.user_name, c.eventid, c.eventsource, c.eventname, c.ts, c.ip, c.own_address
  FROM new_keys k
  JOIN calls c
    ON c.key_id = k.key_id
   AND c.ts > k.created_ts
),
used AS (
  SELECT account, user_name, count(DISTINCT eventid) AS calls, min(ts) AS first_use
  FROM activity
  GROUP BY account, user_name
),
-- Who created the user or its key (not the new user itself), and every address they used in the window.
creators AS (
  SELECT DISTINCT a.account, a.user_name, a.principal
  FROM about_user a
  JOIN used u ON u.account = a.account AND u.user_name = a.user_name
  WHERE a.eventname IN ('CreateUser', 'CreateAccessKey')
    AND a.errorcode IS NULL
    AND NOT (a.caller_type = 'IAMUser' AND a.caller_name = a.user_name)
),
creator_addresses AS (
  SELECT DISTINCT cr.account, cr.user_name, c.ip
  FROM creators cr
  JOIN calls c ON c.principal = cr.principal AND c.own_address
),
foreign_use AS (
  SELECT account, user_name, array_join(array_agg(ip ORDER BY ip), ', ') AS ips
  FROM (
    SELECT DISTINCT a.account, a.user_name, a.ip
    FROM activity a
    JOIN (SELECT DISTINCT account, user_name FROM creators) cr ON cr.account = a.account AND cr.user_name = a.user_name
    LEFT JOIN creator_addresses ca ON ca.account = a.account AND ca.user_name = a.user_name AND ca.ip = a.ip
    WHERE a.own_address AND ca.ip IS NULL
  ) t
  GROUP BY account, user_name
),
granted AS (
  SELECT account, user_name, array_join(array_agg(grant_text ORDER BY grant_text), '; ') AS grants
  FROM (SELECT DISTINCT account, user_name, grant_text FROM about_user WHERE grant_text IS NOT NULL) t
  GROUP BY account, user_name
),
identities AS (
  SELECT
    u.account,
    u.user_name,
    u.calls,
    nu.user_name IS NOT NULL AS user_created,
    f.ips AS foreign_ips,
    g.grants
  FROM used u
  LEFT JOIN new_users nu ON nu.account = u.account AND nu.user_name = u.user_name
  LEFT JOIN foreign_use f ON f.account = u.account AND f.user_name = u.user_name
  LEFT JOIN granted g ON g.account = u.account AND g.user_name = u.user_name
),
hits AS (
  SELECT
    a.eventid,
    a.account,
    a.user_name,
    concat(
      a.eventname, ' for ', a.user_name,
      CASE WHEN a.key_id IS NOT NULL THEN concat(' (key ', a.key_id, ')') ELSE '' END,
      CASE WHEN a.policy_arn <> '' THEN concat(' ', a.policy_arn) ELSE '' END,
      CASE WHEN a.eventname = 'AddUserToGroup' THEN concat(' group ', coalesce(a.group_name, '?')) ELSE '' END,
      CASE WHEN a.errorcode IS NOT NULL THEN concat(' (failed: ', a.errorcode, ')') ELSE '' END
    ) AS what
  FROM about_user a
  JOIN used u ON u.account = a.account AND u.user_name = a.user_name
  UNION ALL
  SELECT
    x.eventid,
    x.account,
    x.user_name,
    concat(x.user_name, ' used: ', regexp_replace(x.eventsource, '\.amazonaws\.com$', ''), ':', x.eventname, ' from ', coalesce(x.ip, '?')) AS what
  FROM activity x
)
SELECT
  h.eventid,
  CASE WHEN i.foreign_ips IS NOT NULL OR i.grants IS NOT NULL THEN 'critical' ELSE 'high' END AS severity,
  concat(
    h.what,
    CASE WHEN i.user_created THEN '; user created in the window' ELSE '; access key created in the window' END,
    ' and used (', CAST(i.calls AS VARCHAR), ' call(s))',
    CASE WHEN i.grants IS NOT NULL THEN concat('; granted ', i.grants) ELSE '' END,
    CASE WHEN i.foreign_ips IS NOT NULL THEN concat('; used from ', i.foreign_ips, ', where its creator never was') ELSE '' END
  ) AS detail
FROM hits h
JOIN identities i ON i.account = h.account AND i.user_name = h.user_name
