-- What the evidence covers: events by account, region, event source, API and category, with their time range.
SELECT
  coalesce(t.recipientaccountid, t.useridentity.accountid) AS account,
  t.awsregion AS region,
  t.eventsource,
  t.eventname,
  coalesce(t.eventcategory, 'Management') AS category,
  count(*) AS events,
  count_if(t.errorcode IS NOT NULL) AS failed,
  min_by(t.eventtime, from_iso8601_timestamp(t.eventtime)) AS first_seen,
  max_by(t.eventtime, from_iso8601_timestamp(t.eventtime)) AS last_seen
FROM cloudtrail t
GROUP BY coalesce(t.recipientaccountid, t.useridentity.accountid), t.awsregion, t.eventsource, t.eventname,
  coalesce(t.eventcategory, 'Management')
ORDER BY account, region, t.eventsource, t.eventname, category
