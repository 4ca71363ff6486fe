-- Amazon Q Business data sources created or changed; a web crawler seeded with an outside (non-internal) site rates high.
WITH sources AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    coalesce(json_extract_scalar(requestparameters, '$.displayName'),
             json_extract_scalar(requestparameters, '$.dataSourceId'), 'unnamed data source') AS data_source,
    upper(coalesce(json_extract_scalar(requestparameters, '$.configuration.type'),
                   json_extract_scalar(requestparameters, '$.type'))) AS source_type,
    json_extract_scalar(requestparameters, '$.configuration') AS configuration_scalar,
    coalesce(
      json_extract_scalar(requestparameters,
        '$.configuration.connectionConfiguration.repositoryEndpointMetadata.seedUrlConnections[0].seedUrl'),
      json_extract_scalar(requestparameters,
        '$.configuration.connectionConfiguration.repositoryEndpointMetadata.siteMapUrls[0]'),
      json_extract_scalar(requestparameters,
        '$.configuration.connectionConfiguration.repositoryEndpointMetadata.seedUrls[0]'),
      json_extract_scalar(requestparameters, '$.configuration.connectionConfiguration.repositoryEndpointMetadata.s3SeedUrl'),
      -- Any other layout: the first URL anywhere in the configuration.
      regexp_extract(json_format(json_extract(requestparameters, '$.configuration')), 'https?://[^\s"''<>\\]+')
    ) AS seed_url
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname IN ('CreateDataSource', 'UpdateDataSource')
),
rated AS (
  SELECT
    *,
    coalesce(source_type IN ('WEBCRAWLER', 'WEBCRAWLERV2'), false) AS is_crawler,
    lower(url_extract_host(seed_url)) AS seed_host
  FROM sources
),
classified AS (
  SELECT
    *,
    -- Internal: private IPv4 addresses and intranet-only names. Anything else a crawler seeds is an outside site.
    seed_host IS NOT NULL AND (
      regexp_like(seed_host, '^(10\.\d+|192\.168|172\.(1[6-9]|2\d|3[01]))\.\d+\.\d+$')
      OR regexp_like(seed_host, '(^localhost$|\.(internal|intranet|intra|corp|lan|local|localdomain|home\.arpa)$)')
    ) AS internal_seed,
    starts_with(coalesce(seed_url, ''), 's3://') AS seeds_from_s3
  FROM rated
)
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN is_crawler AND NOT internal_seed THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    eventname, ' ', data_source,
    ' type=', coalesce(source_type, CASE WHEN configuration_scalar IS NOT NULL THEN 'hidden' ELSE 'unchanged' END),
    CASE
      WHEN seeds_from_s3 THEN concat(' seeds from ', seed_url)
      WHEN is_crawler AND seed_host IS NOT NULL
        THEN concat(' seed host=', seed_host, CASE WHEN internal_seed THEN ' (internal)' ELSE ' (outside)' END)
      WHEN is_crawler THEN ' seed=unknown'
      WHEN seed_host IS NOT NULL THEN concat(' host=', seed_host)
      ELSE ''
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM classified
