-- Playbook question 3: what applications Q had access to. Every Q Business application the evidence names (an
-- applicationId in a request or response, a Q Apps instanceId, or a qbusiness resource ARN), with what the evidence
-- ties to it: indexes, retrievers, data sources, plugins and web experiences, the AWS resources it reaches (service
-- roles, S3 buckets, Kendra indexes) and the outside endpoints it reaches (plugin servers, crawler seed URLs).
-- One row per (application, kind, id); only successful calls count, so a probe with a made-up id adds nothing.
-- The table is read once (Athena bills each scan): lists are expanded by position, kinds by a small table.
WITH
q AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.resources,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.applicationId'),
      json_extract_scalar(t.responseelements, '$.applicationId'),
      json_extract_scalar(t.requestparameters, '$.instanceId'),
      json_extract_scalar(t.requestparameters, '$["application-id"]')
    ) AS applicationid,
    coalesce(json_extract_scalar(t.requestparameters, '$.indexId'), json_extract_scalar(t.responseelements, '$.indexId')) AS indexid,
    coalesce(json_extract_scalar(t.requestparameters, '$.retrieverId'), json_extract_scalar(t.responseelements, '$.retrieverId')) AS retrieverid,
    coalesce(json_extract_scalar(t.requestparameters, '$.dataSourceId'), json_extract_scalar(t.responseelements, '$.dataSourceId')) AS datasourceid,
    coalesce(json_extract_scalar(t.requestparameters, '$.webExperienceId'), json_extract_scalar(t.responseelements, '$.webExperienceId')) AS webexperienceid,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.pluginId'),
      json_extract_scalar(t.responseelements, '$.pluginId'),
      json_extract_scalar(t.requestparameters, '$.chatModeConfiguration.pluginConfiguration.pluginId'),
      json_extract_scalar(t.requestparameters, '$.actionExecution.pluginId'),
      json_extract_scalar(t.responseelements, '$.actionReview.pluginId')
    ) AS pluginid,
    -- The service role the application, a data source, a web experience or a document upload runs as.
    json_extract_scalar(t.requestparameters, '$.roleArn') AS rolearn,
    json_extract_scalar(t.requestparameters, '$.configuration.kendraIndexConfiguration.indexId') AS kendraindexid,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.configuration.connectionConfiguration.repositoryEndpointMetadata.BucketName'),
      json_extract_scalar(t.requestparameters, '$.configuration.connectionConfiguration.repositoryEndpointMetadata.bucketName')
    ) AS bucket,
    json_extract_scalar(t.requestparameters, '$.serverUrl') AS serverurl,
    json_extract(t.requestparameters, '$.documents') AS documents,
    json_extract(t.requestparameters, '$.configuration.connectionConfiguration.repositoryEndpointMetadata.seedUrlConnections') AS seeds
  FROM cloudtrail t
  WHERE t.eventsource IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com') AND t.errorcode IS NULL
),

idx AS (
  SELECT tens.d * 10 + ones.d AS i
  FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS tens (d)
  CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS ones (d)
),

-- Each event at position 0, and at every further position of its resources, documents or crawler seed URLs.
expanded AS (
  SELECT
    q.*,
    idx.i,
    element_at(q.resources, idx.i + 1).arn AS arn,
    json_extract_scalar(q.documents, concat('$[', CAST(idx.i AS VARCHAR), '].content.s3.bucket')) AS documentbucket,
    json_extract_scalar(q.seeds, concat('$[', CAST(idx.i AS VARCHAR), '].seedUrl')) AS seedurl
  FROM q
  JOIN idx ON idx.i = 0 OR idx.i < cardinality(q.resources) OR idx.i < json_array_length(q.documents)
    OR idx.i < json_array_length(q.seeds)
),

-- Where each kind is read: 'event' from the request or response (position 0), 'arn' from a qbusiness resource ARN
-- (application/<id>[/index/<id>[/data-source/<id>]], /retriever/, /plugin/, /web-experience/), 'list' from a list.
kinds AS (
  SELECT * FROM (
    VALUES
      ('application', 'event'), ('index', 'event'), ('retriever', 'event'), ('data-source', 'event'),
      ('web-experience', 'event'), ('plugin', 'event'), ('iam-role', 'event'), ('kendra-index', 'event'),
      ('s3-bucket', 'event'), ('endpoint', 'event'),
      ('application', 'arn'), ('index', 'arn'), ('retriever', 'arn'), ('data-source', 'arn'),
      ('web-experience', 'arn'), ('plugin', 'arn'),
      ('s3-bucket', 'list'), ('endpoint', 'list')
  ) AS v (kind, origin)
),

links AS (
  SELECT
    IF(k.origin = 'arn', regexp_extract(e.arn, '^arn:[^:]+:qbusiness:[^:]*:[^:]*:application/([^/]+)', 1), e.applicationid) AS applicationid,
    k.kind,
    CASE k.origin
      WHEN 'event' THEN IF(e.i = 0, CASE k.kind
        WHEN 'application' THEN e.applicationid
        WHEN 'index' THEN e.indexid
        WHEN 'retriever' THEN e.retrieverid
        WHEN 'data-source' THEN e.datasourceid
        WHEN 'web-experience' THEN e.webexperienceid
        WHEN 'plugin' THEN e.pluginid
        WHEN 'iam-role' THEN e.rolearn
        WHEN 'kendra-index' THEN e.kendraindexid
        WHEN 's3-bucket' THEN e.bucket
        WHEN 'endpoint' THEN e.serverurl
      END, NULL)
      WHEN 'arn' THEN CASE k.kind
        WHEN 'application' THEN regexp_extract(e.arn, ':application/([^/]+)', 1)
        WHEN 'index' THEN regexp_extract(e.arn, '/index/([^/]+)', 1)
        WHEN 'retriever' THEN regexp_extract(e.arn, '/retriever/([^/]+)', 1)
        WHEN 'data-source' THEN regexp_extract(e.arn, '/data-source/([^/]+)', 1)
        WHEN 'web-experience' THEN regexp_extract(e.arn, '/web-experience/([^/]+)', 1)
        WHEN 'plugin' THEN regexp_extract(e.arn, '/plugin/([^/]+)', 1)
      END
      WHEN 'list' THEN IF(k.kind = 's3-bucket', e.documentbucket, e.seedurl)
    END AS id,
    e.eventid,
    e.eventtime
  FROM expanded e
  CROSS JOIN kinds k
)

SELECT
  applicationid,
  kind,
  id,
  count(DISTINCT eventid) AS events,
  min_by(eventid, from_iso8601_timestamp(eventtime)) AS first_eventid,
  min_by(eventtime, from_iso8601_timestamp(eventtime)) AS first_seen,
  max_by(eventtime, from_iso8601_timestamp(eventtime)) AS last_seen
FROM links
WHERE applicationid IS NOT NULL AND applicationid <> '' AND id IS NOT NULL AND id <> ''
GROUP BY applicationid, kind, id
ORDER BY applicationid, kind, first_seen, id
