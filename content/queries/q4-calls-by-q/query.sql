-- Playbook question 4, Amazon Q Developer side: AWS calls Amazon Q made on someone's behalf. Q signs them with the
-- person's own session and marks them: userIdentity.invokedBy, sourceIPAddress or userAgent is the Q service.
-- Calls to Q itself (PassRequest, Q's record of handing the request on) are left out: they are not AWS resources.
SELECT
  t.eventid,
  t.eventtime,
  t.eventsource,
  t.eventname,
  t.awsregion,
  t.errorcode,
  CASE
    WHEN t.useridentity.invokedby IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com')
      THEN t.useridentity.invokedby
    WHEN t.sourceipaddress IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com')
      THEN t.sourceipaddress
    ELSE t.useragent
  END AS invokedby,
  t.requestparameters,
  coalesce(t.useridentity.arn,
    CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
         THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
    t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
  t.useridentity.onbehalfof.userid AS person,
  t.useridentity.accesskeyid AS accesskeyid
FROM cloudtrail t
WHERE (t.useridentity.invokedby IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com')
       OR t.sourceipaddress IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com')
       OR t.useragent IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com'))
  AND t.eventsource NOT IN ('q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com',
                            'qdeveloper.amazonaws.com')
  AND coalesce(t.useridentity.type, '') <> 'AWSService'
ORDER BY t.eventtime, t.eventid
