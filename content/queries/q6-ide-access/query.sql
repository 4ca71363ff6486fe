-- Playbook question 6: does Q have access to any IDE environment. Every Amazon Q Developer call (codewhisperer,
-- qdeveloper, and q.amazonaws.com console chat), grouped by caller and client family: the IDE plugin or other client
-- the user agent names (the AmazonQ-For-<IDE> token the plugins add), else the IDE category the request reports.
-- Calls Amazon Q makes itself (invokedBy) and AWS services acting for themselves are left out.
WITH
calls AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.eventname,
    t.errorcode,
    t.sourceipaddress,
    coalesce(json_extract_scalar(t.requestparameters, '$.profileArn'),
             json_extract_scalar(t.requestparameters, '$.conversationState.profileArn')) AS profilearn,
    regexp_extract(t.useragent, '((AmazonQ|AWS-Toolkit|AWSToolkit)[-A-Za-z]*/[^ ]+)', 1) AS clienttoken,
    CASE
      WHEN regexp_like(t.useragent, '(?i)AmazonQ-For-VSCode|Toolkit-For-VSCode|vscode') THEN 'VS Code'
      WHEN regexp_like(t.useragent, '(?i)AmazonQ-For-JetBrains|Toolkit-For-JetBrains|jetbrains') THEN 'JetBrains'
      WHEN regexp_like(t.useragent, '(?i)AmazonQ-For-VisualStudio|ToolkitForVisualStudio|Visual ?Studio') THEN 'Visual Studio'
      WHEN regexp_like(t.useragent, '(?i)AmazonQ-For-Eclipse|Toolkit-For-Eclipse|eclipse') THEN 'Eclipse'
      WHEN regexp_like(t.useragent, '(?i)AmazonQ-For-CLI|amazon-?q-?(developer-?)?cli|q-?cli/|codewhisperer-?cli') THEN 'CLI'
      WHEN json_extract_scalar(t.requestparameters, '$.userContext.ideCategory') = 'VSCODE' THEN 'VS Code'
      WHEN json_extract_scalar(t.requestparameters, '$.userContext.ideCategory') = 'JETBRAINS' THEN 'JetBrains'
      WHEN json_extract_scalar(t.requestparameters, '$.userContext.ideCategory') = 'VISUAL_STUDIO' THEN 'Visual Studio'
      WHEN json_extract_scalar(t.requestparameters, '$.userContext.ideCategory') = 'ECLIPSE' THEN 'Eclipse'
      WHEN json_extract_scalar(t.requestparameters, '$.userContext.ideCategory') = 'CLI' THEN 'CLI'
      WHEN starts_with(coalesce(t.useragent, ''), 'Mozilla/') THEN 'console'
      WHEN regexp_like(t.useragent, '(?i)^aws-cli/') THEN 'AWS CLI'
      WHEN regexp_like(t.useragent, '(?i)aws-sdk|boto3|botocore') THEN 'SDK'
      ELSE 'other'
    END AS client,
    coalesce(t.useridentity.arn,
      CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
      t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
    t.useridentity.onbehalfof.userid AS person
  FROM cloudtrail t
  WHERE t.eventsource IN ('codewhisperer.amazonaws.com', 'qdeveloper.amazonaws.com', 'q.amazonaws.com')
    AND t.useridentity.invokedby IS NULL
    AND coalesce(t.useridentity.type, '') <> 'AWSService'
)

SELECT
  principal,
  person,
  client,
  client IN ('VS Code', 'JetBrains', 'Visual Studio', 'Eclipse', 'CLI') AS ide,
  count(*) AS events,
  count_if(errorcode IS NOT NULL) AS failed,
  min_by(eventtime, from_iso8601_timestamp(eventtime)) AS first_seen,
  max_by(eventtime, from_iso8601_timestamp(eventtime)) AS last_seen,
  array_agg(DISTINCT clienttoken) AS clienttokens,
  array_agg(DISTINCT sourceipaddress) AS sourceips,
  array_agg(DISTINCT eventname) AS eventnames,
  array_agg(DISTINCT profilearn) AS profiles,
  min_by(eventid, from_iso8601_timestamp(eventtime)) AS first_eventid
FROM calls
GROUP BY principal, person, client
ORDER BY first_seen, principal, client
