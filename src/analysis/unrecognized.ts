// Playbook step 4, unrecognised API events: Amazon Q operations a principal had not used before the
// window (or, with no baseline, that are not among the playbook's ordinary Q events), and write
// operations by principals with findings.
import { loadCatalog } from '../catalog/catalog.js';
import type { InvestigationWindow } from '../engine/window.js';
import { scopeToWindow } from '../engine/window.js';
import type { CaseStore } from '../store/case-store.js';
import { principalSql } from './principal.js';
import { isAmazonQSql } from './q-sources.js';

export interface UnrecognizedEvent {
  principalArn: string;
  eventSource: string;
  eventName: string;
  count: number;
  firstSeen: string;
  reason: string;
}

const OPS_SQL = `
SELECT principal, eventsource, eventname, count(*) AS n, min(eventtime) AS first_seen, bool_or(is_q) AS is_q,
       bool_or(readonly = 'false') AS writes
FROM (SELECT c.eventtime, c.eventsource, c.eventname, c.readonly, ${principalSql('c')} AS principal, ${isAmazonQSql('c')} AS is_q
      FROM cloudtrail c) e
GROUP BY principal, eventsource, eventname`;

interface OpRow {
  principal: string;
  eventsource: string;
  eventname: string;
  n: bigint;
  first_seen: string;
  is_q: boolean;
  writes: boolean;
}

export async function findUnrecognized(
  store: CaseStore,
  window: InvestigationWindow,
  principalsWithFindings: ReadonlySet<string>,
): Promise<UnrecognizedEvent[]> {
  const ordinary = new Set(loadCatalog().operations.filter((o) => o.ordinary).map((o) => `${o.eventSource} ${o.operation}`));
  const current = await store.all<OpRow>(scopeToWindow(OPS_SQL, window));
  const baseline = window.start ? await store.all<OpRow>(scopeToWindow(OPS_SQL, { end: window.start })) : [];
  const baselineKeys = new Set(baseline.map((r) => `${r.principal}\u0000${r.eventsource}\u0000${r.eventname}`));
  const principalsInBaseline = new Set(baseline.map((r) => r.principal));
  const out: UnrecognizedEvent[] = [];
  for (const r of current) {
    const relevant = r.is_q || (r.writes && principalsWithFindings.has(r.principal));
    if (!relevant || !r.principal) continue;
    let reason: string | undefined;
    if (principalsInBaseline.has(r.principal)) {
      if (!baselineKeys.has(`${r.principal}\u0000${r.eventsource}\u0000${r.eventname}`)) reason = 'not used by this principal before the window';
    } else if (!ordinary.has(`${r.eventsource} ${r.eventname}`)) {
      reason = window.start && baseline.length
        ? "principal not seen before the window, and not one of the playbook's ordinary Amazon Q events"
        : "no baseline: first use in the evidence, and not one of the playbook's ordinary Amazon Q events";
    }
    if (reason) {
      out.push({ principalArn: r.principal, eventSource: r.eventsource, eventName: r.eventname, count: Number(r.n), firstSeen: r.first_seen, reason });
    }
  }
  return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.principalArn.localeCompare(b.principalArn));
}
