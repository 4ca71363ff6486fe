// Fails when the Region lists written into q-unsupported-region/query.sql drift from content/catalog/regions.yaml.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/catalog.js';

const sql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'query.sql'), 'utf8');

/** eventSource → the Regions the query treats as offered, read from its `eventsource = … AND … NOT IN (…)` clauses. */
function regionsInSql(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of sql.matchAll(/eventsource = '([^']+)' AND coalesce\(awsregion, ''\) NOT IN \(([^)]*)\)/g)) {
    out.set(m[1] as string, [...(m[2] as string).matchAll(/'([^']+)'/g)].map((r) => r[1] as string));
  }
  return out;
}

describe('rule q-unsupported-region: Region lists', () => {
  it('covers every Amazon Q event source with exactly the catalog Regions (default and opt-in)', () => {
    const catalog = loadCatalog();
    const inSql = regionsInSql();
    expect([...inSql.keys()].sort()).toEqual([...catalog.qEventSources].sort());
    for (const source of catalog.qEventSources) {
      expect([...(inSql.get(source) ?? [])].sort(), source).toEqual([...(catalog.regionsFor(source) ?? [])].sort());
    }
  });
});
