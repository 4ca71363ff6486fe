-- Playbook question 2: what plugins were used. A plugin is "created", "updated" or "deleted" through the plugin APIs
-- and "invoked" when a chat names it: ChatSync / Chat in PLUGIN_MODE (chatModeConfiguration.pluginConfiguration),
-- an action execution (actionExecution.pluginId) or an action review the response asks for (actionReview.pluginId).
-- One row per (application, plugin, how, failed), with the plugin's name, type and server URL from the latest
-- create or update in the evidence, and every event that shows it.
WITH
plugin_events AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.eventsource,
    t.errorcode,
    json_extract_scalar(t.requestparameters, '$.applicationId') AS applicationid,
    CASE
      WHEN t.eventname IN ('ChatSync', 'Chat') THEN coalesce(
        IF(json_extract_scalar(t.requestparameters, '$.chatMode') = 'PLUGIN_MODE',
           json_extract_scalar(t.requestparameters, '$.chatModeConfiguration.pluginConfiguration.pluginId'), NULL),
        json_extract_scalar(t.requestparameters, '$.actionExecution.pluginId'),
        json_extract_scalar(t.responseelements, '$.actionReview.pluginId'))
      ELSE coalesce(json_extract_scalar(t.responseelements, '$.pluginId'), json_extract_scalar(t.requestparameters, '$.pluginId'))
    END AS pluginid,
    CASE t.eventname
      WHEN 'CreatePlugin' THEN 'created'
      WHEN 'UpdatePlugin' THEN 'updated'
      WHEN 'DeletePlugin' THEN 'deleted'
      ELSE 'invoked'
    END AS how,
    -- Q Developer console plugins name their provider; Q Business plugins have a display name and a type.
    coalesce(json_extract_scalar(t.requestparameters, '$.displayName'), json_extract_scalar(t.requestparameters, '$.pluginProvider')) AS name,
    json_extract_scalar(t.requestparameters, '$.type') AS type,
    coalesce(json_extract_scalar(t.requestparameters, '$.serverUrl'), json_extract_scalar(t.requestparameters, '$.pluginProviderUrl')) AS serverurl,
    coalesce(t.useridentity.arn,
      CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
      t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
    t.useridentity.onbehalfof.userid AS person
  FROM cloudtrail t
  WHERE (t.eventsource = 'qbusiness.amazonaws.com'
         AND t.eventname IN ('CreatePlugin', 'UpdatePlugin', 'DeletePlugin', 'ChatSync', 'Chat'))
     OR (t.eventsource = 'q.amazonaws.com' AND t.eventname IN ('CreatePlugin', 'UpdatePlugin', 'DeletePlugin'))
),

used AS (
  SELECT * FROM plugin_events
  WHERE how <> 'invoked' OR pluginid IS NOT NULL
),

-- What the evidence says about each plugin: the latest successful create or update that names it.
described AS (
  SELECT
    pluginid,
    max_by(name, from_iso8601_timestamp(eventtime)) AS name,
    max_by(type, from_iso8601_timestamp(eventtime)) AS type,
    max_by(serverurl, from_iso8601_timestamp(eventtime)) AS serverurl
  FROM used
  WHERE how IN ('created', 'updated') AND errorcode IS NULL AND pluginid IS NOT NULL
  GROUP BY pluginid
)

SELECT
  u.applicationid,
  u.pluginid,
  u.how,
  u.errorcode IS NOT NULL AS failed,
  u.eventsource,
  arbitrary(coalesce(u.name, d.name)) AS name,
  arbitrary(coalesce(u.type, d.type)) AS type,
  arbitrary(coalesce(u.serverurl, d.serverurl)) AS serverurl,
  count(*) AS events,
  array_agg(u.eventid ORDER BY from_iso8601_timestamp(u.eventtime), u.eventid) AS eventids,
  array_agg(DISTINCT u.principal) AS principals,
  array_agg(DISTINCT u.person) AS people,
  min_by(u.eventtime, from_iso8601_timestamp(u.eventtime)) AS first_seen,
  max_by(u.eventtime, from_iso8601_timestamp(u.eventtime)) AS last_seen
FROM used u
LEFT JOIN described d ON d.pluginid = u.pluginid
GROUP BY u.applicationid, u.pluginid, u.how, u.errorcode IS NOT NULL, u.eventsource
ORDER BY first_seen, u.pluginid, u.how
