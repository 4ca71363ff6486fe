-- Amazon Q configuration destroyed: applications, indexes, retrievers, data sources, plugins, web experiences, Q Developer profiles and the like deleted.
SELECT
  eventid,
  CASE
    WHEN errorcode IS NOT NULL THEN 'medium'
    WHEN eventsource = 'qapps.amazonaws.com' THEN 'medium'
    ELSE 'high'
  END AS severity,
  concat(
    eventname, ' ',
    coalesce(
      json_extract_scalar(requestparameters, '$.dataSourceId'),
      json_extract_scalar(requestparameters, '$.pluginId'),
      json_extract_scalar(requestparameters, '$.webExperienceId'),
      json_extract_scalar(requestparameters, '$.retrieverId'),
      json_extract_scalar(requestparameters, '$.indexId'),
      json_extract_scalar(requestparameters, '$.dataAccessorId'),
      json_extract_scalar(requestparameters, '$.integrationId'),
      json_extract_scalar(requestparameters, '$.chatResponseConfigurationId'),
      json_extract_scalar(requestparameters, '$.appId'),
      json_extract_scalar(requestparameters, '$.libraryItemId'),
      json_extract_scalar(requestparameters, '$.customizationArn'),
      json_extract_scalar(requestparameters, '$.identifier'),
      json_extract_scalar(requestparameters, '$.profileArn'),
      json_extract_scalar(requestparameters, '$.applicationId'),
      'unknown resource'
    ),
    CASE
      WHEN json_extract_scalar(requestparameters, '$.applicationId') IS NOT NULL AND eventname <> 'DeleteApplication'
        THEN concat(' in application ', json_extract_scalar(requestparameters, '$.applicationId'))
      ELSE ''
    END,
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM cloudtrail
WHERE (eventsource = 'qbusiness.amazonaws.com' AND eventname IN (
        'DeleteApplication', 'DeleteIndex', 'DeleteRetriever', 'DeleteDataSource', 'DeletePlugin', 'DeleteWebExperience',
        'DeleteDataAccessor', 'DeleteIntegration', 'DeleteChatResponseConfiguration'))
   OR (eventsource = 'q.amazonaws.com' AND eventname IN ('DeletePlugin', 'DeleteOAuthAppConnection'))
   OR (eventsource = 'codewhisperer.amazonaws.com' AND eventname IN ('DeleteProfile', 'DeleteCustomization'))
   OR (eventsource = 'qapps.amazonaws.com' AND eventname IN ('DeleteQApp', 'DeleteLibraryItem', 'BatchDeleteCategory'))
