// A case: a folder with one DuckDB database, opened by one qir command at a time (a lock file says who).
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { QirError } from '../core/errors.js';
import { installTrinoFunctions } from '../engine/trino-functions.js';
import { CLOUDTRAIL_DDL } from './schema.js';

export const CASE_DB_FILE = 'case.duckdb';
const LOCK_FILE = 'case.lock';

const SUPPORT_DDL = [
  CLOUDTRAIL_DDL,
  `CREATE TABLE IF NOT EXISTS evidence (
    sha256 VARCHAR NOT NULL, path VARCHAR NOT NULL, size BIGINT, format VARCHAR,
    events_read BIGINT, events_stored BIGINT, duplicates BIGINT, events_rejected BIGINT,
    file_rejected VARCHAR, first_event VARCHAR, last_event VARCHAR, ingested_at VARCHAR, run_id VARCHAR,
    PRIMARY KEY (sha256, path))`,
  `CREATE TABLE IF NOT EXISTS rejections (sha256 VARCHAR, path VARCHAR, position VARCHAR, reason VARCHAR, run_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS conflicts (eventid VARCHAR, _hash UUID, _evidence VARCHAR, _position VARCHAR, run_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR PRIMARY KEY, command VARCHAR, started_at VARCHAR, finished_at VARCHAR, summary VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS notes (created_at VARCHAR, author VARCHAR, text VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS investigations (run_id VARCHAR PRIMARY KEY, created_at VARCHAR, document VARCHAR)`,
];

export interface CaseStore {
  dir: string;
  connection: DuckDBConnection;
  /** Runs SQL and returns rows as plain objects (JSON-safe values). */
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  close(): void;
}

export interface OpenOptions {
  /** Create the folder and database when missing (ingest); otherwise a missing case is an error. */
  create?: boolean;
  /** Seconds to wait for another qir command to finish with the case. */
  waitSeconds?: number;
  command?: string;
}

export async function openCase(dir: string, opts: OpenOptions = {}): Promise<CaseStore> {
  const caseDir = resolve(dir);
  if (opts.create) mkdirSync(caseDir, { recursive: true });
  else if (!existsSync(join(caseDir, CASE_DB_FILE))) {
    throw new QirError('CASE_INVALID', `no case at ${dir}: run \`qir ingest PATH --case ${dir}\` first`);
  }
  const release = await acquireLock(caseDir, opts.waitSeconds ?? 0, opts.command ?? 'qir');
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(join(caseDir, CASE_DB_FILE), {
      threads: '2',
      memory_limit: '1GB',
      preserve_insertion_order: 'false',
    });
  } catch (e) {
    release();
    throw new QirError('CASE_INVALID', `cannot open the case database in ${dir}: ${(e as Error).message}`, { cause: e });
  }
  return wrap(caseDir, instance, release);
}

/** A throw-away in-memory case, for rule tests and simulations. */
export async function openMemoryStore(): Promise<CaseStore> {
  return wrap(':memory:', await DuckDBInstance.create(':memory:', { threads: '2' }), () => undefined);
}

async function wrap(dir: string, instance: DuckDBInstance, release: () => void): Promise<CaseStore> {
  const connection = await instance.connect();
  for (const ddl of SUPPORT_DDL) await connection.run(ddl);
  await installTrinoFunctions(connection);
  const store: CaseStore = {
    dir,
    connection,
    async all<T>(sql: string, params?: DuckDBValue[]) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    async run(sql: string, params?: DuckDBValue[]) {
      await connection.run(sql, params);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
      release();
    },
  };
  return store;
}

/** Takes the case lock; a lock left by a dead process (kill -9) is taken over. */
async function acquireLock(caseDir: string, waitSeconds: number, command: string): Promise<() => void> {
  const lockPath = join(caseDir, LOCK_FILE);
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new QirError('IO', `cannot lock the case: ${(e as Error).message}`);
    }
    const holder = readLock(lockPath);
    if (holder ? !isAlive(holder.pid) : isStale(lockPath)) {
      takeOverDeadLock(lockPath, holder?.pid);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `${holder.command} (pid ${holder.pid}, since ${holder.since})` : 'another qir command';
      throw new QirError(
        'CASE_BUSY',
        `the case ${caseDir} is busy: ${who} is using it. Wait for it to finish, or pass --wait SECONDS to wait.`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Removes a dead holder's lock without racing another waiter: the lock is moved aside first, and put
 * back if what was moved turns out to be a live command's fresh lock.
 */
function takeOverDeadLock(lockPath: string, deadPid: number | undefined): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // another waiter moved it first
  }
  const moved = readLock(aside);
  if (moved && moved.pid !== deadPid && isAlive(moved.pid)) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // a third command holds the lock now; the live one we moved will find its lock gone on release
    }
  }
  rmSync(aside, { force: true });
}

function readLock(lockPath: string): { pid: number; command: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; command: string; since: string };
  } catch {
    return undefined; // being written right now, or removed: try again
  }
}

// A lock file with no readable owner, older than a few seconds, was left by a process killed mid-write.
function isStale(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 5000;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
