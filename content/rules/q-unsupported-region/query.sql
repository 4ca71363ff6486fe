-- Amazon Q calls recorded in a Region where that Amazon Q service is not offered (denied calls included: the Region tried is evidence).
SELECT
  eventid,
  'medium' AS severity,
  concat(
    eventsource, ' ', eventname, ' in ', coalesce(awsregion, 'no Region'),
    ', where the service is not offered',
    CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END
  ) AS detail
FROM cloudtrail
-- Region lists: content/catalog/regions.yaml (regions and optInRegions per event source). Kept in sync by regions-sync.test.ts.
WHERE (eventsource = 'qbusiness.amazonaws.com' AND coalesce(awsregion, '') NOT IN (
        'us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'))
   OR (eventsource = 'qapps.amazonaws.com' AND coalesce(awsregion, '') NOT IN (
        'us-east-1', 'us-west-2'))
   OR (eventsource = 'q.amazonaws.com' AND coalesce(awsregion, '') NOT IN (
        'us-east-2', 'us-east-1', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-3', 'ap-northeast-2',
        'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2',
        'eu-west-3', 'eu-north-1', 'sa-east-1', 'af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3',
        'ap-southeast-5', 'ap-southeast-4', 'ap-southeast-7', 'ca-west-1', 'eu-south-1', 'eu-south-2', 'eu-central-2',
        'mx-central-1', 'me-south-1', 'me-central-1', 'il-central-1'))
   OR (eventsource = 'codewhisperer.amazonaws.com' AND coalesce(awsregion, '') NOT IN (
        'us-east-1', 'eu-central-1'))
   OR (eventsource = 'qdeveloper.amazonaws.com' AND coalesce(awsregion, '') NOT IN (
        'us-east-1', 'eu-central-1'))
