// Fails when the read operations written into q-enumeration-by-new-principal/query.sql drift from the catalog.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/catalog.js';

/** End-user activity (chatting, console chat, running Q Apps), which the rule leaves out of its count. */
const END_USER_CATEGORIES = new Set(['chat-conversation', 'general', 'q-apps']);

const sql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'query.sql'), 'utf8');

describe('rule q-enumeration-by-new-principal: read operations', () => {
  it('lists exactly the catalog read operations outside end-user categories', () => {
    const block = /-- catalog:read-operations begin([\s\S]*?)-- catalog:read-operations end/.exec(sql)?.[1] ?? '';
    const inSql = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1] as string).sort();
    const expected = loadCatalog()
      .operations.filter((o) => o.kind === 'read' && !END_USER_CATEGORIES.has(o.category))
      .map((o) => `${o.eventSource} ${o.operation}`)
      .sort();
    expect(inSql).toEqual(expected);
  });
});
