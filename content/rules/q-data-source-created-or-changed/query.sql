-- Amazon Q Business data sources created or changed; a web crawler with any seed outside (not internal) rates high.
WITH sources AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    coalesce(json_extract_scalar(requestparameters, '$.displayName'),
             json_extract_scalar(requestparameters, '$.dataSourceId'), 'unnamed data source') AS data_source,
    json_extract_scalar(requestparameters, '$.configuration') AS configuration_scalar,
    -- The configuration as JSON text: a JSON document, or (as some clients send it) a string holding one.
    regexp_replace(
      coalesce(json_extract_scalar(requestparameters, '$.configuration'),
               json_format(json_extract(requestparameters, '$.configuration')), ''),
      '\\/', '/') AS configuration,
    json_extract_scalar(requestparameters, '$.type') AS request_type
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname IN ('CreateDataSource', 'UpdateDataSource')
),
typed AS (
  SELECT
    *,
    upper(coalesce(json_extract_scalar(configuration, '$.type'), request_type)) AS source_type,
    -- Every place a seed can sit (seedUrlConnections[*].seedUrl, siteMapUrls, s3SeedUrl, seedUrls,
    -- seedUrlConfiguration.seedUrls, repositoryConfigurations, additionalProperties ...) is read by taking every URL
    -- string in the configuration, once URL crawl and index patterns (regular expressions, not sites) are removed.
    regexp_replace(regexp_replace(configuration,
      '(?i)"[a-z]*(patterns?|filters?)"\s*:\s*\[(\s*"[^"\\]*(\\.[^"\\]*)*"\s*,?)*\s*\]', '"patterns":[]'),
      '(?i)"[a-z]*(patterns?|filters?)"\s*:\s*"[^"\\]*(\\.[^"\\]*)*"', '"patterns":""') AS sites_text
  FROM sources
),
urls AS (
  SELECT DISTINCT
    t.eventid,
    u.token AS url,
    lower(url_extract_host(u.token)) AS host,
    starts_with(lower(u.token), 's3://') AS in_s3
  FROM typed t
  CROSS JOIN UNNEST(split(t.sites_text, '"')) AS u(token)
  WHERE regexp_like(u.token, '(?i)^(https?|s3)://[^\s]+$')
),
classified_urls AS (
  SELECT
    *,
    -- Internal: private IPv4 and IPv6 addresses and intranet-only names. Anything else is an outside site.
    host IS NOT NULL AND NOT in_s3 AND (
      regexp_like(host, '^(10\.\d+|192\.168|172\.(1[6-9]|2\d|3[01])|127\.\d+)\.\d+\.\d+$')
      OR regexp_like(host, '^\[(f[cd][0-9a-f]{2}:|::1\])')
      OR regexp_like(host, '(^localhost$|\.(internal|intranet|intra|corp|lan|local|localdomain|home\.arpa)$)')
    ) AS internal
  FROM urls
),
hosts AS (
  SELECT DISTINCT eventid, host, internal
  FROM classified_urls
  WHERE NOT in_s3 AND host IS NOT NULL
),
host_lists AS (
  SELECT
    eventid,
    count(*) AS host_count,
    count_if(NOT internal) AS outside_hosts,
    array_join(array_agg(concat(host, CASE WHEN internal THEN ' (internal)' ELSE ' (outside)' END) ORDER BY internal, host), ', ') AS labels
  FROM hosts
  GROUP BY eventid
),
s3_lists AS (
  SELECT eventid, array_join(array_agg(url ORDER BY url), ', ') AS s3_seeds
  FROM classified_urls
  WHERE in_s3
  GROUP BY eventid
),
rated AS (
  SELECT
    t.*,
    coalesce(t.source_type IN ('WEBCRAWLER', 'WEBCRAWLERV2'), false) AS is_crawler,
    coalesce(h.host_count, 0) AS host_count,
    coalesce(h.outside_hosts, 0) AS outside_hosts,
    h.labels,
    s.s3_seeds
  FROM typed t
  LEFT JOIN host_lists h ON h.eventid = t.eventid
  LEFT JOIN s3_lists s ON s.eventid = t.eventid
)
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    -- a crawler with any outside seed, with seeds in S3 (cannot be checked), or with no readable seed
    WHEN is_crawler AND (outside_hosts > 0 OR s3_seeds IS NOT NULL OR host_count = 0) THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    eventname, ' ', data_source,
    ' type=', coalesce(source_type, CASE WHEN configuration_scalar IS NOT NULL THEN 'hidden' ELSE 'unchanged' END),
    CASE
      WHEN host_count > 0 THEN concat(
        CASE WHEN is_crawler THEN ' seed' ELSE '' END,
        CASE WHEN host_count > 1 THEN ' hosts=' ELSE ' host=' END, labels)
      ELSE ''
    END,
    CASE WHEN s3_seeds IS NOT NULL THEN concat(' seeds from ', s3_seeds) ELSE '' END,
    CASE WHEN is_crawler AND host_count = 0 AND s3_seeds IS NULL THEN ' seed=unknown' ELSE '' END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM rated
