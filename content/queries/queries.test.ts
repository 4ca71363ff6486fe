// One generic test for every canned query: valid metadata whose id is its folder, Trino SQL that Athena would run,
// the principal expression of src/analysis/principal.ts, columns as documented, and a run on DuckDB inside a window.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personSql, principalSql } from '../../src/analysis/principal.js';
import { loadQueries, loadQuery, QUERIES_DIR } from '../../src/analysis/questions/load-queries.js';
import { QUESTION_QUERIES } from '../../src/analysis/questions/types.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { checkTrinoSql } from '../../src/engine/test-support/trino-check.js';
import { scopeToWindow } from '../../src/engine/window.js';
import type { CaseStore } from '../../src/store/case-store.js';
import { openMemoryStore } from '../../src/store/case-store.js';

const queries = [...loadQueries().values()];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

let store: CaseStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(() => store.close());

it('has a query for every answer and one folder per query', () => {
  const folders = readdirSync(QUERIES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(queries.map((q) => q.id).sort()).toEqual(folders.sort());
  for (const id of Object.values(QUESTION_QUERIES)) expect(folders).toContain(id);
  expect(folders).toEqual(expect.arrayContaining(['coverage-events', 'coverage-data-resources', 'coverage-logging-changes']));
});

it('answers each of the six questions with at least one query', () => {
  const answered = new Set(queries.map((q) => q.question));
  for (const n of [1, 2, 3, 4, 5, 6]) expect(answered.has(n)).toBe(true);
});

describe.each(queries.map((q) => [q.id, q] as const))('query %s', (id, query) => {
  it('loads by its folder, and its id is the folder name', () => {
    expect(loadQuery(query.dir).id).toBe(id);
  });

  it('is written in the SQL Trino and DuckDB share', () => {
    expect(checkTrinoSql(query.sql).map((p) => `${p.line}:${p.column} ${p.code}: ${p.message}`)).toEqual([]);
  });

  it('computes principals and people as src/analysis/principal.ts does', () => {
    const aliases = new Set([...query.sql.matchAll(/\b(\w+)\.useridentity\.arn\b/g)].map((m) => m[1] as string));
    for (const alias of aliases) expect(squash(query.sql)).toContain(squash(`${principalSql(alias)} AS principal`));
    for (const m of query.sql.matchAll(/(\S+) AS person\b/g)) {
      const expr = m[1] as string;
      expect(expr).toBe(personSql(expr.split('.')[0] as string));
    }
  });

  it('returns the columns its query.yaml documents, on DuckDB, inside a window', async () => {
    const sql = scopeToWindow(query.sql, { start: '2025-06-03T00:00:00Z', end: '2025-06-04T00:00:00Z' });
    const reader = await store.connection.runAndReadAll(sql);
    expect(reader.columnNames()).toEqual(Object.keys(query.columns));
  });
});

describe('q1-resources-changed covers the catalog', () => {
  // Every create, update and delete in the Amazon Q catalog is in the query's table, or left out here for a reason.
  const LEFT_OUT: Record<string, string> = {
    'qbusiness CreateAnonymousWebExperienceUrl': 'returns a sign-in URL; changes no resource',
    'qbusiness AllowVendedLogDeliveryForResource': 'log delivery permission, not a Q resource',
    'qbusiness TagResource': 'tags', 'qbusiness UntagResource': 'tags',
    'qapps TagResource': 'tags', 'qapps UntagResource': 'tags',
    'codewhisperer TagResource': 'tags', 'codewhisperer UntagResource': 'tags',
    'qdeveloper TagResource': 'tags', 'qdeveloper UntagResource': 'tags',
    'q TagResource': 'tags', 'q UntagResource': 'tags',
    'qapps ImportDocument': 'a file given to Q: question 5',
    'qapps ImportDocumentToQApp': 'a file given to Q: question 5',
    'qapps ImportDocumentToQAppSession': 'a file given to Q: question 5',
    'qapps UpdateQAppSession': 'a user session of a Q App, not the app',
    'qapps UpdateQAppSessionMetadata': 'a user session of a Q App, not the app',
    'qapps AssociateQAppWithUser': 'a user adding an app to their own list',
    'qapps DisassociateQAppFromUser': 'a user removing an app from their own list',
    'qapps CreateLibraryItemReview': 'a rating', 'qapps AssociateLibraryItemReview': 'a rating',
    'qapps DisassociateLibraryItemReview': 'a rating',
    'qapps BatchCreateCategory': 'library categories', 'qapps BatchUpdateCategory': 'library categories',
    'qapps BatchDeleteCategory': 'library categories',
    'codewhisperer AllowVendedLogDeliveryForResource': 'log delivery permission',
    'q CreateArtifact': 'undocumented request shape',
    'q UpdateTroubleshootingCommandResult': 'a troubleshooting step, no resource',
    'q UpdateConversation': 'undocumented request shape',
    'q AssociateConnectorResource': 'connector console features with undocumented request shapes',
    'q RejectConnector': 'connector console features with undocumented request shapes',
    'q CreateAuthGrant': 'connector console features with undocumented request shapes',
    'q UpdateAuthGrant': 'connector console features with undocumented request shapes',
    'q CreateOAuthAppConnection': 'connector console features with undocumented request shapes',
    'q UpdateOAuthAppConnection': 'connector console features with undocumented request shapes',
    'q DeleteOAuthAppConnection': 'connector console features with undocumented request shapes',
    'q VerifyOAuthAppConnection': 'connector console features with undocumented request shapes',
    'q CreateAssignment': 'Q Developer subscriptions: undocumented request shapes',
    'q UpdateAssignment': 'Q Developer subscriptions: undocumented request shapes',
    'q DeleteAssignment': 'Q Developer subscriptions: undocumented request shapes',
    'q AssociateLoginDomain': 'Q Developer sign-in settings: undocumented request shapes',
    'q DisassociateLoginDomain': 'Q Developer sign-in settings: undocumented request shapes',
    'q CreateScimAccessToken': 'Q Developer SCIM: undocumented request shapes',
    'q DeleteScimAccessToken': 'Q Developer SCIM: undocumented request shapes',
    'qdeveloper ImportArtifact': 'assumed event source; undocumented request shape',
  };
  const sql = loadQueries().get('q1-resources-changed')?.sql ?? '';
  const mapped = new Set([...sql.matchAll(/\('([a-z]+)\.amazonaws\.com', '(\w+)', 'AWS::/g)].map((m) => `${m[1]} ${m[2]}`));

  it.each(
    loadCatalog()
      .operations.filter((o) => ['create', 'update', 'delete'].includes(o.kind))
      .map((o) => [`${o.eventSource.split('.')[0]} ${o.operation}`] as const),
  )('%s', (key) => {
    expect(mapped.has(key) || key in LEFT_OUT, `${key}: add it to the ops table of q1-resources-changed or to LEFT_OUT`).toBe(true);
  });

  it('maps each operation once', () => {
    const rows = [...sql.matchAll(/\('([a-z]+\.amazonaws\.com)', '(\w+)', 'AWS::/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows.length).toBe(new Set(rows).size);
  });
});
