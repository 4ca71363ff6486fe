// Loads detection rules from content/rules/<id>/: rule.yaml (validated metadata), query.sql, and test cases.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CloudTrailRecord } from '../core/cloudtrail.js';
import { QirError } from '../core/errors.js';
import { SEVERITIES } from '../core/severity.js';

export const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../content/rules');

const ruleMetaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(5),
    severity: z.enum(SEVERITIES),
    attack: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'an ATT&CK technique id such as T1562.008')).min(1),
    description: z.string().min(20),
    references: z.array(z.string().url()).default([]),
    /** Containment actions the finding calls for (ids of content/actions, when those exist). */
    containment: z.array(z.string()).default([]),
    tags: z.array(z.string()).default([]),
    falsePositives: z.array(z.string()).default([]),
    /** Whether the rule is about Amazon Q itself (as opposed to general CloudTrail threats around it). */
    amazonQ: z.boolean(),
  })
  .strict();

export type RuleMeta = z.infer<typeof ruleMetaSchema>;

export interface Rule extends RuleMeta {
  sql: string;
  dir: string;
}

const caseSchema = z
  .object({
    description: z.string(),
    records: z.array(z.record(z.string(), z.unknown())).min(1),
    /** eventIDs the rule must flag, exactly (match cases only). */
    expect: z.array(z.string()).optional(),
    /** The finding's severity for this case, when the rule rates by content. */
    severity: z.enum(SEVERITIES).optional(),
  })
  .strict();

export interface RuleCase {
  file: string;
  kind: 'match' | 'no-match';
  description: string;
  records: CloudTrailRecord[];
  expect: string[];
  severity?: (typeof SEVERITIES)[number];
}

let cached: Rule[] | undefined;

/** Every rule, validated; a bad rule fails loudly with its path. */
export function loadRules(dir = RULES_DIR): Rule[] {
  if (dir === RULES_DIR && cached) return cached;
  const rules = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => loadRule(join(dir, e.name)))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (dir === RULES_DIR) cached = rules;
  return rules;
}

export function loadRule(ruleDir: string): Rule {
  const metaPath = join(ruleDir, 'rule.yaml');
  const parsed = ruleMetaSchema.safeParse(parseYaml(readFileSync(metaPath, 'utf8')));
  if (!parsed.success) {
    throw new QirError('CASE_INVALID', `invalid rule ${metaPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const name = ruleDir.split('/').pop();
  if (parsed.data.id !== name) throw new QirError('CASE_INVALID', `rule id ${parsed.data.id} differs from its folder ${ruleDir}`);
  return { ...parsed.data, sql: readFileSync(join(ruleDir, 'query.sql'), 'utf8'), dir: ruleDir };
}

export function loadRuleCases(rule: Rule): RuleCase[] {
  const out: RuleCase[] = [];
  for (const kind of ['match', 'no-match'] as const) {
    const d = join(rule.dir, 'cases', kind);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(d, f);
      const parsed = caseSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new QirError('CASE_INVALID', `invalid rule case ${file}: ${parsed.error.message}`);
      out.push({
        file,
        kind,
        description: parsed.data.description,
        records: parsed.data.records as CloudTrailRecord[],
        expect: parsed.data.expect ?? [],
        severity: parsed.data.severity,
      });
    }
  }
  return out;
}
