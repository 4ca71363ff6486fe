// One generic test for every detection rule: valid metadata, Trino-compatible SQL, and its own
// match and no-match events run through the real ingest path and the rule engine on DuckDB.
import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/app/ingest/ingest-records.js';
import { runRules } from '../../src/analysis/run-rules.js';
import { checkTrinoSql } from '../../src/engine/test-support/trino-check.js';
import { loadRuleCases, loadRules } from '../../src/rules/load-rules.js';
import { openMemoryStore } from '../../src/store/case-store.js';

const rules = loadRules();

it('has rules', () => {
  expect(rules.length).toBeGreaterThan(0);
});

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  const cases = loadRuleCases(rule);

  it('is written in the SQL Trino and DuckDB share', () => {
    expect(checkTrinoSql(rule.sql).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('has match and no-match cases', () => {
    expect(cases.some((c) => c.kind === 'match' && c.expect.length > 0)).toBe(true);
    expect(cases.some((c) => c.kind === 'no-match')).toBe(true);
  });

  it.each(cases.map((c) => [`${c.kind}/${c.file.split('/').pop()}`, c] as const))('%s', async (_name, c) => {
    const store = await openMemoryStore();
    try {
      await ingestRecords(store, c.records);
      const { findings, errors } = await runRules(store, [rule]);
      expect(errors).toEqual([]);
      const flagged = findings.flatMap((f) => f.eventIds).sort();
      expect(flagged, c.description).toEqual([...c.expect].sort());
      if (c.severity) expect(findings.map((f) => f.severity)).toContain(c.severity);
    } finally {
      store.close();
    }
  });
});
