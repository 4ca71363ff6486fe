// Principals that touched Amazon Q or have a finding, each with a suspicion verdict and its reasons.
// Activity before the window is the baseline; without one, novelty is judged within the window.
import { loadCatalog } from '../catalog/catalog.js';
import type { Severity } from '../core/severity.js';
import { severityRank } from '../core/severity.js';
import type { InvestigationWindow } from '../engine/window.js';
import { scopeToWindow } from '../engine/window.js';
import type { CaseStore } from '../store/case-store.js';
import { personSql, principalSql } from './principal.js';
import { isAmazonQSql } from './q-sources.js';
import type { Finding } from './run-rules.js';
import { clientFamily } from './user-agent.js';

export interface PrincipalVerdict {
  arn: string;
  suspicious: boolean;
  score: number;
  reasons: string[];
  qEventCount: number;
  eventCount: number;
  people: string[];
  sourceIps: string[];
  userAgents: string[];
  accessKeyIds: string[];
  findings: number;
  highestSeverity: Severity | null;
  firstSeen: string;
  lastSeen: string;
}

interface Activity {
  principal: string;
  events: number;
  q_events: number;
  people: string[] | null;
  ips: string[] | null;
  uas: string[] | null;
  keys: string[] | null;
  q_ops: string[] | null;
  denied: number;
  first_seen: string;
  last_seen: string;
}

const MAX_LISTED = 25;
/** Score at which a principal is called suspicious. */
const SUSPICIOUS_AT = 6;
const FINDING_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 3, high: 6, critical: 10 };

// Two levels: events collapse into distinct (principal, address, client, key, operation) first, so the
// DISTINCT lists below work on thousands of rows, not millions.
const ACTIVITY_SQL = `
WITH e AS (
  SELECT ${principalSql('c')} AS principal, ${personSql('c')} AS person,
         c.sourceipaddress, c.useragent, c.useridentity.accesskeyid AS accesskeyid, c.eventsource, c.eventname,
         ${isAmazonQSql('c')} AS is_q, c.errorcode IS NULL AS ok,
         regexp_like(coalesce(c.errorcode, ''), '^(AccessDenied|Client\\.UnauthorizedOperation|UnauthorizedOperation|UnauthorizedAccess)') AS denied,
         count(*) AS n, min(c.eventtime) AS first_seen, max(c.eventtime) AS last_seen
  FROM cloudtrail c
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
)
SELECT principal,
  sum(n) AS events,
  sum(CASE WHEN is_q THEN n ELSE 0 END) AS q_events,
  array_agg(DISTINCT person) FILTER (WHERE person IS NOT NULL) AS people,
  array_agg(DISTINCT sourceipaddress) FILTER (WHERE sourceipaddress IS NOT NULL) AS ips,
  array_agg(DISTINCT useragent) FILTER (WHERE useragent IS NOT NULL) AS uas,
  array_agg(DISTINCT accesskeyid) FILTER (WHERE accesskeyid IS NOT NULL) AS keys,
  array_agg(DISTINCT concat(eventsource, ' ', eventname)) FILTER (WHERE is_q AND ok) AS q_ops,
  sum(CASE WHEN denied THEN n ELSE 0 END) AS denied,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen
FROM e
GROUP BY principal`;

/**
 * A principal with its own medium-or-higher finding that acts from an address a suspicious principal
 * used (the same person behind two identities, e.g. an operator session and a web-experience session)
 * is suspicious too.
 */
function linkBySharedAddress(verdicts: PrincipalVerdict[]): void {
  const suspicious = verdicts.filter((v) => v.suspicious);
  for (const v of verdicts) {
    if (v.suspicious || !v.highestSeverity || severityRank(v.highestSeverity) < severityRank('medium')) continue;
    const own = new Set(v.sourceIps.filter((ip) => !ip.endsWith('.amazonaws.com') && ip !== 'AWS Internal'));
    const partner = suspicious.find((s) => s.arn !== v.arn && s.sourceIps.some((ip) => own.has(ip)));
    if (!partner) continue;
    v.score += LINKED_WEIGHT;
    v.reasons.push(`acts from an address that suspicious principal ${partner.arn} used (${partner.sourceIps.filter((ip) => own.has(ip)).slice(0, 3).join(', ')})`);
    v.suspicious = v.score >= SUSPICIOUS_AT;
  }
}

const LINKED_WEIGHT = 3;

export async function analysePrincipals(
  store: CaseStore,
  window: InvestigationWindow,
  findings: readonly Finding[],
): Promise<PrincipalVerdict[]> {
  const current = await store.all<Activity>(scopeToWindow(ACTIVITY_SQL, window));
  const baseline = window.start
    ? new Map((await store.all<Activity>(scopeToWindow(ACTIVITY_SQL, { end: window.start }))).map((a) => [a.principal, a]))
    : undefined;
  const findingsBy = new Map<string, Finding[]>();
  for (const f of findings) findingsBy.set(f.principalArn, [...(findingsBy.get(f.principalArn) ?? []), f]);
  const catalog = loadCatalog();

  const verdicts: PrincipalVerdict[] = [];
  for (const a of current) {
    if (!a.principal) continue;
    const own = findingsBy.get(a.principal) ?? [];
    if (Number(a.q_events) === 0 && own.length === 0) continue;
    const reasons: string[] = [];
    let score = 0;

    let highest: Severity | null = null;
    for (const f of own) {
      if (!highest || severityRank(f.severity) > severityRank(highest)) highest = f.severity;
    }
    const bySeverity = own.filter((f) => severityRank(f.severity) >= severityRank('medium'));
    if (bySeverity.length) {
      score += Math.max(...bySeverity.map((f) => FINDING_WEIGHT[f.severity])) + (bySeverity.length - 1);
      reasons.push(`${bySeverity.length} finding(s) of medium or higher severity: ${[...new Set(bySeverity.map((f) => f.ruleId))].join(', ')}`);
    }

    const ips = a.ips ?? [];
    const clients = (a.uas ?? []).map(clientFamily);
    const families = [...new Set(clients.map((c) => c.family))];
    const base = baseline?.get(a.principal);
    if (base) {
      const knownIps = new Set(base.ips ?? []);
      const newIps = ips.filter((ip) => !knownIps.has(ip) && !ip.endsWith('.amazonaws.com'));
      if (newIps.length) {
        score += 2;
        reasons.push(`new source address(es) not seen before the window: ${newIps.slice(0, 5).join(', ')}`);
      }
      const knownFamilies = new Set((base.uas ?? []).map((u) => clientFamily(u).family));
      const newFamilies = families.filter((f) => !knownFamilies.has(f));
      if (newFamilies.length) {
        score += 1;
        reasons.push(`new client(s): ${newFamilies.join(', ')}`);
      }
      if (Number(a.q_events) > 0 && Number(base.q_events) === 0) {
        score += 1;
        reasons.push('first contact with Amazon Q (no Q activity before the window)');
      }
    } else {
      const external = ips.filter((ip) => !ip.endsWith('.amazonaws.com') && ip !== 'AWS Internal');
      if (external.length > 1) {
        score += 1;
        reasons.push(`several source addresses: ${external.slice(0, 5).join(', ')}`);
      }
    }
    const attackTools = clients.filter((f) => f.kind === 'attack-tool');
    if (attackTools.length) {
      score += 4;
      reasons.push(`attack tooling in the user agent: ${[...new Set(attackTools.map((f) => f.family))].join(', ')}`);
    }
    if (Number(a.denied) > 0) {
      score += Number(a.denied) >= 5 ? 2 : 1;
      reasons.push(`${a.denied} AccessDenied error(s)`);
    }
    // Breadth of Amazon Q administration (as in Prowler's LLM-jacking score): many distinct Q write operations.
    const qWrites = (a.q_ops ?? []).filter((op) => {
      const [source, name] = op.split(' ');
      const kind = catalog.lookup(source ?? '', name ?? '')?.kind;
      return kind === 'create' || kind === 'update' || kind === 'delete';
    });
    if (qWrites.length >= 5) {
      score += 2;
      reasons.push(`broad Amazon Q administration: ${qWrites.length} distinct write operations`);
    }

    verdicts.push({
      arn: a.principal,
      suspicious: score >= SUSPICIOUS_AT,
      score,
      reasons: reasons.length ? reasons : ['ordinary activity: no findings, no new addresses or clients'],
      qEventCount: Number(a.q_events),
      eventCount: Number(a.events),
      people: (a.people ?? []).sort(),
      sourceIps: ips.sort().slice(0, MAX_LISTED),
      userAgents: (a.uas ?? []).sort().slice(0, MAX_LISTED),
      accessKeyIds: (a.keys ?? []).sort().slice(0, MAX_LISTED),
      findings: own.length,
      highestSeverity: highest,
      firstSeen: a.first_seen,
      lastSeen: a.last_seen,
    });
  }
  linkBySharedAddress(verdicts);
  return verdicts.sort((x, y) => Number(y.suspicious) - Number(x.suspicious) || y.score - x.score || y.qEventCount - x.qEventCount);
}
