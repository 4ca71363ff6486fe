// Shared helpers for the ingest robustness and crash tests: real records, temp folders, the CLI as a
// child process, read-only looks into a case database. Test-only (excluded from the build).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const QIR_BIN = join(REPO_ROOT, 'bin', 'qir.js');
export const DIST_MAIN = join(REPO_ROOT, 'dist', 'cli', 'main.js');
export const INVICTUS_DIR = resolve(REPO_ROOT, '../shared/data/cloudtrail/invictus-aws-dataset');

export type Rec = Record<string, unknown>;

/** CLI tests run the compiled CLI: fail clearly, rather than skip, when it has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: build first with \`npx tsc -p tsconfig.build.json\``);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `qir-${prefix}-`));
}

export const sha256 = (buf: Buffer | string): string => createHash('sha256').update(buf).digest('hex');
export const sha256File = (path: string): string => sha256(readFileSync(path));

/** The invictus delivery files, in name order, each with its records. */
export function invictusFiles(): Array<{ name: string; path: string; records: Rec[] }> {
  return readdirSync(INVICTUS_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(INVICTUS_DIR, name);
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { Records: Rec[] };
      return { name, path, records: doc.Records };
    });
}

/** All 2,900 invictus records, in file then record order. */
export function invictusRecords(): Rec[] {
  return invictusFiles().flatMap((f) => f.records);
}

/** A small deterministic PRNG (mulberry32), so generated corpora are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of a JSON value with the keys of every object (at every depth) in a shuffled order; arrays keep their order. */
export function permuteKeysDeep(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeysDeep(v, rand));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Rec = {};
  for (const k of keys) out[k] = permuteKeysDeep((value as Rec)[k], rand);
  return out;
}

/** A deterministic, UUID-shaped eventID. */
export function fakeEventId(tag: string, n: number): string {
  const h = sha256(`${tag}:${n}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function spawnCli(args: string[], opts: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [QIR_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Waits for a spawned CLI to exit (it is reaped by then, so its pid is really gone). */
export function collect(child: ChildProcess): Promise<CliResult> {
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

export function runCli(args: string[], opts: { cwd?: string } = {}): Promise<CliResult> {
  return collect(spawnCli(args, opts));
}

/** Opens a case database read-only (only when no qir process holds it), runs `fn`, closes it. */
export async function withCaseDb<T>(caseDir: string, fn: (q: <R = Rec>(sql: string) => Promise<R[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(join(caseDir, 'case.duckdb'), { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return await fn(async <R = Rec>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as R[]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Everything a finished ingest leaves in a case that must not depend on how many runs it took. */
export interface CaseSnapshot {
  count: number;
  hashes: string[];
  evidence: string[];
  rejections: string[];
  conflicts: string[];
}

const stringify = (row: unknown) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

export async function snapshotCase(caseDir: string): Promise<CaseSnapshot> {
  return withCaseDb(caseDir, async (q) => {
    const [c] = await q<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cloudtrail`);
    const hashes = (await q<{ h: string }>(`SELECT _hash::VARCHAR AS h FROM cloudtrail ORDER BY h`)).map((r) => r.h);
    const evidence = (
      await q(
        `SELECT sha256, path, size, format, events_read, events_stored, duplicates, events_rejected, file_rejected,
                first_event, last_event FROM evidence ORDER BY path, sha256`,
      )
    ).map(stringify);
    const rejections = (await q(`SELECT sha256, path, position, reason FROM rejections ORDER BY ALL`)).map(stringify);
    const conflicts = (
      await q(`SELECT eventid, _hash::VARCHAR AS h, _evidence, _position FROM conflicts ORDER BY ALL`)
    ).map(stringify);
    return { count: c?.n ?? -1, hashes, evidence, rejections, conflicts };
  });
}
