-- Data events by the resources.type they were logged for (the value a trail's advanced event selectors select on).
-- A data event naming two resource types (an application and its index) counts once for each.
WITH
data_events AS (
  SELECT t.eventid, t.eventsource, t.eventtime, t.resources
  FROM cloudtrail t
  WHERE t.eventcategory = 'Data'
),

idx AS (
  SELECT tens.d * 10 + ones.d AS i
  FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS tens (d)
  CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS ones (d)
),

-- Each data event once per resource it names, or once with a NULL type when it names none.
typed AS (
  SELECT d.eventid, d.eventsource, d.eventtime, element_at(d.resources, idx.i + 1).type AS resourcetype
  FROM data_events d
  JOIN idx ON idx.i < coalesce(nullif(cardinality(d.resources), 0), 1)
)

SELECT
  eventsource,
  resourcetype,
  count(DISTINCT eventid) AS events,
  min_by(eventtime, from_iso8601_timestamp(eventtime)) AS first_seen,
  max_by(eventtime, from_iso8601_timestamp(eventtime)) AS last_seen
FROM typed
GROUP BY eventsource, resourcetype
ORDER BY eventsource, resourcetype
