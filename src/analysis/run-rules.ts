// Runs detection rules inside the investigation window and groups their hits into findings.
import type { InvestigationWindow } from '../engine/window.js';
import { CASE_STORE_TABLE, scopeToWindow } from '../engine/window.js';
import type { Severity } from '../core/severity.js';
import { isSeverity, maxSeverity } from '../core/severity.js';
import type { Rule } from '../rules/load-rules.js';
import type { CaseStore } from '../store/case-store.js';
import { personSql, principalSql } from './principal.js';

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  attack: string[];
  amazonQ: boolean;
  principalArn: string;
  people: string[];
  eventIds: string[];
  firstSeen: string;
  lastSeen: string;
  details: string[];
  containment: string[];
}

export interface RuleError {
  ruleId: string;
  message: string;
}

interface Hit {
  eventid: string;
  hash: string;
  severity: unknown;
  detail: unknown;
  eventtime: string;
  principal: string | null;
  person: string | null;
}

export async function runRules(
  store: CaseStore,
  rules: readonly Rule[],
  window: InvestigationWindow = {},
): Promise<{ findings: Finding[]; errors: RuleError[] }> {
  const findings: Finding[] = [];
  const errors: RuleError[] = [];
  for (const rule of rules) {
    let hits: Hit[];
    try {
      hits = await disambiguate(store, rule, window, await store.all<Hit>(hitsSql(rule, window)));
    } catch (e) {
      errors.push({ ruleId: rule.id, message: (e as Error).message });
      continue;
    }
    findings.push(...groupHits(rule, hits));
  }
  return { findings: findings.sort(bySeverityThenTime), errors };
}

function hitsSql(rule: Rule, window: InvestigationWindow, source = CASE_STORE_TABLE): string {
  const scoped = scopeToWindow(rule.sql, window, source, '_ts');
  // The rule's own columns (eventid, and optionally severity and detail) joined to the event they name.
  return `SELECT to_json(h) AS h, h.eventid, CAST(c._hash AS VARCHAR) AS hash, c.eventtime, ${principalSql('c')} AS principal, ${personSql('c')} AS person
    FROM (${scoped}) h JOIN ${source} c ON c.eventid = h.eventid
    ORDER BY c._ts`;
}

/**
 * A rule names events by eventID, and an eventID stored in several versions (a conflict) joins to all
 * of them. For such hits the rule runs again with one version at a time, keeping the versions it flags.
 */
async function disambiguate(store: CaseStore, rule: Rule, window: InvestigationWindow, hits: Hit[]): Promise<Hit[]> {
  const versions = new Map<string, Set<string>>();
  for (const h of hits) versions.set(h.eventid, (versions.get(h.eventid) ?? new Set()).add(h.hash));
  const ambiguous = [...versions].filter(([, hashes]) => hashes.size > 1);
  if (!ambiguous.length) return hits;
  const keep = new Set<string>();
  for (const [eventid, hashes] of ambiguous) {
    for (const hash of hashes) {
      // A view cannot take parameters: the values are quoted literals.
      await store.run(
        `CREATE OR REPLACE TEMP VIEW one_version AS SELECT * FROM ${CASE_STORE_TABLE}
         WHERE NOT (eventid = ${sqlString(eventid)} AND CAST(_hash AS VARCHAR) <> ${sqlString(hash)})`,
      );
      const again = await store.all<Hit>(hitsSql(rule, window, 'temp.one_version'));
      if (again.some((h) => h.eventid === eventid && h.hash === hash)) keep.add(`${eventid}\u0000${hash}`);
    }
  }
  await store.run('DROP VIEW IF EXISTS one_version');
  const ambiguousIds = new Set(ambiguous.map(([id]) => id));
  return hits.filter((h) => !ambiguousIds.has(h.eventid) || keep.has(`${h.eventid}\u0000${h.hash}`));
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function groupHits(rule: Rule, rows: Array<Hit & { h?: string }>): Finding[] {
  const byPrincipal = new Map<string, { finding: Finding; events: Set<string>; people: Set<string>; details: Set<string> }>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.eventid}\u0000${row.hash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const own = row.h ? (JSON.parse(row.h) as Record<string, unknown>) : {};
    const principal = row.principal ?? 'unknown';
    let g = byPrincipal.get(principal);
    if (!g) {
      g = {
        finding: {
          ruleId: rule.id,
          title: rule.title,
          severity: 'info',
          attack: rule.attack,
          amazonQ: rule.amazonQ,
          principalArn: principal,
          people: [],
          eventIds: [],
          firstSeen: row.eventtime,
          lastSeen: row.eventtime,
          details: [],
          containment: rule.containment,
        },
        events: new Set(),
        people: new Set(),
        details: new Set(),
      };
      byPrincipal.set(principal, g);
    }
    const f = g.finding;
    f.severity = maxSeverity(f.severity, isSeverity(own.severity) ? own.severity : rule.severity);
    g.events.add(row.eventid);
    if (row.person) g.people.add(row.person);
    if (typeof own.detail === 'string' && own.detail && g.details.size < MAX_DETAILS) g.details.add(own.detail);
    if (row.eventtime < f.firstSeen) f.firstSeen = row.eventtime;
    if (row.eventtime > f.lastSeen) f.lastSeen = row.eventtime;
  }
  return [...byPrincipal.values()].map(({ finding, events, people, details }) => ({
    ...finding,
    eventIds: [...events],
    people: [...people],
    details: [...details],
  }));
}

/** Distinct detail lines kept per finding; the events themselves are all listed. */
const MAX_DETAILS = 50;

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const bySeverityThenTime = (a: Finding, b: Finding) =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.firstSeen.localeCompare(b.firstSeen);
