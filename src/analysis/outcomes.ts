// The playbook's determinations, from findings and principals: vulnerabilities exploited, tools,
// the actor's intent (ATT&CK tactics), attribution, and damage to the environment.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { severityRank } from '../core/severity.js';
import type { PrincipalVerdict } from './principals.js';
import type { Finding } from './run-rules.js';
import { clientFamily } from './user-agent.js';

const ATTACK_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../content/mappings/attack.yaml');
const attackSchema = z.record(z.string().regex(/^T\d{4}(\.\d{3})?$/), z.object({ name: z.string(), tactics: z.array(z.string()).min(1) }).strict());
let attack: z.infer<typeof attackSchema> | undefined;

export function attackTechnique(id: string): { name: string; tactics: string[] } | undefined {
  attack ??= attackSchema.parse(parseYaml(readFileSync(ATTACK_FILE, 'utf8')));
  return attack[id] ?? attack[id.split('.')[0] as string];
}

export interface Outcomes {
  vulnerabilitiesExploited: Array<{ what: string; evidence: string[] }>;
  toolsObserved: Array<{ family: string; kind: string; userAgents: string[]; principals: string[] }>;
  intent: Array<{ tactic: string; techniques: string[]; findings: string[] }>;
  attribution: { principals: string[]; people: string[]; accessKeyIds: string[]; sourceIps: string[] };
  damage: Array<{ what: string; severity: string; eventIds: string[] }>;
}

/** Damage is what the actor changed or read: findings of medium or higher that are not failed attempts. */
export function determineOutcomes(findings: readonly Finding[], principals: readonly PrincipalVerdict[]): Outcomes {
  const suspicious = principals.filter((p) => p.suspicious);
  const suspiciousArns = new Set(suspicious.map((p) => p.arn));
  const actorFindings = findings.filter((f) => suspiciousArns.has(f.principalArn));

  const vulnerabilities: Outcomes['vulnerabilitiesExploited'] = [];
  for (const p of suspicious) {
    const longTerm = p.accessKeyIds.filter((k) => k.startsWith('AKIA'));
    if (longTerm.length) {
      vulnerabilities.push({ what: `long-term access key(s) of ${p.arn} used by the actor: ${longTerm.join(', ')} (leaked or stolen credentials)`, evidence: [p.arn] });
    }
  }
  const byRule = new Map<string, Finding[]>();
  for (const f of actorFindings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  for (const [ruleId, fs] of byRule) {
    const succeeded = fs.filter((f) => severityRank(f.severity) >= severityRank('medium'));
    if (!succeeded.length) continue;
    vulnerabilities.push({
      what: `${fs[0]!.title}: the compromised principal(s) were allowed to do this (${[...new Set(fs.map((f) => f.principalArn))].join(', ')})`,
      evidence: [ruleId, ...succeeded.flatMap((f) => f.eventIds).slice(0, 10)],
    });
  }

  const tools = new Map<string, Outcomes['toolsObserved'][number]>();
  for (const p of suspicious) {
    for (const ua of p.userAgents) {
      const fam = clientFamily(ua);
      const t = tools.get(fam.family) ?? { family: fam.family, kind: fam.kind, userAgents: [], principals: [] };
      if (!t.userAgents.includes(ua) && t.userAgents.length < 10) t.userAgents.push(ua);
      if (!t.principals.includes(p.arn)) t.principals.push(p.arn);
      tools.set(fam.family, t);
    }
  }

  const tactics = new Map<string, Outcomes['intent'][number]>();
  for (const f of actorFindings) {
    for (const technique of f.attack) {
      for (const tactic of attackTechnique(technique)?.tactics ?? ['unmapped']) {
        const t = tactics.get(tactic) ?? { tactic, techniques: [], findings: [] };
        if (!t.techniques.includes(technique)) t.techniques.push(technique);
        if (!t.findings.includes(f.ruleId)) t.findings.push(f.ruleId);
        tactics.set(tactic, t);
      }
    }
  }

  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    vulnerabilitiesExploited: vulnerabilities,
    toolsObserved: [...tools.values()],
    intent: [...tactics.values()],
    attribution: {
      principals: suspicious.map((p) => p.arn),
      people: uniq(suspicious.flatMap((p) => p.people)),
      accessKeyIds: uniq(suspicious.flatMap((p) => p.accessKeyIds)),
      sourceIps: uniq(suspicious.flatMap((p) => p.sourceIps)),
    },
    damage: actorFindings
      .filter((f) => severityRank(f.severity) >= severityRank('medium'))
      .map((f) => ({ what: `${f.title}${f.details.length ? `: ${f.details.slice(0, 5).join('; ')}` : ''}`, severity: f.severity, eventIds: f.eventIds })),
  };
}
