-- A principal whose first Amazon Q activity in the window is a burst of 4+ distinct read/list operations (resource discovery) within 15 minutes.
WITH q_calls AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    useragent,
    sessioncredentialfromconsole,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid, useridentity.invokedby, useridentity.type) AS principal
  FROM cloudtrail
  WHERE eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com', 'qapps.amazonaws.com',
                        'codewhisperer.amazonaws.com', 'qdeveloper.amazonaws.com')
    AND coalesce(useridentity.type, '') <> 'AWSService'
    AND useridentity.invokedby IS NULL
),
first_seen AS (
  SELECT principal, min(ts) AS first_ts
  FROM q_calls
  GROUP BY principal
),
early_reads AS (
  SELECT c.*
  FROM q_calls c
  JOIN first_seen f ON f.principal = c.principal
  WHERE c.ts < date_add('minute', 15, f.first_ts)
    -- Read operations of the catalog (content/catalog/operations.json, kind "read"), without the ones end users make
    -- by chatting or running Q Apps (categories chat-conversation, general, q-apps). Kept in sync by catalog-sync.test.ts.
    AND concat(c.eventsource, ' ', c.eventname) IN (
      -- catalog:read-operations begin
      'qbusiness.amazonaws.com CheckDocumentAccess', 'qbusiness.amazonaws.com GetApplication',
      'qbusiness.amazonaws.com GetChatControlsConfiguration', 'qbusiness.amazonaws.com GetChatResponseConfiguration',
      'qbusiness.amazonaws.com GetDataAccessor', 'qbusiness.amazonaws.com GetDataSource',
      'qbusiness.amazonaws.com GetDocumentContent', 'qbusiness.amazonaws.com GetGroup',
      'qbusiness.amazonaws.com GetIndex', 'qbusiness.amazonaws.com GetIntegration',
      'qbusiness.amazonaws.com GetPlugin', 'qbusiness.amazonaws.com GetPolicy',
      'qbusiness.amazonaws.com GetRetriever', 'qbusiness.amazonaws.com GetUser',
      'qbusiness.amazonaws.com GetWebExperience', 'qbusiness.amazonaws.com ListApplications',
      'qbusiness.amazonaws.com ListChatResponseConfigurations', 'qbusiness.amazonaws.com ListDataAccessors',
      'qbusiness.amazonaws.com ListDataSourceSyncJobs', 'qbusiness.amazonaws.com ListDataSources',
      'qbusiness.amazonaws.com ListDocuments', 'qbusiness.amazonaws.com ListGroups',
      'qbusiness.amazonaws.com ListIndices', 'qbusiness.amazonaws.com ListIntegrations',
      'qbusiness.amazonaws.com ListPluginActions', 'qbusiness.amazonaws.com ListPluginTypeActions',
      'qbusiness.amazonaws.com ListPluginTypeMetadata', 'qbusiness.amazonaws.com ListPlugins',
      'qbusiness.amazonaws.com ListRetrievers', 'qbusiness.amazonaws.com ListSubscriptions',
      'qbusiness.amazonaws.com ListTagsForResource', 'qbusiness.amazonaws.com ListWebExperiences',
      'qbusiness.amazonaws.com SearchRelevantContent', 'q.amazonaws.com BatchDescribeGroups',
      'q.amazonaws.com BatchDescribeUsers', 'q.amazonaws.com BatchGetGroups', 'q.amazonaws.com BatchGetUsers',
      'q.amazonaws.com GetConnector', 'q.amazonaws.com GetIdentityMetadata', 'q.amazonaws.com GetPlugin',
      'q.amazonaws.com ListDashboardMetrics', 'q.amazonaws.com ListGroups', 'q.amazonaws.com ListLoginDomains',
      'q.amazonaws.com ListPluginProviders', 'q.amazonaws.com ListPlugins', 'q.amazonaws.com ListScimAccessTokens',
      'q.amazonaws.com ListTagsForResource', 'q.amazonaws.com ListUsers', 'qapps.amazonaws.com ListTagsForResource',
      'codewhisperer.amazonaws.com ExportResultArchive', 'codewhisperer.amazonaws.com GetCustomization',
      'codewhisperer.amazonaws.com ListCustomizationPermissions',
      'codewhisperer.amazonaws.com ListCustomizationVersions', 'codewhisperer.amazonaws.com ListCustomizations',
      'codewhisperer.amazonaws.com ListProfiles', 'codewhisperer.amazonaws.com ListTagsForResource',
      'qdeveloper.amazonaws.com ExportArtifact', 'qdeveloper.amazonaws.com ListTagsForResource'
      -- catalog:read-operations end
    )
),
bursts AS (
  SELECT
    principal,
    count(DISTINCT concat(eventsource, ' ', eventname)) AS operations,
    count_if(errorcode IS NOT NULL) AS failed,
    -- Calls made from the AWS console rather than scripts or the CLI.
    bool_and(coalesce(sessioncredentialfromconsole, '') = 'true'
             OR regexp_like(coalesce(useragent, ''), '^(Mozilla/|AWS Internal)|console\.amazonaws\.com')) AS console_only
  FROM early_reads
  GROUP BY principal
  HAVING count(DISTINCT concat(eventsource, ' ', eventname)) >= 4
)
SELECT
  r.eventid,
  CASE WHEN b.console_only THEN 'low' ELSE 'medium' END AS severity,
  concat(
    'First Amazon Q activity of this principal: ', CAST(b.operations AS VARCHAR),
    ' distinct read/list operations within 15 minutes',
    CASE WHEN b.failed > 0 THEN concat(', ', CAST(b.failed AS VARCHAR), ' denied or failed') ELSE '' END,
    CASE WHEN b.console_only THEN ' (from the console)' ELSE '' END
  ) AS detail
FROM early_reads r
JOIN bursts b ON b.principal = r.principal
