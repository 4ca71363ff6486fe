-- Amazon Q Business chat controls loosened: blocked phrases or topic controls removed, users exempted, creator mode or LLM general knowledge switched on.
WITH updates AS (
  SELECT
    eventid,
    errorcode,
    coalesce(json_extract_scalar(requestparameters, '$.applicationId'), 'unknown application') AS application_id,
    json_extract(requestparameters, '$.blockedPhrasesConfigurationUpdate.blockedPhrasesToDelete') AS phrases_deleted,
    json_extract(requestparameters, '$.topicConfigurationsToDelete') AS topics_deleted,
    upper(json_extract_scalar(requestparameters, '$.creatorModeConfiguration.creatorModeControl')) AS creator_mode,
    upper(json_extract_scalar(requestparameters, '$.responseScope')) AS response_scope,
    upper(json_extract_scalar(requestparameters, '$.hallucinationReductionConfiguration.hallucinationReductionControl'))
      AS hallucination_reduction,
    coalesce(json_format(json_extract(requestparameters, '$.topicConfigurationsToCreateOrUpdate')), '') AS topics_upserted
  FROM cloudtrail
  WHERE eventsource = 'qbusiness.amazonaws.com'
    AND eventname = 'UpdateChatControlsConfiguration'
),
flags AS (
  SELECT
    eventid,
    errorcode,
    application_id,
    -- An array of phrases, or a value CloudTrail hid: either way phrases were asked to be removed.
    phrases_deleted IS NOT NULL AND json_format(phrases_deleted) <> 'null'
      AND coalesce(json_array_length(phrases_deleted), 1) > 0 AS removes_phrases,
    json_array_length(phrases_deleted) AS phrases_deleted_count,
    topics_deleted IS NOT NULL AND json_format(topics_deleted) <> 'null'
      AND coalesce(json_array_length(topics_deleted), 1) > 0 AS removes_topics,
    json_array_length(topics_deleted) AS topics_deleted_count,
    coalesce(creator_mode = 'ENABLED', false) AS enables_creator_mode,
    coalesce(response_scope = 'EXTENDED_KNOWLEDGE_ENABLED', false) AS enables_general_knowledge,
    -- A topic rule (blocker or retrieval scope) that no longer applies to some users or groups.
    regexp_like(topics_upserted, '"excludedUsersAndGroups"\s*:\s*\{[^}]*\[\s*"') AS exempts_users,
    coalesce(hallucination_reduction = 'DISABLED', false) AS disables_hallucination_reduction
  FROM updates
),
described AS (
  SELECT
    *,
    removes_phrases OR removes_topics OR enables_creator_mode OR enables_general_knowledge OR exempts_users AS weakens,
    regexp_replace(concat(
      CASE WHEN removes_phrases
        THEN concat('removed ', coalesce(CAST(phrases_deleted_count AS VARCHAR), 'hidden'), ' blocked phrase(s); ') ELSE '' END,
      CASE WHEN removes_topics
        THEN concat('deleted ', coalesce(CAST(topics_deleted_count AS VARCHAR), 'hidden'), ' topic control(s); ') ELSE '' END,
      CASE WHEN exempts_users THEN 'exempted users or groups from a topic control; ' ELSE '' END,
      CASE WHEN enables_creator_mode THEN 'enabled creator mode; ' ELSE '' END,
      CASE WHEN enables_general_knowledge THEN 'response scope set to EXTENDED_KNOWLEDGE_ENABLED; ' ELSE '' END,
      CASE WHEN disables_hallucination_reduction THEN 'disabled hallucination reduction; ' ELSE '' END
    ), ';\s*$', '') AS weakened
  FROM flags
)
SELECT
  eventid,
  CASE
    WHEN NOT weakens AND NOT disables_hallucination_reduction THEN 'low'
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN weakens THEN 'high'
    ELSE 'medium'
  END AS severity,
  concat(
    'UpdateChatControlsConfiguration on ', application_id, ': ',
    CASE WHEN weakened = '' THEN 'adds or tightens controls only' ELSE weakened END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM described
