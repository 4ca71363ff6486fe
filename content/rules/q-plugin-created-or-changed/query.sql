-- Amazon Q plugins created or changed; custom plugins, plugins without authentication and plugins that call hosts outside well-known SaaS domains rate high.
WITH plugins AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    upper(coalesce(
      json_extract_scalar(requestparameters, '$.type'),
      json_extract_scalar(requestparameters, '$.pluginType'),
      json_extract_scalar(requestparameters, '$.pluginProvider'),
      json_extract_scalar(requestparameters, '$.provider')
    )) AS plugin_type,
    coalesce(
      json_extract_scalar(requestparameters, '$.displayName'),
      json_extract_scalar(requestparameters, '$.pluginDisplayName'),
      json_extract_scalar(requestparameters, '$.pluginId'),
      json_extract_scalar(responseelements, '$.pluginId')
    ) AS plugin_name,
    json_extract(requestparameters, '$.customPluginConfiguration') IS NOT NULL AS has_custom_configuration,
    json_extract(requestparameters, '$.authConfiguration.noAuthConfiguration') IS NOT NULL AS no_auth,
    -- The host the plugin calls: serverUrl, else the first URL of the OpenAPI schema, else any URL in the request.
    lower(url_extract_host(coalesce(
      regexp_extract(json_extract_scalar(requestparameters, '$.serverUrl'), '^https?://\S+'),
      regexp_extract(json_extract_scalar(requestparameters, '$.customPluginConfiguration.apiSchema.payload'),
                     'https?://[^\s"''<>\\]+'),
      regexp_extract(requestparameters, 'https?://[^\s"''<>\\]+')
    ))) AS host
  FROM cloudtrail
  WHERE eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com')
    AND eventname IN ('CreatePlugin', 'UpdatePlugin')
),
rated AS (
  SELECT
    *,
    coalesce(plugin_type = 'CUSTOM', false) OR has_custom_configuration AS is_custom,
    host IS NOT NULL AND NOT regexp_like(host,
      '(^|\.)(atlassian\.net|atlassian\.com|salesforce\.com|force\.com|service-now\.com|servicenow\.com|zendesk\.com|microsoft\.com|microsoftonline\.com|office\.com|office365\.com|outlook\.com|sharepoint\.com|googleapis\.com|google\.com|asana\.com|smartsheet\.com|pagerduty\.com|amazonaws\.com|amazon\.com|datadoghq\.com|datadoghq\.eu|wiz\.io|cloudzero\.com)$'
    ) AS outside_host
  FROM plugins
)
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN is_custom OR no_auth OR outside_host THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    eventname, ' ', coalesce(plugin_name, 'unnamed plugin'),
    ' type=', coalesce(plugin_type, CASE WHEN has_custom_configuration THEN 'CUSTOM' ELSE 'unchanged' END),
    ' host=', coalesce(host, 'none'),
    CASE WHEN outside_host THEN ' (outside known SaaS domains)' ELSE '' END,
    CASE WHEN no_auth THEN ' auth=none' ELSE '' END,
    CASE WHEN eventsource = 'q.amazonaws.com' THEN ' [Q Developer]' ELSE '' END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM rated
