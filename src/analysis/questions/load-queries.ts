// Loads the playbook's canned queries from content/queries/<id>/ (query.yaml, validated, and query.sql) and runs them
// inside the investigation window.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { QirError } from '../../core/errors.js';
import type { InvestigationWindow } from '../../engine/window.js';
import { scopeToWindow } from '../../engine/window.js';
import type { CaseStore } from '../../store/case-store.js';

/** content/queries, found from this file: src/analysis/questions/ under Vitest and tsx, dist/analysis/questions/ when built. */
export const QUERIES_DIR = fileURLToPath(new URL('../../../content/queries/', import.meta.url));

const queryMetaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(5),
    /** The playbook's Analysis question (1-6) the query answers; absent for coverage queries. */
    question: z.number().int().min(1).max(6).optional(),
    description: z.string().min(20),
    /** Every column the query returns, with what it holds. */
    columns: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case column name'), z.string().min(3)),
  })
  .strict();

export type QueryMeta = z.infer<typeof queryMetaSchema>;

export interface CannedQuery extends QueryMeta {
  sql: string;
  dir: string;
}

const cache = new Map<string, Map<string, CannedQuery>>();

/** Every canned query, by id, validated; a bad file fails loudly with its path. */
export function loadQueries(dir: string = QUERIES_DIR): ReadonlyMap<string, CannedQuery> {
  const cached = cache.get(dir);
  if (cached) return cached;
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (cause) {
    throw new QirError('IO', `Cannot read the canned queries in ${dir}: reinstall qir or restore the folder.`, { cause });
  }
  const queries = new Map(entries.map((name) => [name, loadQuery(join(dir, name))] as const));
  cache.set(dir, queries);
  return queries;
}

export function loadQuery(queryDir: string): CannedQuery {
  const metaPath = join(queryDir, 'query.yaml');
  const sqlPath = join(queryDir, 'query.sql');
  let meta: unknown;
  let sql: string;
  try {
    meta = parseYaml(readFileSync(metaPath, 'utf8'));
    sql = readFileSync(sqlPath, 'utf8');
  } catch (cause) {
    throw new QirError('IO', `Cannot read the canned query in ${queryDir} (query.yaml and query.sql): ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = queryMetaSchema.safeParse(meta);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new QirError('IO', `invalid canned query ${metaPath}: ${issues}`);
  }
  const name = queryDir.replace(/\/+$/, '').split('/').pop();
  if (parsed.data.id !== name) {
    throw new QirError('IO', `canned query id ${parsed.data.id} differs from its folder ${queryDir}: rename one of them.`);
  }
  return { ...parsed.data, sql, dir: queryDir };
}

export function getQuery(id: string, dir: string = QUERIES_DIR): CannedQuery {
  const query = loadQueries(dir).get(id);
  if (!query) throw new QirError('IO', `no canned query ${id} in ${dir}: restore content/queries/${id}/.`);
  return query;
}

/** A row as the engine returns it, with BIGINT counts turned into numbers. */
export type Row = Record<string, unknown>;

/** Runs canned query `id` over the case's events inside `window`. */
export async function runQuery(store: CaseStore, id: string, window: InvestigationWindow = {}): Promise<Row[]> {
  const rows = await store.all<Row>(scopeToWindow(getQuery(id).sql, window));
  return rows.map(plain);
}

function plain(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}
