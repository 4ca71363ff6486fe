-- IAM and Identity Center changes that hand out Amazon Q access: Q managed policies attached, policies granting qbusiness:*, q:*, qapps:*, codewhisperer:* (account-wide admin grants are iam-persistence's).
WITH iam AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    requestparameters,
    responseelements,
    coalesce(json_extract_scalar(requestparameters, '$.policyArn'),
             json_extract_scalar(requestparameters, '$.managedPolicyArn')) AS policy_arn,
    coalesce(json_extract_scalar(requestparameters, '$.policyDocument'),
             json_extract_scalar(requestparameters, '$.inlinePolicy')) AS raw_document,
    coalesce(
      concat('user ', json_extract_scalar(requestparameters, '$.userName')),
      concat('role ', json_extract_scalar(requestparameters, '$.roleName')),
      concat('group ', json_extract_scalar(requestparameters, '$.groupName')),
      concat('permission set ', json_extract_scalar(requestparameters, '$.permissionSetArn')),
      concat('policy ', json_extract_scalar(requestparameters, '$.policyName')),
      concat('policy ', json_extract_scalar(requestparameters, '$.policyArn')),
      'unknown target'
    ) AS target
  FROM cloudtrail
  WHERE (eventsource = 'iam.amazonaws.com' AND eventname IN (
          'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy',
          'CreatePolicy', 'CreatePolicyVersion'))
     OR (eventsource = 'sso.amazonaws.com' AND eventname IN (
          'AttachManagedPolicyToPermissionSet', 'PutInlinePolicyToPermissionSet'))
),
decoded AS (
  SELECT
    *,
    -- Policy documents arrive as JSON text, or URL-encoded (%7B%22Version%22...): decode the characters the patterns read.
    CASE WHEN regexp_like(coalesce(raw_document, ''), '^\s*%7[Bb]')
      THEN regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
             regexp_replace(regexp_replace(regexp_replace(regexp_replace(raw_document,
               '(?i)%22', '"'), '(?i)%3A', ':'), '(?i)%2A', '*'), '(?i)%7B', '{'), '(?i)%7D', '}'), '(?i)%5B', '['),
               '(?i)%5D', ']'), '(?i)%2C', ','), '(?i)%2F', '/'), '\+', ' '), '%[0-9A-Fa-f]{2}', ' ')
      ELSE raw_document
    END AS document
  FROM iam
),
graded AS (
  SELECT
    *,
    CASE
      -- An Allow statement whose Action (string or list) holds a Q service wildcard, "*:*" or "*".
      WHEN regexp_like(coalesce(document, ''),
             '(?i)"effect"\s*:\s*"allow"[^{}]*"action"\s*:\s*(\[[^\]]*)?"(qbusiness|q|qapps|codewhisperer|qdeveloper):\*"')
        OR regexp_like(coalesce(document, ''),
             '(?i)"action"\s*:\s*(\[[^\]]*)?"(qbusiness|q|qapps|codewhisperer|qdeveloper):\*"[^{}]*"effect"\s*:\s*"allow"')
        THEN 'wildcard'
      WHEN regexp_like(coalesce(document, ''),
             '(?i)"effect"\s*:\s*"allow"[^{}]*"action"\s*:\s*(\[[^\]]*)?"(qbusiness|q|qapps|codewhisperer|qdeveloper):[a-z*]+"')
        OR regexp_like(coalesce(document, ''),
             '(?i)"action"\s*:\s*(\[[^\]]*)?"(qbusiness|q|qapps|codewhisperer|qdeveloper):[a-z*]+"[^{}]*"effect"\s*:\s*"allow"')
        THEN 'specific'
    END AS document_grant,
    CASE
      WHEN regexp_like(coalesce(policy_arn, ''),
             '(?i)^arn:aws[a-z-]*:iam::aws:policy/(.+/)?(AmazonQ|QBusiness|QApps|CodeWhisperer|AmazonCodeWhisperer|QDeveloper)\w*(FullAccess|Admin\w*)$')
        THEN 'q-full'
      WHEN regexp_like(coalesce(policy_arn, ''),
             '(?i)^arn:aws[a-z-]*:iam::aws:policy/(.+/)?(AmazonQ|QBusiness|QApps|CodeWhisperer|AmazonCodeWhisperer|QDeveloper)\w*$')
        THEN 'q-managed'
    END AS managed_grant
  FROM decoded
),
-- Customer managed policies created (or given a new version) in the window with a document granting Amazon Q.
granting_policies AS (
  SELECT
    coalesce(json_extract_scalar(responseelements, '$.policy.arn'), json_extract_scalar(requestparameters, '$.policyArn')) AS arn,
    max(document_grant) AS document_grant
  FROM graded
  WHERE eventname IN ('CreatePolicy', 'CreatePolicyVersion')
    AND document_grant IS NOT NULL
    AND errorcode IS NULL
  GROUP BY coalesce(json_extract_scalar(responseelements, '$.policy.arn'), json_extract_scalar(requestparameters, '$.policyArn'))
),
hits AS (
  SELECT
    g.eventid,
    g.eventname,
    g.errorcode,
    g.target,
    g.policy_arn,
    g.document_grant,
    g.managed_grant,
    p.document_grant AS attached_grant
  FROM graded g
  LEFT JOIN granting_policies p
    ON g.eventname IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'AttachManagedPolicyToPermissionSet')
   AND p.arn = g.policy_arn
  WHERE g.document_grant IS NOT NULL OR g.managed_grant IS NOT NULL OR p.document_grant IS NOT NULL
)
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN document_grant = 'wildcard' OR attached_grant = 'wildcard' OR managed_grant = 'q-full' THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    eventname, ' on ', target, ': ',
    CASE
      WHEN managed_grant IS NOT NULL THEN concat('attaches Amazon Q managed policy ', policy_arn)
      WHEN attached_grant = 'wildcard' THEN concat('attaches ', policy_arn, ', created in the window with a Q wildcard grant')
      WHEN attached_grant IS NOT NULL THEN concat('attaches ', policy_arn, ', created in the window granting Amazon Q actions')
      WHEN document_grant = 'wildcard' THEN 'policy document allows a Q service wildcard (qbusiness:*, q:*, qapps:*, codewhisperer:*) or *'
      ELSE 'policy document allows Amazon Q actions'
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM hits
