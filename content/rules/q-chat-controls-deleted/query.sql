-- The chat controls (blocked phrases, topic controls, creator mode, response scope) of an Amazon Q Business application deleted.
SELECT
  eventid,
  CASE WHEN errorcode IS NOT NULL THEN 'medium' ELSE 'high' END AS severity,
  concat(
    'DeleteChatControlsConfiguration on ',
    coalesce(json_extract_scalar(requestparameters, '$.applicationId'), 'unknown application'),
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE ': every guardrail reset to defaults' END
  ) AS detail
FROM cloudtrail
WHERE eventsource = 'qbusiness.amazonaws.com'
  AND eventname = 'DeleteChatControlsConfiguration'
