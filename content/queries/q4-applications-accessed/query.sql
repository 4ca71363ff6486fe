-- Playbook question 4: were these applications accessed, and by whom. Every Q Business or Q Apps call that names an
-- application, by caller: the principal key and the person behind it (onBehalfOf userId). AWS services acting for
-- themselves (scheduled syncs, identity type AWSService) are left out. Failed calls are counted apart: an attempt is
-- evidence, but not use.
WITH
calls AS (
  SELECT
    t.eventid,
    t.eventtime,
    t.eventname,
    t.errorcode,
    t.sourceipaddress,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.applicationId'),
      json_extract_scalar(t.responseelements, '$.applicationId'),
      json_extract_scalar(t.requestparameters, '$.instanceId'),
      json_extract_scalar(t.requestparameters, '$["application-id"]'),
      regexp_extract(element_at(t.resources, 1).arn, ':qbusiness:[^:]*:[^:]*:application/([^/]+)', 1)
    ) AS applicationid,
    coalesce(t.useridentity.arn,
      CASE WHEN t.useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', t.useridentity.onbehalfof.userid) END,
      t.useridentity.principalid, t.useridentity.invokedby, t.useridentity.type) AS principal,
    t.useridentity.onbehalfof.userid AS person
  FROM cloudtrail t
  WHERE t.eventsource IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com')
    AND coalesce(t.useridentity.type, '') <> 'AWSService'
)

SELECT
  applicationid,
  principal,
  person,
  count(*) AS events,
  count_if(errorcode IS NOT NULL) AS failed,
  min_by(eventtime, from_iso8601_timestamp(eventtime)) AS first_seen,
  max_by(eventtime, from_iso8601_timestamp(eventtime)) AS last_seen,
  array_agg(DISTINCT eventname) AS eventnames,
  array_agg(DISTINCT sourceipaddress) AS sourceips,
  min_by(eventid, from_iso8601_timestamp(eventtime)) AS first_eventid
FROM calls
WHERE applicationid IS NOT NULL AND applicationid <> ''
GROUP BY applicationid, principal, person
ORDER BY applicationid, first_seen, principal
