-- Amazon Q Business clean-up: documents and conversations deleted within 60 minutes of each other from one address that had put documents earlier.
WITH qb AS (
  SELECT
    eventid,
    eventname,
    from_iso8601_timestamp(eventtime) AS ts,
    sourceipaddress AS ip,
    json_extract_scalar(requestparameters, '$.applicationId') AS application,
    json_extract_scalar(requestparameters, '$.conversationId') AS conversation,
    coalesce(json_array_length(json_extract(requestparameters, '$.documents')), 0) AS documents
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname IN ('BatchPutDocument', 'BatchDeleteDocument', 'DeleteConversation')
    AND errorcode IS NULL
    -- a person's address: not a call a service made, not a service name or AWS Internal
    AND useridentity.invokedby IS NULL
    AND coalesce(useridentity.type, '') <> 'AWSService'
    AND regexp_like(coalesce(sourceipaddress, ''), '^[0-9]{1,3}(\.[0-9]{1,3}){3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$')
),
first_put AS (
  SELECT ip, min(ts) AS put_ts
  FROM qb
  WHERE eventname = 'BatchPutDocument'
  GROUP BY ip
),
-- Document deletions after a put from the same address, with conversation deletions from it within 60 minutes.
pairs AS (
  SELECT
    d.eventid AS doc_id,
    c.eventid AS conv_id,
    d.ip
  FROM qb d
  JOIN first_put p ON p.ip = d.ip AND p.put_ts < d.ts
  JOIN qb c
    ON c.ip = d.ip
   AND c.eventname = 'DeleteConversation'
   AND c.ts >= date_add('minute', -60, d.ts)
   AND c.ts <= date_add('minute', 60, d.ts)
  WHERE d.eventname = 'BatchDeleteDocument'
),
flagged AS (
  SELECT DISTINCT doc_id AS eventid, ip FROM pairs
  UNION
  SELECT DISTINCT conv_id AS eventid, ip FROM pairs
),
per_address AS (
  SELECT
    f.ip,
    -- a deletion whose document list CloudTrail did not keep counts as one document
    sum(CASE WHEN q.eventname = 'BatchDeleteDocument' THEN CASE WHEN q.documents > 0 THEN q.documents ELSE 1 END ELSE 0 END) AS documents,
    count_if(q.eventname = 'BatchDeleteDocument') AS document_calls,
    count_if(q.eventname = 'DeleteConversation') AS conversations
  FROM flagged f
  JOIN qb q ON q.eventid = f.eventid
  GROUP BY f.ip
)
SELECT
  q.eventid,
  CASE WHEN a.documents >= 2 THEN 'high' ELSE 'medium' END AS severity,
  concat(
    q.eventname,
    CASE WHEN q.eventname = 'BatchDeleteDocument'
         THEN concat(' of ', CAST(CASE WHEN q.documents > 0 THEN q.documents ELSE 1 END AS VARCHAR), ' document(s)')
         ELSE concat(' of conversation ', coalesce(q.conversation, '?')) END,
    CASE WHEN q.application IS NOT NULL THEN concat(' in application ', q.application) ELSE '' END,
    ' from ', q.ip, ', which put documents at ', to_iso8601(p.put_ts), ': ',
    CAST(a.documents AS VARCHAR), ' document(s) and ', CAST(a.conversations AS VARCHAR),
    ' conversation(s) deleted from this address within 60 minutes of each other'
  ) AS detail
FROM flagged f
JOIN qb q ON q.eventid = f.eventid
JOIN per_address a ON a.ip = f.ip
JOIN first_put p ON p.ip = f.ip
