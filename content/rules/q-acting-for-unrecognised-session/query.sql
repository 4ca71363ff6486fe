-- Amazon Q making AWS calls for a principal within 2 minutes of that principal's Q chat from a new network (an address in a /24, IPv6 /64, it had not used earlier in the window).
WITH base AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid) AS principal,
    lower(sourceipaddress) AS ip,
    useridentity.invokedby AS invokedby,
    coalesce(useridentity.type, '') AS identity_type,
    coalesce(sourceipaddress, '') AS source,
    coalesce(useragent, '') AS ua
  FROM cloudtrail
),
-- Calls Amazon Q made for the person: marked with Q as the invoker, source or agent, and Q's own PassRequest.
q_calls AS (
  SELECT eventid, eventsource, eventname, ts, principal
  FROM base
  WHERE principal IS NOT NULL
    AND identity_type <> 'AWSService'
    AND (invokedby = 'q.amazonaws.com' OR source = 'q.amazonaws.com' OR ua = 'q.amazonaws.com'
         OR (eventsource = 'q.amazonaws.com' AND eventname = 'PassRequest'))
    AND NOT (eventsource = 'q.amazonaws.com' AND eventname IN ('SendMessage', 'StartConversation'))
),
-- The principal's own calls, from an address (not a service name or AWS Internal), not made by a service for it.
own AS (
  SELECT *, strpos(ip, '::') AS dc, regexp_extract(ip, '^::ffff:([0-9]{1,3}(\.[0-9]{1,3}){3})$', 1) AS mapped_v4
  FROM base
  WHERE principal IS NOT NULL
    AND invokedby IS NULL
    AND identity_type <> 'AWSService'
    AND NOT (eventsource = 'q.amazonaws.com' AND eventname = 'PassRequest')
    AND regexp_like(source, '^[0-9]{1,3}(\.[0-9]{1,3}){3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$')
),
own_parts AS (
  SELECT
    *,
    CASE WHEN dc > 0 THEN substr(ip, 1, dc - 1) ELSE ip END AS head,
    CASE WHEN dc > 0 THEN substr(ip, dc + 2) ELSE '' END AS tail
  FROM own
),
own_full AS (
  SELECT
    *,
    CASE WHEN dc > 0 THEN concat(
      head,
      CASE WHEN head = '' THEN '' ELSE ':' END,
      substr('0:0:0:0:0:0:0:0', 1,
        2 * (8 - CASE WHEN head = '' THEN 0 ELSE cardinality(split(head, ':')) END
               - CASE WHEN tail = '' THEN 0 ELSE cardinality(split(tail, ':')) END) - 1),
      CASE WHEN tail = '' THEN '' ELSE ':' END,
      tail)
    ELSE ip END AS full6
  FROM own_parts
),
ev AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    ts,
    principal,
    ip,
    CASE
      WHEN regexp_like(ip, '^[0-9.]+$') THEN concat(regexp_extract(ip, '^([0-9]+\.[0-9]+\.[0-9]+)\.', 1), '.0/24')
      WHEN mapped_v4 IS NOT NULL THEN concat(regexp_extract(mapped_v4, '^([0-9]+\.[0-9]+\.[0-9]+)\.', 1), '.0/24')
      ELSE concat(regexp_replace(regexp_extract(full6, '^([0-9a-f]*:[0-9a-f]*:[0-9a-f]*:[0-9a-f]*)', 1), '(^|:)0+([0-9a-f])', '$1$2'), '::/64')
    END AS net
  FROM own_full
),
principal_first AS (
  SELECT principal, min(ts) AS first_ts FROM ev GROUP BY principal
),
addresses AS (
  SELECT principal, ip, net, min(ts) AS first_ts FROM ev GROUP BY principal, ip, net
),
-- Addresses first used after the principal's first call, in a network none of its earlier addresses was in.
new_addresses AS (
  SELECT a.principal, a.ip, a.net, a.first_ts
  FROM addresses a
  JOIN principal_first p ON p.principal = a.principal
  LEFT JOIN addresses b
    ON b.principal = a.principal
   AND b.first_ts < a.first_ts
   AND b.net = a.net
  WHERE a.first_ts > p.first_ts
  GROUP BY a.principal, a.ip, a.net, a.first_ts
  HAVING count(b.ip) = 0
),
earlier_addresses AS (
  SELECT n.principal, n.ip, array_join(array_agg(b.ip ORDER BY b.first_ts, b.ip), ', ') AS earlier
  FROM new_addresses n
  JOIN addresses b ON b.principal = n.principal AND b.first_ts < n.first_ts
  GROUP BY n.principal, n.ip
),
-- Q chat calls from a new address.
chats AS (
  SELECT e.eventid, e.eventname, e.ts, e.principal, e.ip, ea.earlier
  FROM ev e
  JOIN new_addresses n ON n.principal = e.principal AND n.ip = e.ip
  JOIN earlier_addresses ea ON ea.principal = e.principal AND ea.ip = e.ip
  WHERE e.eventsource = 'q.amazonaws.com'
    AND e.eventname IN ('SendMessage', 'StartConversation')
),
-- Each call Q made within two minutes after such a chat.
chains AS (
  SELECT
    c.eventid AS chat_id,
    c.eventname AS chat_name,
    c.ts AS chat_ts,
    c.ip,
    c.earlier,
    q.eventid AS call_id,
    concat(regexp_replace(q.eventsource, '\.amazonaws\.com$', ''), ':', q.eventname) AS call_name,
    q.ts AS call_ts
  FROM chats c
  JOIN q_calls q
    ON q.principal = c.principal
   AND q.ts >= c.ts
   AND q.ts <= date_add('minute', 2, c.ts)
),
chat_calls AS (
  SELECT chat_id, array_join(array_agg(call_name ORDER BY call_name), ', ') AS calls, sum(n) AS n
  FROM (SELECT chat_id, call_name, count(*) AS n FROM chains GROUP BY chat_id, call_name) t
  GROUP BY chat_id
),
flagged_chats AS (
  SELECT
    c.chat_id AS eventid,
    concat(
      arbitrary(c.chat_name), ' from new address ', arbitrary(c.ip), ' (earlier: ', arbitrary(c.earlier),
      '); Amazon Q then made ', CAST(arbitrary(cc.n) AS VARCHAR), ' call(s) for this session: ', arbitrary(cc.calls)
    ) AS detail
  FROM chains c
  JOIN chat_calls cc ON cc.chat_id = c.chat_id
  GROUP BY c.chat_id
),
flagged_calls AS (
  SELECT
    call_id AS eventid,
    concat(
      'Amazon Q called ', min_by(call_name, chat_ts), ' ',
      CAST(date_diff('second', max(chat_ts), arbitrary(call_ts)) AS VARCHAR), ' s after ', max_by(chat_name, chat_ts),
      ' from new address ', max_by(ip, chat_ts), ' (earlier: ', max_by(earlier, chat_ts), ')'
    ) AS detail
  FROM chains
  GROUP BY call_id
)
SELECT eventid, 'high' AS severity, detail FROM flagged_chats
UNION ALL
SELECT eventid, 'high' AS severity, detail FROM flagged_calls
