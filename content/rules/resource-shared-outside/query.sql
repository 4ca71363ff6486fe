-- Snapshots and AMIs shared with other accounts or everyone (high/medium); SSH, RDP or all ports opened to a /0 range (medium).
WITH known_accounts AS (
  SELECT recipientaccountid AS account FROM cloudtrail WHERE recipientaccountid IS NOT NULL
  UNION
  SELECT useridentity.accountid FROM cloudtrail WHERE useridentity.accountid IS NOT NULL
),
shares AS (
  SELECT
    eventid,
    eventname,
    errorcode,
    coalesce(json_extract_scalar(requestparameters, '$.snapshotId'), json_extract_scalar(requestparameters, '$.imageId'),
             json_extract_scalar(requestparameters, '$.dBSnapshotIdentifier'), json_extract_scalar(requestparameters, '$.dBClusterSnapshotIdentifier'),
             '?') AS resource,
    -- what the call adds, without ARNs (an organization or OU ARN holds its management account's id)
    regexp_replace(
      coalesce(json_format(CASE eventname
        WHEN 'ModifySnapshotAttribute' THEN json_extract(requestparameters, '$.createVolumePermission.add')
        WHEN 'ModifyImageAttribute' THEN json_extract(requestparameters, '$.launchPermission.add')
        ELSE json_extract(requestparameters, '$.valuesToAdd')
      END), ''),
      'arn:[^"]*', '') AS added,
    recipientaccountid
  FROM cloudtrail
  WHERE (eventsource = 'ec2.amazonaws.com' AND eventname IN ('ModifySnapshotAttribute', 'ModifyImageAttribute'))
     OR (eventsource = 'rds.amazonaws.com' AND eventname IN ('ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute')
         AND json_extract_scalar(requestparameters, '$.attributeName') = 'restore')
),
share_targets AS (
  SELECT
    s.*,
    regexp_like(s.added, '"all"') AS public,
    nullif(regexp_extract(regexp_replace(s.added, coalesce(s.recipientaccountid, 'none'), ''), '[0-9]{12}'), '') AS other_account
  FROM shares s
),
share_hits AS (
  SELECT
    t.eventid,
    CASE
      WHEN t.errorcode IS NOT NULL THEN 'medium'
      WHEN t.public OR k.account IS NULL THEN 'high'
      ELSE 'medium'
    END AS severity,
    concat(t.eventname, ' ', t.resource,
           CASE
             WHEN t.public THEN ' made public (all)'
             ELSE concat(' shared with account ', t.other_account,
                         CASE WHEN k.account IS NULL THEN ' (not seen in this record)' ELSE ' (seen in this record)' END)
           END,
           CASE WHEN t.errorcode IS NOT NULL THEN concat(' (failed: ', t.errorcode, ')') ELSE '' END) AS detail
  FROM share_targets t
  LEFT JOIN known_accounts k ON k.account = t.other_account
  WHERE t.public OR t.other_account IS NOT NULL
),
ingress AS (
  SELECT eventid, errorcode, coalesce(json_extract_scalar(requestparameters, '$.groupId'), json_extract_scalar(requestparameters, '$.groupName'), '?') AS grp,
         requestparameters AS rp
  FROM cloudtrail
  WHERE eventsource = 'ec2.amazonaws.com' AND eventname = 'AuthorizeSecurityGroupIngress'
),
-- One row per permission: the request's items (the first ten), or the older top-level form.
perms AS (
  SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[0]')) AS perm FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[1]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[2]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[3]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[4]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[5]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[6]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[7]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[8]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, json_format(json_extract(rp, '$.ipPermissions.items[9]')) FROM ingress
  UNION ALL SELECT eventid, errorcode, grp, rp FROM ingress WHERE json_extract_scalar(rp, '$.cidrIp') IS NOT NULL
),
open_perms AS (
  SELECT
    eventid, errorcode, grp,
    lower(coalesce(json_extract_scalar(perm, '$.ipProtocol'), '')) AS proto,
    TRY_CAST(json_extract_scalar(perm, '$.fromPort') AS INTEGER) AS from_port,
    TRY_CAST(json_extract_scalar(perm, '$.toPort') AS INTEGER) AS to_port,
    coalesce(json_extract_scalar(perm, '$.cidrIp'),
             nullif(regexp_extract(perm, '"cidrIp(v6)?"\s*:\s*"([^"]*/0)"', 2), '')) AS cidr
  FROM perms
  WHERE perm IS NOT NULL
),
ingress_hits AS (
  SELECT
    eventid,
    CASE WHEN errorcode IS NOT NULL THEN 'low' ELSE 'medium' END AS severity,
    concat('AuthorizeSecurityGroupIngress ', grp, ' opens ',
           CASE
             WHEN proto IN ('-1', 'all') THEN 'all ports'
             WHEN from_port <= 22 AND to_port >= 22 AND from_port <= 3389 AND to_port >= 3389 THEN 'SSH and RDP'
             WHEN from_port <= 22 AND to_port >= 22 THEN 'SSH (22)'
             ELSE 'RDP (3389)'
           END,
           ' to ', cidr,
           CASE WHEN errorcode IS NOT NULL THEN concat(' (failed: ', errorcode, ')') ELSE '' END) AS detail
  FROM open_perms
  WHERE regexp_like(coalesce(cidr, ''), '/0$')
    AND (proto IN ('-1', 'all')
         OR (proto NOT IN ('icmp', '1', 'icmpv6', '58')
             AND ((from_port <= 22 AND to_port >= 22) OR (from_port <= 3389 AND to_port >= 3389))))
)
SELECT eventid, severity, detail FROM share_hits
UNION ALL
SELECT eventid, severity, detail FROM ingress_hits
