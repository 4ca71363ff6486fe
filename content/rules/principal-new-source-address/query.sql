-- Events from an address a principal had not used before whose /24 (IPv6: /64) differs from every address it used earlier in the window.
WITH calls AS (
  SELECT
    eventid,
    eventsource,
    eventname,
    readonly,
    from_iso8601_timestamp(eventtime) AS ts,
    coalesce(useridentity.arn,
      CASE WHEN useridentity.onbehalfof.userid IS NOT NULL
           THEN concat('arn:aws:identitystore:::user/', useridentity.onbehalfof.userid) END,
      useridentity.principalid) AS principal,
    lower(sourceipaddress) AS ip,
    coalesce(useragent, '') AS ua
  FROM cloudtrail
  -- People's own calls: not made by a service for them, and from an address (not a service name or AWS Internal).
  WHERE useridentity.invokedby IS NULL
    AND coalesce(useridentity.type, '') <> 'AWSService'
    AND sourceipaddress IS NOT NULL
),
-- Each (principal, address, user agent) once: the expensive text work below runs per combination, not per event.
combos AS (
  SELECT principal, ip, ua, min(ts) AS ts
  FROM calls
  WHERE principal IS NOT NULL
    AND regexp_like(ip, '^[0-9]{1,3}(\.[0-9]{1,3}){3}$|^[0-9a-f:]+:[0-9a-f:.]*$')
  GROUP BY principal, ip, ua
),
-- IPv6: the text around '::', to write the address out in full before taking its first four groups.
v6 AS (
  SELECT
    *,
    strpos(ip, '::') AS dc,
    regexp_extract(ip, '^::ffff:([0-9]{1,3}(\.[0-9]{1,3}){3})$', 1) AS mapped_v4
  FROM combos
),
v6_parts AS (
  SELECT
    *,
    CASE WHEN dc > 0 THEN substr(ip, 1, dc - 1) ELSE ip END AS head,
    CASE WHEN dc > 0 THEN substr(ip, dc + 2) ELSE '' END AS tail
  FROM v6
),
v6_full AS (
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
  FROM v6_parts
),
profiles AS (
  SELECT
    ts,
    principal,
    ip,
    ua,
    -- The network an address belongs to: its /24, or for IPv6 its /64 written out.
    CASE
      WHEN regexp_like(ip, '^[0-9.]+$') THEN concat(regexp_extract(ip, '^([0-9]+\.[0-9]+\.[0-9]+)\.', 1), '.0/24')
      WHEN mapped_v4 IS NOT NULL THEN concat(regexp_extract(mapped_v4, '^([0-9]+\.[0-9]+\.[0-9]+)\.', 1), '.0/24')
      ELSE concat(regexp_replace(regexp_extract(full6, '^([0-9a-f]*:[0-9a-f]*:[0-9a-f]*:[0-9a-f]*)', 1), '(^|:)0+([0-9a-f])', '$1$2'), '::/64')
    END AS net,
    -- The client: the user agent's product token and the operating system it names.
    concat(
      coalesce(regexp_extract(ua, '^\[?\s*([A-Za-z][A-Za-z0-9_.-]*)', 1), 'unknown client'),
      ' on ',
      CASE
        WHEN regexp_like(ua, '(?i)android') THEN 'Android'
        WHEN regexp_like(ua, '(?i)iphone|ipad|os/ios') THEN 'iOS'
        WHEN regexp_like(ua, '(?i)macintosh|mac[ _]os|os/macos|darwin') THEN 'macOS'
        WHEN regexp_like(ua, '(?i)windows') THEN 'Windows'
        WHEN regexp_like(ua, '(?i)x11|linux') THEN 'Linux'
        ELSE 'unknown OS'
      END) AS client
  FROM v6_full
),
principal_first AS (
  SELECT principal, min(ts) AS first_ts FROM profiles GROUP BY principal
),
addresses AS (
  SELECT principal, ip, net, min(ts) AS first_ts FROM profiles GROUP BY principal, ip, net
),
-- When each principal first used each network.
nets AS (
  SELECT principal, net, min(first_ts) AS first_ts FROM addresses GROUP BY principal, net
),
-- Principals seen in more than five networks roam (mobile staff, CI fleets): a new network says little.
roaming AS (
  SELECT principal FROM nets GROUP BY principal HAVING count(*) > 5
),
-- Addresses first used after the principal's first call, in a network none of its earlier addresses was in.
new_addresses AS (
  SELECT a.principal, a.ip, a.net, a.first_ts
  FROM addresses a
  JOIN principal_first p ON p.principal = a.principal
  JOIN nets n ON n.principal = a.principal AND n.net = a.net
  WHERE a.first_ts > p.first_ts
    AND n.first_ts = a.first_ts
    AND a.principal NOT IN (SELECT principal FROM roaming)
),
-- For the detail: up to five of the principal's first addresses that came before the new one.
first_addresses AS (
  SELECT principal, ip, first_ts
  FROM (SELECT principal, ip, first_ts, row_number() OVER (PARTITION BY principal ORDER BY first_ts, ip) AS rn FROM addresses) r
  WHERE rn <= 5
),
earlier_addresses AS (
  SELECT n.principal, n.ip, array_join(array_agg(b.ip ORDER BY b.first_ts, b.ip), ', ') AS earlier
  FROM new_addresses n
  JOIN first_addresses b ON b.principal = n.principal AND b.first_ts < n.first_ts
  GROUP BY n.principal, n.ip
),
-- When each principal first used each client: a client is new at an address if first used there or later.
clients AS (
  SELECT principal, lower(client) AS client, min(ts) AS first_ts FROM profiles GROUP BY principal, lower(client)
),
at_new AS (
  SELECT
    e.eventid,
    e.eventsource,
    e.eventname,
    e.principal,
    e.ip,
    f.client,
    e.eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com', 'qapps.amazonaws.com',
                      'codewhisperer.amazonaws.com', 'qdeveloper.amazonaws.com') AS is_q,
    e.eventsource IN ('iam.amazonaws.com', 'cloudtrail.amazonaws.com')
      AND (e.readonly = 'false'
           OR (e.readonly IS NULL AND NOT regexp_like(e.eventname, '^(Get|List|Describe|Lookup|Simulate|Generate)'))) AS is_admin_write,
    k.first_ts >= n.first_ts AS new_client
  FROM calls e
  JOIN new_addresses n ON n.principal = e.principal AND n.ip = e.ip
  JOIN profiles f ON f.principal = e.principal AND f.ip = e.ip AND f.ua = e.ua
  JOIN clients k ON k.principal = e.principal AND k.client = lower(f.client)
),
per_address AS (
  SELECT principal, ip, bool_or(new_client) AS client_changed, bool_or(is_q) AS q_used, bool_or(is_admin_write) AS admin_writes
  FROM at_new
  GROUP BY principal, ip
)
SELECT
  x.eventid,
  CASE WHEN p.client_changed OR p.q_used OR p.admin_writes THEN 'high' ELSE 'medium' END AS severity,
  concat(
    'new address ', x.ip, ' (earlier: ', ea.earlier, ') with client ', x.client,
    CASE WHEN p.client_changed THEN '; a client not used before' ELSE '' END,
    CASE WHEN p.q_used THEN '; Amazon Q operations from it' ELSE '' END,
    CASE WHEN p.admin_writes THEN '; IAM or CloudTrail changes from it' ELSE '' END
  ) AS detail
FROM at_new x
JOIN per_address p ON p.principal = x.principal AND p.ip = x.ip
JOIN earlier_addresses ea ON ea.principal = x.principal AND ea.ip = x.ip
