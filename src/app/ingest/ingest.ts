// The ingest use case: every input file is stored, a duplicate, skipped or rejected with a reason;
// records are committed in input order, a batch of files per transaction, so a killed run resumes.
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { QirError } from '../../core/errors.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../../core/limits.js';
import type { EvidenceRow } from '../../store/append-batch.js';
import type { StagedFile } from '../../store/staging.js';
import { appendBatch } from '../../store/append-batch.js';
import type { CaseStore } from '../../store/case-store.js';
import { openCase } from '../../store/case-store.js';
import { listInputs } from './list-inputs.js';
import type { FileResult } from './process-file.js';
import { createPool } from './worker-pool.js';

export interface IngestOptions {
  paths: string[];
  caseDir: string;
  /** Largest record stored; larger ones are rejected with their size. */
  maxRecordBytes?: number;
  waitSeconds?: number;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  eventsRead: number;
  elapsedMs: number;
}

export interface IngestSummary {
  runId: string;
  case: string;
  filesRead: number;
  filesSkipped: number;
  filesRejected: number;
  eventsRead: number;
  eventsStored: number;
  duplicates: number;
  conflicts: number;
  eventsRejected: number;
  rejected: Array<{ file: string; position: string; reason: string }>;
  skipped: Array<{ file: string; reason: string }>;
  timeRange: { first: string; last: string } | null;
  accounts: string[];
  regions: string[];
}

const BATCH_EVENTS = 50_000;
/** Staged events not yet committed before readers wait for the store. */
const MAX_STAGED_AHEAD = 4 * BATCH_EVENTS;

interface KnownFile {
  paths: Set<string>;
  format: string;
  eventsRead: number;
  firstEvent: string | null;
  lastEvent: string | null;
}

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const inputs = listInputs(opts.paths);
  if (inputs.missing.length === opts.paths.length) {
    throw new QirError('NO_INPUT', `no such file or directory: ${inputs.missing.join(', ')}`);
  }
  const store = await openCase(opts.caseDir, { create: true, waitSeconds: opts.waitSeconds, command: 'qir ingest' });
  try {
    return await runIngest(store, inputs, opts, maxRecordBytes, started);
  } finally {
    store.close();
  }
}

async function runIngest(
  store: CaseStore,
  inputs: ReturnType<typeof listInputs>,
  opts: IngestOptions,
  maxRecordBytes: number,
  started: number,
): Promise<IngestSummary> {
  const runId = `ingest-${new Date(started).toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const ingestedAt = new Date(started).toISOString();
  const staging = join(store.dir, '.staging');
  rmSync(staging, { recursive: true, force: true }); // left over by a killed run
  mkdirSync(staging, { recursive: true });

  const known = await loadKnownFiles(store);
  const summary: IngestSummary = {
    runId,
    case: store.dir,
    filesRead: 0,
    filesSkipped: inputs.skipped.length,
    filesRejected: inputs.missing.length,
    eventsRead: 0,
    eventsStored: 0,
    duplicates: 0,
    conflicts: 0,
    eventsRejected: 0,
    rejected: inputs.missing.map((file) => ({ file, position: 'whole file', reason: 'no such file or directory' })),
    skipped: [...inputs.skipped],
    timeRange: null,
    accounts: [],
    regions: [],
  };
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const knownShasSeen = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  const widen = (a: string | null, b: string | null) => {
    if (a && (!first || a < first)) first = a;
    if (b && (!last || b > last)) last = b;
  };

  const files = inputs.files;
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const progress = { filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal, eventsRead: 0, elapsedMs: 0 };
  const results = new Map<number, FileResult>();
  const stagedAhead = () => {
    let n = 0;
    for (const r of results.values()) if (r.status === 'read') n += r.staged;
    return n;
  };
  let nextToCommit = 0;
  let commitChain = Promise.resolve();
  let commitError: unknown;

  // Collects consecutive finished files, in input order, into one transaction.
  const commitReady = (final: boolean) => {
    const batch: FileResult[] = [];
    let events = 0;
    let i = nextToCommit;
    while (results.has(i)) {
      const r = results.get(i)!;
      batch.push(r);
      if (r.status === 'read') events += r.staged;
      i++;
      if (events >= BATCH_EVENTS) break;
    }
    if (batch.length === 0 || (!final && events < BATCH_EVENTS && i < files.length)) return;
    for (let k = nextToCommit; k < i; k++) results.delete(k);
    nextToCommit = i;
    commitChain = commitChain.then(() => (commitError ? undefined : commitBatch(batch))).catch((e: unknown) => {
      commitError ??= e;
    });
    if (final || results.has(nextToCommit)) commitReady(final);
  };

  const commitBatch = async (batch: FileResult[]) => {
    const rows: EvidenceRow[] = [];
    const stagingFiles: StagedFile[] = [];
    for (const r of batch) {
      const file = files[r.index]!.path;
      if (r.status === 'unreadable') {
        summary.filesRejected++;
        summary.rejected.push({ file, position: 'whole file', reason: r.reason });
        continue;
      }
      summary.filesRead++;
      if (r.status === 'skipped') {
        summary.filesSkipped++;
        summary.skipped.push({ file, reason: r.reason });
        continue;
      }
      if (r.status === 'known') {
        const k = known.get(r.sha256)!;
        summary.eventsRead += k.eventsRead;
        summary.duplicates += k.eventsRead;
        knownShasSeen.add(r.sha256);
        widen(k.firstEvent, k.lastEvent);
        if (!k.paths.has(file)) {
          k.paths.add(file);
          rows.push({ ...emptyRow(r.sha256, file, r.size, k.format, r.index), eventsRead: k.eventsRead, staged: k.eventsRead, firstEvent: k.firstEvent, lastEvent: k.lastEvent });
        }
        continue;
      }
      summary.eventsRead += r.eventsRead;
      const rejectedRecords = r.eventsRead - r.staged;
      summary.eventsRejected += rejectedRecords;
      if (r.fileRejected) summary.filesRejected++;
      for (const j of r.rejections) summary.rejected.push({ file, ...j });
      r.accounts.forEach((a) => accounts.add(a));
      r.regions.forEach((g) => regions.add(g));
      widen(r.firstEvent, r.lastEvent);
      if (r.staged) stagingFiles.push(stagingPath(staging, r.index));
      rows.push({
        ...emptyRow(r.sha256, file, r.size, r.format, r.index),
        eventsRead: r.eventsRead,
        staged: r.staged,
        eventsRejected: rejectedRecords,
        fileRejected: r.fileRejected ?? null,
        firstEvent: r.firstEvent,
        lastEvent: r.lastEvent,
        rejections: r.rejections,
      });
    }
    const staged = batch.reduce((n, r) => n + (r.status === 'read' ? r.staged : 0), 0);
    const maxObjectBytes = batch.reduce((n, r) => Math.max(n, r.status === 'read' ? r.maxLineBytes : 0), 0);
    const res = await appendBatch(store, stagingFiles, rows, runId, { maxObjectBytes, ingestedAt });
    let stored = 0;
    for (const n of res.storedByFile.values()) stored += n;
    summary.eventsStored += stored;
    summary.duplicates += staged - stored;
    summary.conflicts += res.newConflicts;
    for (const f of stagingFiles) {
      rmSync(f.rows, { force: true });
      rmSync(f.keys, { force: true });
    }
  };

  const pool = createPool([...known.keys()]);
  try {
    // Readers run ahead of the store by a bounded amount, so staging never holds a whole large run.
    const inFlight = new Set<Promise<void>>();
    for (let index = 0; index < files.length; index++) {
      while (inFlight.size >= pool.size * 2 || (index - nextToCommit > pool.size * 2 && stagedAhead() > MAX_STAGED_AHEAD)) {
        await (inFlight.size ? Promise.race(inFlight) : commitChain);
      }
      if (commitError) break;
      const f = files[index]!;
      const job = pool
        .run({ index, path: f.path, staging: stagingPath(staging, index), maxRecordBytes })
        .then((r) => {
          results.set(index, r);
          progress.filesDone++;
          progress.bytesDone += f.size;
          if (r.status === 'read') progress.eventsRead += r.eventsRead;
          if (r.status === 'known') progress.eventsRead += known.get(r.sha256)?.eventsRead ?? 0;
          progress.elapsedMs = Date.now() - started;
          opts.onProgress?.({ ...progress });
          commitReady(false);
        })
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await Promise.all(inFlight);
    commitReady(true);
    await commitChain;
    if (commitError) throw commitError;
  } finally {
    await pool.close();
    rmSync(staging, { recursive: true, force: true });
  }

  if (knownShasSeen.size) {
    const shas = [...knownShasSeen];
    for (const r of await store.all<{ a: string | null; g: string | null }>(
      `SELECT DISTINCT recipientaccountid AS a, awsregion AS g FROM cloudtrail WHERE list_contains($1, _evidence)`,
      [listValue(shas)],
    )) {
      if (r.a) accounts.add(r.a);
      if (r.g) regions.add(r.g);
    }
  }
  summary.accounts = [...accounts].sort();
  summary.regions = [...regions].sort();
  summary.timeRange = first && last ? { first, last } : null;
  await store.run(`INSERT INTO runs VALUES ($1, 'ingest', $2, $3, $4)`, [
    runId,
    new Date(started).toISOString(),
    new Date().toISOString(),
    JSON.stringify(summary),
  ]);
  await writeEvidenceManifest(store);
  return summary;
}

const stagingPath = (dir: string, index: number): StagedFile => ({
  rows: join(dir, `${index}.ndjson`),
  keys: join(dir, `${index}.keys.csv`),
});

function emptyRow(sha256: string, path: string, size: number, format: string, fileIndex: number): EvidenceRow {
  return {
    sha256,
    path,
    size,
    format,
    fileIndex,
    eventsRead: 0,
    staged: 0,
    eventsRejected: 0,
    fileRejected: null,
    firstEvent: null,
    lastEvent: null,
    rejections: [],
  };
}

/** Files already in the case whose every record was stored: seen again, they are whole duplicates. */
async function loadKnownFiles(store: CaseStore): Promise<Map<string, KnownFile>> {
  const rows = await store.all<{ sha256: string; path: string; format: string; events_read: number; first_event: string | null; last_event: string | null }>(
    `SELECT sha256, path, format, events_read, first_event, last_event FROM evidence
     WHERE file_rejected IS NULL AND events_rejected = 0 AND sha256 NOT IN (SELECT sha256 FROM rejections)`,
  );
  const known = new Map<string, KnownFile>();
  for (const r of rows) {
    const k = known.get(r.sha256);
    if (k) k.paths.add(r.path);
    else
      known.set(r.sha256, {
        paths: new Set([r.path]),
        format: r.format,
        eventsRead: Number(r.events_read),
        firstEvent: r.first_event,
        lastEvent: r.last_event,
      });
  }
  return known;
}

/** evidence.json: what the case holds, file by file, so an investigator can prove what was analysed. */
export async function writeEvidenceManifest(store: CaseStore): Promise<void> {
  const files = await store.all(
    `SELECT path, sha256, size, format, events_read AS "eventsRead", events_stored AS "eventsStored",
            duplicates, events_rejected AS "eventsRejected", file_rejected AS "fileRejected",
            first_event AS "firstEvent", last_event AS "lastEvent", ingested_at AS "ingestedAt", run_id AS "runId"
     FROM evidence ORDER BY path, sha256`,
  );
  const manifest = { generatedAt: new Date().toISOString(), files: files.map(numbersToJs) };
  const tmp = join(store.dir, 'evidence.json.tmp');
  writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, join(store.dir, 'evidence.json'));
}

function numbersToJs(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}
