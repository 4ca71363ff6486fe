// Runs detection rules inside the investigation window and groups their hits into findings.
import type { InvestigationWindow } from '../engine/window.js';
import { scopeToWindow } from '../engine/window.js';
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
      hits = await store.all<Hit>(hitsSql(rule, window));
    } catch (e) {
      errors.push({ ruleId: rule.id, message: (e as Error).message });
      continue;
    }
    findings.push(...groupHits(rule, hits));
  }
  return { findings: findings.sort(bySeverityThenTime), errors };
}

function hitsSql(rule: Rule, window: InvestigationWindow): string {
  const scoped = scopeToWindow(rule.sql, window);
  // The rule's own columns (eventid, and optionally severity and detail) joined to the event they name.
  return `SELECT to_json(h) AS h, h.eventid, c.eventtime, ${principalSql('c')} AS principal, ${personSql('c')} AS person
    FROM (${scoped}) h JOIN main.cloudtrail c ON c.eventid = h.eventid
    ORDER BY c._ts`;
}

function groupHits(rule: Rule, rows: Array<Hit & { h?: string }>): Finding[] {
  const byPrincipal = new Map<string, Finding>();
  const seen = new Set<string>();
  for (const row of rows) {
    const own = row.h ? (JSON.parse(row.h) as Record<string, unknown>) : {};
    const key = `${row.eventid}\u0000${row.principal}`;
    if (seen.has(key)) continue; // an eventID stored in two versions (a conflict) joins twice
    seen.add(key);
    const principal = row.principal ?? 'unknown';
    let f = byPrincipal.get(principal);
    if (!f) {
      f = {
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
      };
      byPrincipal.set(principal, f);
    }
    f.severity = maxSeverity(f.severity, isSeverity(own.severity) ? own.severity : rule.severity);
    if (!f.eventIds.includes(row.eventid)) f.eventIds.push(row.eventid);
    if (row.person && !f.people.includes(row.person)) f.people.push(row.person);
    if (typeof own.detail === 'string' && own.detail && !f.details.includes(own.detail)) f.details.push(own.detail);
    if (row.eventtime < f.firstSeen) f.firstSeen = row.eventtime;
    if (row.eventtime > f.lastSeen) f.lastSeen = row.eventtime;
  }
  return [...byPrincipal.values()];
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const bySeverityThenTime = (a: Finding, b: Finding) =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.firstSeen.localeCompare(b.firstSeen);
