-- Calls made as the root user; a root console sign-in without MFA is critical, a failed root sign-in medium.
SELECT
  eventid,
  CASE
    WHEN eventname = 'ConsoleLogin' AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
         AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No' THEN 'critical'
    WHEN eventname = 'ConsoleLogin' AND (errorcode IS NOT NULL OR errormessage IS NOT NULL
         OR json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure') THEN 'medium'
    ELSE 'high'
  END AS severity,
  concat(
    'root ', eventname,
    CASE
      WHEN eventname = 'ConsoleLogin' AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'
           AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success' THEN ' without MFA'
      ELSE ''
    END,
    CASE WHEN useridentity.accesskeyid LIKE 'AKIA%' THEN ' with a root access key' ELSE '' END,
    ' from ', coalesce(sourceipaddress, 'unknown address'),
    CASE
      WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')')
      WHEN json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure' THEN ' (failed sign-in)'
      ELSE ''
    END
  ) AS detail
FROM cloudtrail
WHERE useridentity.type = 'Root'
  -- an AWS service acting for the account (invokedBy a service principal) is not root use; the console ("AWS Internal") is
  AND NOT coalesce(useridentity.invokedby, '') LIKE '%.amazonaws.com'
  AND coalesce(eventtype, '') <> 'AwsServiceEvent'
