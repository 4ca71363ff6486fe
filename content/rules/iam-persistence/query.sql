-- IAM backdoors and grants: keys/passwords for others, admin policies, outside trust, MFA removal; rated by kind.
WITH calls AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    recipientaccountid,
    coalesce(useridentity.type, '') AS caller_type,
    coalesce(useridentity.username, '') AS caller_name,
    coalesce(requestparameters, '') AS rp,
    json_extract_scalar(requestparameters, '$.userName') AS target_user,
    coalesce(json_extract_scalar(requestparameters, '$.policyArn'), '') AS policy_arn,
    coalesce(json_extract_scalar(requestparameters, '$.policyDocument'),
             json_extract_scalar(requestparameters, '$.assumeRolePolicyDocument'), '') AS doc
  FROM cloudtrail
  WHERE eventsource = 'iam.amazonaws.com'
    AND eventname IN ('CreateUser', 'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile',
                      'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy',
                      'CreatePolicy', 'CreatePolicyVersion', 'CreateRole', 'UpdateAssumeRolePolicy', 'AddUserToGroup',
                      'CreateVirtualMFADevice', 'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice')
    AND coalesce(useridentity.type, '') <> 'AWSService'
),
known_accounts AS (
  SELECT recipientaccountid AS account FROM cloudtrail WHERE recipientaccountid IS NOT NULL
  UNION
  SELECT useridentity.accountid FROM cloudtrail WHERE useridentity.accountid IS NOT NULL
),
facts AS (
  SELECT
    c.*,
    -- the change is about an IAM user other than the caller (roles and root have no user of their own)
    c.target_user IS NOT NULL AND (c.caller_type <> 'IAMUser' OR c.target_user <> c.caller_name) AS for_other,
    regexp_like(c.doc, '"Effect"\s*:\s*"Allow"') AND regexp_like(c.doc, '"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"') AS allows_all,
    -- trust policy principals once the account's own id is removed
    CASE WHEN c.eventname IN ('CreateRole', 'UpdateAssumeRolePolicy') THEN regexp_replace(c.doc, c.recipientaccountid, '') END AS trust
  FROM calls c
),
trust AS (
  SELECT
    f.*,
    regexp_like(coalesce(f.trust, ''), '"AWS"\s*:\s*(\[[^\]]*)?"\*"|"Principal"\s*:\s*"\*"') AS trusts_anyone,
    coalesce(nullif(regexp_extract(coalesce(f.trust, ''), '(iam|sts)::([0-9]{12}):', 2), ''),
             nullif(regexp_extract(coalesce(f.trust, ''), '"AWS"\s*:\s*\[?\s*"([0-9]{12})"', 1), '')) AS trusted_account
  FROM facts f
),
rated AS (
  SELECT
    t.*,
    k.account IS NOT NULL AS account_known,
    CASE
      WHEN t.eventname = 'CreateUser' THEN 'medium'
      WHEN t.eventname IN ('CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile') THEN CASE WHEN t.for_other THEN 'high' ELSE 'medium' END
      WHEN t.eventname IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy') THEN
        CASE
          WHEN regexp_like(t.policy_arn, ':policy/(AdministratorAccess|IAMFullAccess)$') THEN 'high'
          WHEN regexp_like(t.policy_arn, ':policy/PowerUserAccess$') THEN 'medium'
        END
      WHEN t.eventname IN ('PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'CreatePolicyVersion') AND t.allows_all THEN 'high'
      WHEN t.eventname = 'CreatePolicy' AND t.allows_all THEN 'medium'
      WHEN t.eventname IN ('CreateRole', 'UpdateAssumeRolePolicy') THEN
        CASE
          WHEN t.trusts_anyone THEN 'high'
          WHEN t.trusted_account IS NOT NULL AND k.account IS NULL THEN 'high'
          WHEN t.trusted_account IS NOT NULL THEN 'medium'
        END
      WHEN t.eventname = 'AddUserToGroup' AND regexp_like(coalesce(json_extract_scalar(t.rp, '$.groupName'), ''), '(?i)admin') THEN 'medium'
      WHEN t.eventname = 'CreateVirtualMFADevice' THEN 'low'
      WHEN t.eventname = 'EnableMFADevice' AND t.for_other THEN 'medium'
      WHEN t.eventname = 'DeactivateMFADevice' THEN CASE WHEN t.for_other THEN 'high' ELSE 'medium' END
      WHEN t.eventname = 'DeleteVirtualMFADevice' THEN 'medium'
    END AS rating
  FROM trust t
  LEFT JOIN known_accounts k ON k.account = t.trusted_account
)
SELECT
  eventid,
  CASE WHEN errorcode IS NOT NULL THEN 'low' ELSE rating END AS severity,
  concat(
    eventname,
    CASE
      WHEN eventname IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy') THEN concat(' ', regexp_replace(policy_arn, '^.*:policy/', ''))
      WHEN eventname IN ('PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'CreatePolicy', 'CreatePolicyVersion') THEN ' allowing every action'
      WHEN trusts_anyone THEN ' trusting any AWS principal (*)'
      WHEN eventname IN ('CreateRole', 'UpdateAssumeRolePolicy') THEN
        concat(' trusting account ', trusted_account, CASE WHEN account_known THEN ' (seen in this record)' ELSE ' (not seen in this record)' END)
      ELSE ''
    END,
    CASE
      WHEN eventname = 'CreateUser' THEN concat(' ', coalesce(target_user, '?'))
      WHEN target_user IS NOT NULL AND for_other THEN concat(' for another user: ', target_user)
      WHEN target_user IS NOT NULL THEN concat(' for ', target_user)
      ELSE ''
    END,
    CASE
      WHEN json_extract_scalar(rp, '$.roleName') IS NOT NULL THEN concat(' on role ', json_extract_scalar(rp, '$.roleName'))
      WHEN json_extract_scalar(rp, '$.groupName') IS NOT NULL THEN concat(' on group ', json_extract_scalar(rp, '$.groupName'))
      ELSE ''
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM rated
WHERE rating IS NOT NULL
