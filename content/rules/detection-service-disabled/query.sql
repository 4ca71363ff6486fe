-- GuardDuty, Security Hub, Config, Access Analyzer, Inspector, Macie or Detective turned off, cut loose or told to ignore findings.
WITH calls AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    coalesce(requestparameters, '') AS rp,
    CASE
      -- GuardDuty
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname IN ('DeleteDetector', 'DeletePublishingDestination', 'DeleteMalwareProtectionPlan',
           'DisassociateFromMasterAccount', 'DisassociateFromAdministratorAccount', 'StopMonitoringMembers', 'DisableOrganizationAdminAccount') THEN 'high'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname = 'UpdateDetector'
           AND json_extract_scalar(requestparameters, '$.enable') = 'false' THEN 'high'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname = 'UpdateDetector'
           AND regexp_like(coalesce(requestparameters, ''), '"status"\s*:\s*"DISABLED"|"enable"\s*:\s*false|"ebsVolumes"\s*:\s*false') THEN 'medium'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname = 'UpdateMalwareScanSettings'
           AND regexp_like(coalesce(requestparameters, ''), '"scanResourceCriteria"\s*:\s*\{\s*"(include|exclude)"') THEN 'high'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname = 'UpdateMalwareScanSettings'
           AND regexp_like(coalesce(requestparameters, ''), '"NO_RETENTION"') THEN 'medium'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname IN ('CreateFilter', 'UpdateFilter')
           AND json_extract_scalar(requestparameters, '$.action') = 'ARCHIVE' THEN 'medium'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname IN ('CreateIPSet', 'UpdateIPSet') THEN 'medium'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname IN ('DisassociateMembers', 'DeleteMembers') THEN 'medium'
      WHEN eventsource = 'guardduty.amazonaws.com' AND eventname = 'UpdateOrganizationConfiguration'
           AND regexp_like(coalesce(requestparameters, ''), '"autoEnable"\s*:\s*false|"autoEnableOrganizationMembers"\s*:\s*"NONE"') THEN 'medium'
      -- Security Hub
      WHEN eventsource = 'securityhub.amazonaws.com' AND eventname IN ('DisableSecurityHub', 'DisassociateFromMasterAccount',
           'DisassociateFromAdministratorAccount', 'DisableOrganizationAdminAccount') THEN 'high'
      WHEN eventsource = 'securityhub.amazonaws.com' AND eventname IN ('BatchDisableStandards', 'DisableImportFindingsForProduct') THEN 'medium'
      -- AWS Config
      WHEN eventsource = 'config.amazonaws.com' AND eventname IN ('StopConfigurationRecorder', 'DeleteConfigurationRecorder',
           'DeleteDeliveryChannel') THEN 'high'
      -- IAM Access Analyzer
      WHEN eventsource = 'access-analyzer.amazonaws.com' AND eventname = 'DeleteAnalyzer' THEN 'high'
      WHEN eventsource = 'access-analyzer.amazonaws.com' AND eventname IN ('CreateArchiveRule', 'UpdateArchiveRule') THEN 'medium'
      -- Inspector, Macie, Detective
      WHEN eventsource = 'inspector2.amazonaws.com' AND eventname = 'Disable' THEN 'high'
      WHEN eventsource = 'macie2.amazonaws.com' AND eventname = 'DisableMacie' THEN 'high'
      WHEN eventsource = 'detective.amazonaws.com' AND eventname = 'DeleteGraph' THEN 'high'
    END AS rating
  FROM cloudtrail
  WHERE eventsource IN ('guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'config.amazonaws.com', 'access-analyzer.amazonaws.com',
                        'inspector2.amazonaws.com', 'macie2.amazonaws.com', 'detective.amazonaws.com')
    AND coalesce(useridentity.type, '') <> 'AWSService'
)
SELECT
  eventid,
  CASE WHEN errorcode IS NOT NULL THEN 'medium' ELSE rating END AS severity,
  concat(
    regexp_replace(eventsource, '\.amazonaws\.com$', ''), ':', eventname,
    CASE
      WHEN eventname = 'UpdateDetector' AND rating = 'high' THEN ' (detector disabled)'
      WHEN eventname = 'UpdateDetector' THEN ' (protection plan or data source disabled)'
      WHEN eventname IN ('CreateFilter', 'UpdateFilter') THEN ' (findings auto-archived)'
      WHEN eventname IN ('CreateIPSet', 'UpdateIPSet') THEN ' (trusted IP list: no findings for these addresses)'
      WHEN eventname = 'UpdateMalwareScanSettings' AND rating = 'high' THEN ' (malware scans limited by tags)'
      WHEN eventname = 'UpdateMalwareScanSettings' THEN ' (scan snapshots no longer kept)'
      ELSE ''
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM calls
WHERE rating IS NOT NULL
