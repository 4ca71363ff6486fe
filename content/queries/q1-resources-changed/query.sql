-- Playbook question 1: what resources were created, changed and deleted. Amazon Q resources (Q Business, Q Apps,
-- Q Developer), the IAM identities, keys and policies around them, and the trail that records them.
-- One row per resource per event. Ids come from the response for creates and from the request otherwise.
-- Failed calls are kept with failed = true: they are attempts, not changes. The table below maps each API to its
-- resource: response_id is the id's path in the response; request_id (or request_id_alt) in the request, with
-- request_id_suffix for two-part ids (user/policyName); request_name names it. For list calls (documents),
-- request_id is the list, item_id the id's member in each element and request_name the name's member.
WITH
ops AS (
  SELECT * FROM (
    VALUES
      -- Amazon Q Business
      ('qbusiness.amazonaws.com', 'CreateApplication', 'AWS::QBusiness::Application', 'created', '$.applicationId', '$.applicationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateApplication', 'AWS::QBusiness::Application', 'updated', '', '$.applicationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteApplication', 'AWS::QBusiness::Application', 'deleted', '', '$.applicationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateIndex', 'AWS::QBusiness::Index', 'created', '$.indexId', '$.indexId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateIndex', 'AWS::QBusiness::Index', 'updated', '', '$.indexId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteIndex', 'AWS::QBusiness::Index', 'deleted', '', '$.indexId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateRetriever', 'AWS::QBusiness::Retriever', 'created', '$.retrieverId', '$.retrieverId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateRetriever', 'AWS::QBusiness::Retriever', 'updated', '', '$.retrieverId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteRetriever', 'AWS::QBusiness::Retriever', 'deleted', '', '$.retrieverId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateDataSource', 'AWS::QBusiness::DataSource', 'created', '$.dataSourceId', '$.dataSourceId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateDataSource', 'AWS::QBusiness::DataSource', 'updated', '', '$.dataSourceId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DisableAclOnDataSource', 'AWS::QBusiness::DataSource', 'updated', '', '$.dataSourceId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'DeleteDataSource', 'AWS::QBusiness::DataSource', 'deleted', '', '$.dataSourceId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreatePlugin', 'AWS::QBusiness::Plugin', 'created', '$.pluginId', '$.pluginId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdatePlugin', 'AWS::QBusiness::Plugin', 'updated', '', '$.pluginId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeletePlugin', 'AWS::QBusiness::Plugin', 'deleted', '', '$.pluginId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateWebExperience', 'AWS::QBusiness::WebExperience', 'created', '$.webExperienceId', '$.webExperienceId', '', '', '$.title', ''),
      ('qbusiness.amazonaws.com', 'UpdateWebExperience', 'AWS::QBusiness::WebExperience', 'updated', '', '$.webExperienceId', '', '', '$.title', ''),
      ('qbusiness.amazonaws.com', 'DeleteWebExperience', 'AWS::QBusiness::WebExperience', 'deleted', '', '$.webExperienceId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateDataAccessor', 'AWS::QBusiness::DataAccessor', 'created', '$.dataAccessorId', '$.dataAccessorId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'CreateDataAccessorWithTti', 'AWS::QBusiness::DataAccessor', 'created', '$.dataAccessorId', '$.dataAccessorId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateDataAccessor', 'AWS::QBusiness::DataAccessor', 'updated', '', '$.dataAccessorId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteDataAccessor', 'AWS::QBusiness::DataAccessor', 'deleted', '', '$.dataAccessorId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateChatResponseConfiguration', 'AWS::QBusiness::ChatResponseConfiguration', 'created', '$.chatResponseConfigurationId', '$.chatResponseConfigurationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateChatResponseConfiguration', 'AWS::QBusiness::ChatResponseConfiguration', 'updated', '', '$.chatResponseConfigurationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteChatResponseConfiguration', 'AWS::QBusiness::ChatResponseConfiguration', 'deleted', '', '$.chatResponseConfigurationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'UpdateChatControlsConfiguration', 'AWS::QBusiness::ChatControlsConfiguration', 'updated', '', '$.applicationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'DeleteChatControlsConfiguration', 'AWS::QBusiness::ChatControlsConfiguration', 'deleted', '', '$.applicationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateIntegration', 'AWS::QBusiness::Integration', 'created', '$.integrationId', '$.integrationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'UpdateIntegration', 'AWS::QBusiness::Integration', 'updated', '', '$.integrationId', '', '', '$.displayName', ''),
      ('qbusiness.amazonaws.com', 'DeleteIntegration', 'AWS::QBusiness::Integration', 'deleted', '', '$.integrationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CreateSubscription', 'AWS::QBusiness::Subscription', 'created', '$.subscriptionId', '$.subscriptionId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'UpdateSubscription', 'AWS::QBusiness::Subscription', 'updated', '', '$.subscriptionId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'CancelSubscription', 'AWS::QBusiness::Subscription', 'deleted', '', '$.subscriptionId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'PutResourcePolicy', 'AWS::QBusiness::ResourcePolicy', 'updated', '', '$.applicationId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'AssociatePermission', 'AWS::QBusiness::ResourcePolicy', 'updated', '', '$.applicationId', '', '', '$.statementId', ''),
      ('qbusiness.amazonaws.com', 'DisassociatePermission', 'AWS::QBusiness::ResourcePolicy', 'updated', '', '$.applicationId', '', '', '$.statementId', ''),
      ('qbusiness.amazonaws.com', 'CreateUser', 'AWS::QBusiness::User', 'created', '', '$.userId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'UpdateUser', 'AWS::QBusiness::User', 'updated', '', '$.userId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'DeleteUser', 'AWS::QBusiness::User', 'deleted', '', '$.userId', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'PutGroup', 'AWS::QBusiness::Group', 'updated', '', '$.groupName', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'DeleteGroup', 'AWS::QBusiness::Group', 'deleted', '', '$.groupName', '', '', '', ''),
      -- Documents: one row per element of the request's list (at most 100 per call are read).
      ('qbusiness.amazonaws.com', 'BatchPutDocument', 'AWS::QBusiness::Document', 'created', '', '$.documents', '', '', '.title', '.id'),
      ('qbusiness.amazonaws.com', 'BatchDeleteDocument', 'AWS::QBusiness::Document', 'deleted', '', '$.documents', '', '', '', '.documentId'),
      ('qbusiness.amazonaws.com', 'DeleteAttachment', 'AWS::QBusiness::Attachment', 'deleted', '', '$.attachmentId', '', '', '', ''),
      -- A chat without a conversationId starts a conversation (only those rows are kept, below).
      ('qbusiness.amazonaws.com', 'ChatSync', 'AWS::QBusiness::Conversation', 'created', '$.conversationId', '', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'Chat', 'AWS::QBusiness::Conversation', 'created', '$.conversationId', '', '', '', '', ''),
      ('qbusiness.amazonaws.com', 'DeleteConversation', 'AWS::QBusiness::Conversation', 'deleted', '', '$.conversationId', '', '', '', ''),
      -- Amazon Q Apps
      ('qapps.amazonaws.com', 'CreateQApp', 'AWS::QApps::QApp', 'created', '$.appId', '$.appId', '', '', '$.title', ''),
      ('qapps.amazonaws.com', 'CopyQApp', 'AWS::QApps::QApp', 'created', '$.appId', '', '', '', '', ''),
      ('qapps.amazonaws.com', 'UpdateQApp', 'AWS::QApps::QApp', 'updated', '', '$.appId', '', '', '$.title', ''),
      ('qapps.amazonaws.com', 'UpdateQAppPermissions', 'AWS::QApps::QApp', 'updated', '', '$.appId', '', '', '', ''),
      ('qapps.amazonaws.com', 'DeleteQApp', 'AWS::QApps::QApp', 'deleted', '', '$.appId', '', '', '', ''),
      ('qapps.amazonaws.com', 'CreateLibraryItem', 'AWS::QApps::LibraryItem', 'created', '$.libraryItemId', '$.libraryItemId', '', '', '$.appId', ''),
      ('qapps.amazonaws.com', 'UpdateLibraryItem', 'AWS::QApps::LibraryItem', 'updated', '', '$.libraryItemId', '', '', '', ''),
      ('qapps.amazonaws.com', 'UpdateLibraryItemMetadata', 'AWS::QApps::LibraryItem', 'updated', '', '$.libraryItemId', '', '', '', ''),
      ('qapps.amazonaws.com', 'DeleteLibraryItem', 'AWS::QApps::LibraryItem', 'deleted', '', '$.libraryItemId', '', '', '', ''),
      -- Amazon Q Developer: customizations, profiles, code transformations, console plugins and conversations
      ('codewhisperer.amazonaws.com', 'CreateCustomization', 'AWS::CodeWhisperer::Customization', 'created', '$.customizationArn', '$.customizationArn', '$.identifier', '', '$.name', ''),
      ('codewhisperer.amazonaws.com', 'UpdateCustomization', 'AWS::CodeWhisperer::Customization', 'updated', '', '$.customizationArn', '$.identifier', '', '$.name', ''),
      ('codewhisperer.amazonaws.com', 'DeleteCustomization', 'AWS::CodeWhisperer::Customization', 'deleted', '', '$.customizationArn', '$.identifier', '', '', ''),
      ('codewhisperer.amazonaws.com', 'AssociateCustomizationPermission', 'AWS::CodeWhisperer::Customization', 'updated', '', '$.customizationArn', '$.identifier', '', '', ''),
      ('codewhisperer.amazonaws.com', 'DisassociateCustomizationPermission', 'AWS::CodeWhisperer::Customization', 'updated', '', '$.customizationArn', '$.identifier', '', '', ''),
      ('codewhisperer.amazonaws.com', 'CreateProfile', 'AWS::CodeWhisperer::Profile', 'created', '$.profileArn', '$.profileArn', '$.identifier', '', '$.profileName', ''),
      ('codewhisperer.amazonaws.com', 'UpdateProfile', 'AWS::CodeWhisperer::Profile', 'updated', '', '$.profileArn', '$.identifier', '', '$.profileName', ''),
      ('codewhisperer.amazonaws.com', 'DeleteProfile', 'AWS::CodeWhisperer::Profile', 'deleted', '', '$.profileArn', '$.identifier', '', '', ''),
      ('codewhisperer.amazonaws.com', 'StartTransformation', 'AWS::QDeveloper::CodeTransformation', 'created', '$.transformationJobId', '', '', '', '', ''),
      ('codewhisperer.amazonaws.com', 'StopTransformation', 'AWS::QDeveloper::CodeTransformation', 'updated', '', '$.transformationJobId', '', '', '', ''),
      ('q.amazonaws.com', 'CreatePlugin', 'AWS::QDeveloper::Plugin', 'created', '$.pluginId', '$.pluginId', '', '', '$.pluginProvider', ''),
      ('q.amazonaws.com', 'UpdatePlugin', 'AWS::QDeveloper::Plugin', 'updated', '', '$.pluginId', '', '', '$.pluginProvider', ''),
      ('q.amazonaws.com', 'DeletePlugin', 'AWS::QDeveloper::Plugin', 'deleted', '', '$.pluginId', '', '', '', ''),
      ('q.amazonaws.com', 'StartConversation', 'AWS::QDeveloper::Conversation', 'created', '$.conversationId', '', '', '', '', ''),
      ('q.amazonaws.com', 'DeleteConversation', 'AWS::QDeveloper::Conversation', 'deleted', '', '$.conversationId', '', '', '', ''),
      -- IAM: users, access keys, console passwords, groups, roles and policies
      ('iam.amazonaws.com', 'CreateUser', 'AWS::IAM::User', 'created', '$.user.userName', '$.userName', '', '', '', ''),
      ('iam.amazonaws.com', 'UpdateUser', 'AWS::IAM::User', 'updated', '', '$.userName', '', '', '$.newUserName', ''),
      ('iam.amazonaws.com', 'DeleteUser', 'AWS::IAM::User', 'deleted', '', '$.userName', '', '', '', ''),
      ('iam.amazonaws.com', 'AttachUserPolicy', 'AWS::IAM::User', 'updated', '', '$.userName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'DetachUserPolicy', 'AWS::IAM::User', 'updated', '', '$.userName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'PutUserPolicy', 'AWS::IAM::UserPolicy', 'created', '', '$.userName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'DeleteUserPolicy', 'AWS::IAM::UserPolicy', 'deleted', '', '$.userName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'CreateAccessKey', 'AWS::IAM::AccessKey', 'created', '$.accessKey.accessKeyId', '', '', '', '$.userName', ''),
      ('iam.amazonaws.com', 'UpdateAccessKey', 'AWS::IAM::AccessKey', 'updated', '', '$.accessKeyId', '', '', '$.status', ''),
      ('iam.amazonaws.com', 'DeleteAccessKey', 'AWS::IAM::AccessKey', 'deleted', '', '$.accessKeyId', '', '', '$.userName', ''),
      ('iam.amazonaws.com', 'CreateLoginProfile', 'AWS::IAM::LoginProfile', 'created', '$.loginProfile.userName', '$.userName', '', '', '', ''),
      ('iam.amazonaws.com', 'UpdateLoginProfile', 'AWS::IAM::LoginProfile', 'updated', '', '$.userName', '', '', '', ''),
      ('iam.amazonaws.com', 'DeleteLoginProfile', 'AWS::IAM::LoginProfile', 'deleted', '', '$.userName', '', '', '', ''),
      ('iam.amazonaws.com', 'CreateGroup', 'AWS::IAM::Group', 'created', '$.group.groupName', '$.groupName', '', '', '', ''),
      ('iam.amazonaws.com', 'DeleteGroup', 'AWS::IAM::Group', 'deleted', '', '$.groupName', '', '', '', ''),
      ('iam.amazonaws.com', 'AddUserToGroup', 'AWS::IAM::Group', 'updated', '', '$.groupName', '', '', '$.userName', ''),
      ('iam.amazonaws.com', 'RemoveUserFromGroup', 'AWS::IAM::Group', 'updated', '', '$.groupName', '', '', '$.userName', ''),
      ('iam.amazonaws.com', 'AttachGroupPolicy', 'AWS::IAM::Group', 'updated', '', '$.groupName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'DetachGroupPolicy', 'AWS::IAM::Group', 'updated', '', '$.groupName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'PutGroupPolicy', 'AWS::IAM::GroupPolicy', 'created', '', '$.groupName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'DeleteGroupPolicy', 'AWS::IAM::GroupPolicy', 'deleted', '', '$.groupName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'CreateRole', 'AWS::IAM::Role', 'created', '$.role.roleName', '$.roleName', '', '', '', ''),
      ('iam.amazonaws.com', 'CreateServiceLinkedRole', 'AWS::IAM::Role', 'created', '$.role.roleName', '', '', '', '$.aWSServiceName', ''),
      ('iam.amazonaws.com', 'UpdateRole', 'AWS::IAM::Role', 'updated', '', '$.roleName', '', '', '', ''),
      ('iam.amazonaws.com', 'UpdateAssumeRolePolicy', 'AWS::IAM::Role', 'updated', '', '$.roleName', '', '', '', ''),
      ('iam.amazonaws.com', 'AttachRolePolicy', 'AWS::IAM::Role', 'updated', '', '$.roleName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'DetachRolePolicy', 'AWS::IAM::Role', 'updated', '', '$.roleName', '', '', '$.policyArn', ''),
      ('iam.amazonaws.com', 'DeleteRole', 'AWS::IAM::Role', 'deleted', '', '$.roleName', '', '', '', ''),
      ('iam.amazonaws.com', 'PutRolePolicy', 'AWS::IAM::RolePolicy', 'created', '', '$.roleName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'DeleteRolePolicy', 'AWS::IAM::RolePolicy', 'deleted', '', '$.roleName', '', '$.policyName', '', ''),
      ('iam.amazonaws.com', 'CreatePolicy', 'AWS::IAM::ManagedPolicy', 'created', '$.policy.arn', '', '', '', '$.policyName', ''),
      ('iam.amazonaws.com', 'CreatePolicyVersion', 'AWS::IAM::ManagedPolicy', 'updated', '', '$.policyArn', '', '', '', ''),
      ('iam.amazonaws.com', 'SetDefaultPolicyVersion', 'AWS::IAM::ManagedPolicy', 'updated', '', '$.policyArn', '', '', '$.versionId', ''),
      ('iam.amazonaws.com', 'DeletePolicyVersion', 'AWS::IAM::ManagedPolicy', 'updated', '', '$.policyArn', '', '', '$.versionId', ''),
      ('iam.amazonaws.com', 'DeletePolicy', 'AWS::IAM::ManagedPolicy', 'deleted', '', '$.policyArn', '', '', '', ''),
      -- CloudTrail: the record of all of the above
      ('cloudtrail.amazonaws.com', 'CreateTrail', 'AWS::CloudTrail::Trail', 'created', '$.trailARN', '$.name', '', '', '$.name', ''),
      ('cloudtrail.amazonaws.com', 'UpdateTrail', 'AWS::CloudTrail::Trail', 'updated', '$.trailARN', '$.name', '', '', '', ''),
      ('cloudtrail.amazonaws.com', 'StopLogging', 'AWS::CloudTrail::Trail', 'updated', '', '$.name', '', '', '', ''),
      ('cloudtrail.amazonaws.com', 'StartLogging', 'AWS::CloudTrail::Trail', 'updated', '', '$.name', '', '', '', ''),
      ('cloudtrail.amazonaws.com', 'PutEventSelectors', 'AWS::CloudTrail::Trail', 'updated', '$.trailARN', '$.trailName', '', '', '', ''),
      ('cloudtrail.amazonaws.com', 'PutInsightSelectors', 'AWS::CloudTrail::Trail', 'updated', '$.trailARN', '$.trailName', '', '', '', ''),
      ('cloudtrail.amazonaws.com', 'DeleteTrail', 'AWS::CloudTrail::Trail', 'deleted', '', '$.name', '', '', '', '')
  ) AS v (eventsource, eventname, resourcetype, action, response_id, request_id, request_id_alt, request_id_suffix, request_name, item_id)
),

idx AS (
  SELECT tens.d * 10 + ones.d AS i
  FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS tens (d)
  CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS ones (d)
),

calls AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.eventsource,
    t.eventname,
    t.errorcode,
    t.requestparameters,
    t.responseelements,
    t.sourceipaddress,
    o.resourcetype,
    o.action,
    o.response_id,
    o.request_id,
    o.request_id_alt,
    o.request_id_suffix,
    o.request_name,
    o.item_id,
    coalesce(t.useridentity.arn,
      CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
      t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
    t.useridentity.onbehalfof.userid AS person
  FROM cloudtrail t
  JOIN ops o ON o.eventsource = t.eventsource AND o.eventname = t.eventname
  -- A chat that continues a conversation changes nothing.
  WHERE NOT (t.eventname IN ('ChatSync', 'Chat') AND json_extract_scalar(t.requestparameters, '$.conversationId') IS NOT NULL)
),

-- One row per resource: per element of the list for document calls (a redacted list gives one row), else one.
changes AS (
  SELECT
    c.*,
    idx.i,
    concat(c.request_id, '[', CAST(idx.i AS VARCHAR), ']') AS item
  FROM calls c
  JOIN idx ON idx.i < IF(c.item_id = '', 1, coalesce(json_array_length(json_extract(c.requestparameters, c.request_id)), 1))
)

SELECT
  eventid,
  eventtime,
  eventsource,
  eventname,
  resourcetype,
  action,
  CASE
    -- A list element's id; when the whole list is redacted, the redaction literal.
    WHEN item_id <> '' THEN coalesce(
      json_extract_scalar(requestparameters, concat(item, item_id)),
      IF(i = 0, json_extract_scalar(requestparameters, request_id), NULL))
    ELSE coalesce(
      json_extract_scalar(responseelements, nullif(response_id, '')),
      IF(request_id_suffix <> '',
         concat(json_extract_scalar(requestparameters, request_id), '/', json_extract_scalar(requestparameters, request_id_suffix)),
         coalesce(
           json_extract_scalar(requestparameters, nullif(request_id, '')),
           json_extract_scalar(requestparameters, nullif(request_id_alt, '')))))
  END AS resourceid,
  CASE
    WHEN request_name = '' THEN NULL
    WHEN item_id <> '' THEN json_extract_scalar(requestparameters, concat(item, request_name))
    ELSE json_extract_scalar(requestparameters, request_name)
  END AS resourcename,
  -- A document the service refused is listed in responseElements.failedDocuments.
  -- (CASE, not AND: Trino may evaluate both sides of AND, and item is no JSON path for calls without a list.)
  errorcode IS NOT NULL OR CASE
    WHEN item_id <> '' THEN strpos(coalesce(json_format(json_extract(responseelements, '$.failedDocuments')), ''),
      concat('"id":"', json_extract_scalar(requestparameters, concat(item, item_id)), '"')) > 0
    ELSE false
  END AS failed,
  errorcode,
  principal,
  person,
  sourceipaddress
FROM changes
-- A chat that started no conversation (it failed, or its response was not logged) names nothing.
WHERE NOT (eventname IN ('ChatSync', 'Chat', 'StartConversation') AND json_extract_scalar(responseelements, '$.conversationId') IS NULL)
ORDER BY eventtime, eventid, resourceid
