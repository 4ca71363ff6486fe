-- LeaveOrganization, RemoveAccountFromOrganization, DeleteOrganization or SCPs disabled: high; failed attempts medium.
SELECT
  eventid,
  CASE WHEN errorcode IS NOT NULL THEN 'medium' ELSE 'high' END AS severity,
  concat(
    eventname,
    CASE
      WHEN eventname = 'RemoveAccountFromOrganization' THEN concat(' account ', coalesce(json_extract_scalar(requestparameters, '$.accountId'), '?'))
      WHEN eventname = 'LeaveOrganization' THEN concat(' by account ', coalesce(recipientaccountid, '?'))
      WHEN eventname = 'DisablePolicyType' THEN concat(' SERVICE_CONTROL_POLICY on ', coalesce(json_extract_scalar(requestparameters, '$.rootId'), '?'))
      ELSE ''
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM cloudtrail
WHERE eventsource = 'organizations.amazonaws.com'
  AND (eventname IN ('LeaveOrganization', 'RemoveAccountFromOrganization', 'DeleteOrganization')
       OR (eventname = 'DisablePolicyType' AND json_extract_scalar(requestparameters, '$.policyType') = 'SERVICE_CONTROL_POLICY'))
