-- Who can reach Amazon Q changed: application identity/attachment/personalization settings, web experiences (role, IdP, origins), anonymous access, ISV permissions and data accessors.
WITH changes AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    recipientaccountid,
    requestparameters AS rp,
    coalesce(json_extract_scalar(requestparameters, '$.applicationId'),
             json_extract_scalar(responseelements, '$.applicationId'), 'unknown application') AS application_id,
    json_array_length(json_extract(requestparameters, '$.origins')) AS origin_count,
    json_extract_scalar(requestparameters, '$.origins[0]') AS first_origin,
    json_extract_scalar(requestparameters, '$.roleArn') AS role_arn,
    json_extract(requestparameters, '$.identityProviderConfiguration') IS NOT NULL AS sets_idp,
    json_extract(requestparameters, '$.authenticationConfiguration') IS NOT NULL AS sets_authentication,
    json_extract_scalar(requestparameters, '$.identityCenterInstanceArn') AS identity_center_arn,
    upper(json_extract_scalar(requestparameters, '$.identityType')) AS identity_type,
    upper(json_extract_scalar(requestparameters, '$.autoSubscriptionConfiguration.autoSubscribe')) AS auto_subscribe,
    upper(json_extract_scalar(requestparameters, '$.attachmentsConfiguration.attachmentsControlMode')) AS attachments,
    upper(json_extract_scalar(requestparameters, '$.personalizationConfiguration.personalizationControlMode'))
      AS personalization,
    upper(json_extract_scalar(requestparameters, '$.qAppsConfiguration.qAppsControlMode')) AS q_apps,
    upper(json_extract_scalar(requestparameters, '$.samplePromptsControlMode')) AS sample_prompts,
    json_extract(requestparameters, '$.browserExtensionConfiguration') IS NOT NULL AS sets_browser_extension,
    json_extract_scalar(requestparameters, '$.principal') AS grantee,
    regexp_extract(json_extract_scalar(requestparameters, '$.principal'), '^arn:aws[a-z-]*:iam::(\d{12}):', 1) AS grantee_account
  FROM cloudtrail
  WHERE (eventsource = 'qbusiness.amazonaws.com' AND eventname IN (
          'CreateApplication', 'UpdateApplication', 'CreateWebExperience', 'UpdateWebExperience',
          'CreateAnonymousWebExperienceUrl', 'AssociatePermission', 'DisassociatePermission', 'PutResourcePolicy',
          'CreateDataAccessor', 'CreateDataAccessorWithTti', 'UpdateDataAccessor'))
     OR (eventsource = 'q.amazonaws.com' AND eventname = 'CreateScimAccessToken')
),
rated AS (
  SELECT
    *,
    CASE
      WHEN eventname = 'CreateApplication' THEN
        CASE WHEN identity_type = 'ANONYMOUS' THEN 'high' END
      WHEN eventname = 'UpdateApplication' THEN
        CASE
          WHEN identity_center_arn IS NOT NULL OR auto_subscribe = 'ENABLED' THEN 'high'
          WHEN role_arn IS NOT NULL OR attachments IS NOT NULL OR personalization IS NOT NULL OR q_apps IS NOT NULL
            OR auto_subscribe IS NOT NULL THEN 'medium'
        END
      WHEN eventname = 'CreateWebExperience' THEN
        CASE WHEN coalesce(origin_count, 0) > 0 THEN 'high' ELSE 'medium' END
      WHEN eventname = 'UpdateWebExperience' THEN
        CASE
          WHEN coalesce(origin_count, 0) > 0 OR role_arn IS NOT NULL OR sets_idp OR sets_authentication THEN 'high'
          WHEN sample_prompts IS NOT NULL OR sets_browser_extension THEN 'medium'
        END
      WHEN eventname IN ('CreateAnonymousWebExperienceUrl', 'CreateScimAccessToken') THEN 'high'
      WHEN eventname IN ('AssociatePermission', 'CreateDataAccessor', 'CreateDataAccessorWithTti') THEN
        CASE WHEN grantee_account IS NOT NULL AND grantee_account = recipientaccountid THEN 'medium' ELSE 'high' END
      ELSE 'medium'
    END AS base_severity,
    regexp_replace(concat(
      CASE WHEN identity_type = 'ANONYMOUS' THEN 'anonymous access (no sign-in); ' ELSE '' END,
      CASE WHEN identity_center_arn IS NOT NULL THEN concat('IAM Identity Center instance set to ', identity_center_arn, '; ') ELSE '' END,
      CASE WHEN auto_subscribe IS NOT NULL THEN concat('auto-subscription ', auto_subscribe, '; ') ELSE '' END,
      CASE WHEN coalesce(origin_count, 0) > 0
        THEN concat(CAST(origin_count AS VARCHAR), ' allowed origin(s), first ', coalesce(first_origin, 'hidden'), '; ') ELSE '' END,
      CASE WHEN role_arn IS NOT NULL AND eventname <> 'CreateWebExperience' THEN concat('role set to ', role_arn, '; ') ELSE '' END,
      CASE WHEN sets_idp THEN 'identity provider configuration changed; ' ELSE '' END,
      CASE WHEN sets_authentication THEN 'authentication (SAML) configuration changed; ' ELSE '' END,
      CASE WHEN attachments IS NOT NULL THEN concat('file attachments ', attachments, '; ') ELSE '' END,
      CASE WHEN personalization IS NOT NULL THEN concat('personalization ', personalization, '; ') ELSE '' END,
      CASE WHEN q_apps IS NOT NULL THEN concat('Q Apps ', q_apps, '; ') ELSE '' END,
      CASE WHEN sample_prompts IS NOT NULL THEN concat('sample prompts ', sample_prompts, '; ') ELSE '' END,
      CASE WHEN sets_browser_extension THEN 'browser extensions changed; ' ELSE '' END,
      CASE WHEN grantee IS NOT NULL THEN concat('grants ', grantee,
        CASE WHEN grantee_account IS NOT NULL AND grantee_account <> coalesce(recipientaccountid, '') THEN ' (another account)' ELSE '' END,
        '; ') ELSE '' END,
      CASE WHEN eventname = 'CreateAnonymousWebExperienceUrl' THEN 'sign-in-free web experience URL issued; ' ELSE '' END,
      CASE WHEN eventname = 'CreateScimAccessToken' THEN 'SCIM token issued (lets an outside system provision users); ' ELSE '' END
    ), ';\s*$', '') AS what
  FROM changes
)
SELECT
  eventid,
  CASE WHEN errorcode IS NOT NULL THEN 'medium' ELSE base_severity END AS severity,
  concat(
    eventname, ' on ', application_id,
    CASE WHEN what <> '' THEN concat(': ', what) ELSE '' END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM rated
WHERE base_severity IS NOT NULL
