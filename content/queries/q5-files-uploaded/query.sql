-- Playbook question 5: was any file uploaded to Q. Documents put into a Q Business index (BatchPutDocument, one row
-- per document), files attached to a Q Business chat (ChatSync / Chat attachments), files imported into Q Apps, and
-- Q Developer uploads (CreateUploadUrl: code for transformations, reviews and tests). Where the service redacts a
-- value it is kept as written (HIDDEN_DUE_TO_SECURITY_REASONS), never guessed. Failed calls are kept (failed).
-- The table is read once (Athena bills each scan): list calls are expanded by position.
WITH
calls AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.eventsource,
    t.eventname,
    t.errorcode,
    t.requestparameters AS rp,
    t.responseelements AS re,
    t.sourceipaddress,
    CASE
      WHEN t.eventname = 'BatchPutDocument' THEN 'BatchPutDocument'
      WHEN t.eventname IN ('ChatSync', 'Chat') THEN 'ChatSync attachment'
      WHEN t.eventsource = 'qapps.amazonaws.com' THEN 'Q Apps import'
      ELSE 'CreateUploadUrl'
    END AS via,
    -- The list a call carries: documents or attachments (NULL for the others, or when the service redacted it whole).
    CASE
      WHEN t.eventname = 'BatchPutDocument' THEN json_extract(t.requestparameters, '$.documents')
      WHEN t.eventname IN ('ChatSync', 'Chat') THEN json_extract(t.requestparameters, '$.attachments')
    END AS list,
    coalesce(t.useridentity.arn,
      CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
      t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
    t.useridentity.onbehalfof.userid AS person
  FROM cloudtrail t
  WHERE (t.eventsource = 'qbusiness.amazonaws.com' AND t.eventname IN ('BatchPutDocument', 'ChatSync', 'Chat'))
     OR (t.eventsource = 'qapps.amazonaws.com' AND t.eventname IN ('ImportDocument', 'ImportDocumentToQApp', 'ImportDocumentToQAppSession'))
     OR (t.eventsource = 'codewhisperer.amazonaws.com' AND t.eventname = 'CreateUploadUrl')
),

idx AS (
  SELECT tens.d * 10 + ones.d AS i
  FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS tens (d)
  CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS ones (d)
),

-- One row per file: per list element; one row for a redacted list (item is the list itself); none for a chat
-- without attachments; one for the other calls.
files AS (
  SELECT
    c.*,
    idx.i,
    IF(json_array_length(c.list) IS NULL, '$', concat('$[', CAST(idx.i AS VARCHAR), ']')) AS item
  FROM calls c
  JOIN idx ON idx.i < CASE
    WHEN c.via = 'ChatSync attachment' AND c.list IS NULL THEN 0
    WHEN c.list IS NULL THEN 1
    ELSE coalesce(json_array_length(c.list), 1)
  END
)

SELECT
  CASE via
    WHEN 'CreateUploadUrl' THEN json_extract_scalar(rp, '$.profileArn')
    WHEN 'Q Apps import' THEN coalesce(json_extract_scalar(rp, '$.instanceId'), json_extract_scalar(rp, '$["application-id"]'))
    ELSE json_extract_scalar(rp, '$.applicationId')
  END AS applicationid,
  IF(via = 'BatchPutDocument', json_extract_scalar(rp, '$.indexId'), NULL) AS indexid,
  CASE via
    WHEN 'BatchPutDocument' THEN coalesce(json_extract_scalar(list, concat(item, '.id')), json_extract_scalar(list, item))
    WHEN 'ChatSync attachment' THEN coalesce(
      json_extract_scalar(list, concat(item, '.name')),
      json_extract_scalar(list, concat(item, '.copyFrom.conversation.attachmentId')),
      json_extract_scalar(list, item))
    WHEN 'Q Apps import' THEN coalesce(json_extract_scalar(re, '$.fileId'), json_extract_scalar(rp, '$.fileName'))
    ELSE json_extract_scalar(re, '$.uploadId')
  END AS documentid,
  CASE via
    WHEN 'BatchPutDocument' THEN json_extract_scalar(list, concat(item, '.title'))
    WHEN 'ChatSync attachment' THEN json_extract_scalar(list, concat(item, '.name'))
    WHEN 'Q Apps import' THEN json_extract_scalar(rp, '$.fileName')
  END AS name,
  IF(via = 'BatchPutDocument', json_extract_scalar(list, concat(item, '.contentType')), NULL) AS contenttype,
  via,
  CASE
    WHEN via = 'BatchPutDocument' AND json_extract_scalar(list, concat(item, '.content.s3.bucket')) IS NOT NULL THEN concat(
      's3://', json_extract_scalar(list, concat(item, '.content.s3.bucket')), '/',
      coalesce(json_extract_scalar(list, concat(item, '.content.s3.key')), ''))
    WHEN via = 'BatchPutDocument' AND json_extract(list, concat(item, '.content.blob')) IS NOT NULL THEN 'blob'
    WHEN via = 'ChatSync attachment' AND json_extract(list, concat(item, '.copyFrom')) IS NOT NULL THEN concat(
      'conversation ', coalesce(json_extract_scalar(list, concat(item, '.copyFrom.conversation.conversationId')), '?'))
  END AS source,
  CASE via
    WHEN 'BatchPutDocument' THEN json_extract_scalar(rp, '$.roleArn')
    WHEN 'ChatSync attachment' THEN json_extract_scalar(rp, '$.conversationId')
    WHEN 'Q Apps import' THEN coalesce(
      concat('app ', json_extract_scalar(rp, '$.appId')), concat('session ', json_extract_scalar(rp, '$.sessionId')))
    ELSE concat(coalesce(json_extract_scalar(rp, '$.uploadIntent'), '?'), ' ', coalesce(json_extract_scalar(rp, '$.artifactType'), '?'))
  END AS detail,
  -- The service lists the documents and attachments it refused in the response.
  errorcode IS NOT NULL
    OR (via = 'BatchPutDocument' AND strpos(coalesce(json_format(json_extract(re, '$.failedDocuments')), ''),
          concat('"id":"', json_extract_scalar(list, concat(item, '.id')), '"')) > 0)
    OR (via = 'ChatSync attachment' AND strpos(coalesce(json_format(json_extract(re, '$.failedAttachments')), ''),
          concat('"name":"', json_extract_scalar(list, concat(item, '.name')), '"')) > 0) AS failed,
  errorcode,
  eventid,
  eventtime,
  eventsource,
  eventname,
  principal,
  person,
  sourceipaddress
FROM files
ORDER BY eventtime, eventid, i
