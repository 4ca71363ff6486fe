-- Five or more Amazon Q calls denied (AccessDenied*/UnauthorizedOperation) to one principal within ten minutes; flags every denied call of the burst.
WITH denied AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    errorcode,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid, useridentity.invokedby, useridentity.type) AS principal
  FROM cloudtrail
  WHERE eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com', 'qapps.amazonaws.com',
                        'codewhisperer.amazonaws.com', 'qdeveloper.amazonaws.com')
    AND (errorcode LIKE '%AccessDenied%' OR errorcode LIKE '%UnauthorizedOperation%')
),
-- Each denied call that opens a ten-minute span holding at least five denied calls of the same principal.
burst_starts AS (
  SELECT a.principal, a.ts AS start_ts
  FROM denied a
  JOIN denied b
    ON b.principal = a.principal
   AND b.ts >= a.ts
   AND b.ts < date_add('minute', 10, a.ts)
  GROUP BY a.principal, a.eventid, a.ts
  HAVING count(DISTINCT b.eventid) >= 5
),
flagged AS (
  SELECT DISTINCT d.eventid, d.eventsource, d.eventname, d.errorcode, d.principal
  FROM burst_starts s
  JOIN denied d
    ON d.principal = s.principal
   AND d.ts >= s.start_ts
   AND d.ts < date_add('minute', 10, s.start_ts)
),
totals AS (
  SELECT principal, count(*) AS denied_calls, count(DISTINCT eventname) AS operations
  FROM flagged
  GROUP BY principal
)
SELECT
  f.eventid,
  'medium' AS severity,
  concat(
    f.eventname, ' denied (', f.errorcode, '): one of ', CAST(t.denied_calls AS VARCHAR),
    ' denied Amazon Q calls (', CAST(t.operations AS VARCHAR), ' operations) in 10-minute bursts'
  ) AS detail
FROM flagged f
JOIN totals t ON t.principal = f.principal
