-- Instance-profile credentials called from another address than the instance's, a person's address, an attack tool or a foreign VPC endpoint.
WITH inst AS (
  SELECT
    eventid,
    useridentity.arn AS session,
    coalesce(nullif(regexp_extract(useridentity.arn, '/(i-[0-9a-fA-F]{8,17})$', 1), ''), useridentity.arn) AS instance,
    sourceipaddress AS ip,
    coalesce(useragent, '') AS ua,
    from_iso8601_timestamp(eventtime) AS ts,
    -- an address (IPv4 or IPv6), not a service name such as ec2.amazonaws.com or AWS Internal
    regexp_like(coalesce(sourceipaddress, ''), '^[0-9]{1,3}(\.[0-9]{1,3}){3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$') AS is_address,
    vpcendpointid IS NOT NULL AND coalesce(vpcendpointaccountid, useridentity.accountid) = useridentity.accountid AS own_endpoint,
    vpcendpointaccountid IS NOT NULL AND vpcendpointaccountid <> useridentity.accountid AS foreign_endpoint,
    coalesce(sessioncredentialfromconsole, '') = 'true' AS from_console
  FROM cloudtrail
  WHERE useridentity.type = 'AssumedRole'
    AND (regexp_like(coalesce(useridentity.principalid, ''), ':i-[0-9a-fA-F]{8,17}$')
         OR useridentity.sessioncontext.ec2roledelivery IS NOT NULL)
    AND useridentity.invokedby IS NULL
),
outside AS (
  SELECT * FROM inst WHERE is_address AND NOT own_endpoint
),
-- Addresses the instance's own agents called from.
agent_ips AS (
  SELECT DISTINCT session, ip
  FROM outside
  WHERE regexp_like(ua, '(?i)amazon-ssm-agent|cwagent|cloudwatch-agent|codedeploy|ec2-instance-connect|ecs-agent|ec2launch|ec2config')
),
first_ip AS (
  SELECT session, min_by(ip, ts) AS ip
  FROM outside
  GROUP BY session
),
home AS (
  SELECT session, ip FROM agent_ips
  UNION
  SELECT session, ip FROM first_ip
),
home_of AS (
  SELECT session, min(ip) AS home_ip FROM home GROUP BY session
),
-- Addresses people called from: IAM users, root, Identity Center and other federated users, SSO roles, MFA sessions.
people_ips AS (
  SELECT DISTINCT sourceipaddress AS ip
  FROM cloudtrail
  WHERE useridentity.invokedby IS NULL
    AND (useridentity.type IN ('IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser', 'SAMLUser')
         OR (useridentity.type = 'AssumedRole'
             AND NOT regexp_like(coalesce(useridentity.principalid, ''), ':i-[0-9a-fA-F]{8,17}$')
             AND useridentity.sessioncontext.ec2roledelivery IS NULL
             AND (regexp_like(coalesce(useridentity.sessioncontext.sessionissuer.arn, ''), '/AWSReservedSSO_')
                  OR useridentity.sessioncontext.attributes.mfaauthenticated = 'true')))
),
rated AS (
  SELECT
    o.eventid,
    o.instance,
    o.ip,
    h.home_ip,
    o.foreign_endpoint,
    x.ip IS NULL AS elsewhere,
    a.ip IS NULL AND p.ip IS NOT NULL AS person_address,
    regexp_like(o.ua, '(?i)kali|parrot|pacu|stratus-red-team|Mozilla/') OR o.from_console AS tool
  FROM outside o
  LEFT JOIN home x ON x.session = o.session AND x.ip = o.ip
  LEFT JOIN agent_ips a ON a.session = o.session AND a.ip = o.ip
  LEFT JOIN people_ips p ON p.ip = o.ip
  LEFT JOIN home_of h ON h.session = o.session
)
SELECT
  eventid,
  CASE WHEN elsewhere OR person_address OR tool THEN 'high' ELSE 'medium' END AS severity,
  concat(
    'credentials of ', instance, ' used from ', ip,
    CASE WHEN elsewhere THEN concat('; the instance calls from ', home_ip) ELSE '' END,
    CASE WHEN person_address THEN '; an address people use too' ELSE '' END,
    CASE WHEN tool THEN '; attack-tool, browser or console client' ELSE '' END,
    CASE WHEN foreign_endpoint THEN '; through another account''s VPC endpoint' ELSE '' END
  ) AS detail
FROM rated
WHERE elsewhere OR person_address OR tool OR foreign_endpoint
