// Appends staged records to `cloudtrail` in one transaction with their evidence rows: an event
// already stored (same content hash) is a duplicate; the same eventID with other content is a conflict.
import type { CaseStore } from './case-store.js';
import { duckdbType, RECORD_SHAPE } from './record-shape.js';
import { CLOUDTRAIL_COLUMNS } from './schema.js';
import type { StagedFile } from './staging.js';
import { SEQ_FILE_FACTOR } from './staging.js';

export interface EvidenceRow {
  sha256: string;
  path: string;
  size: number;
  format: string;
  eventsRead: number;
  /** Records written to staging; stored + duplicates once the batch is appended. */
  staged: number;
  eventsRejected: number;
  fileRejected: string | null;
  firstEvent: string | null;
  lastEvent: string | null;
  rejections: Array<{ position: string; reason: string }>;
  /** Index of the file in this run; the `_file` value of its staged records. */
  fileIndex: number;
}

export interface BatchResult {
  /** Newly stored events per file index. */
  storedByFile: Map<number, number>;
  /** eventIDs that became conflicting in this batch. */
  newConflicts: number;
}

const STAGE_COLUMNS = [
  ...Object.entries(RECORD_SHAPE).map(([k, shape]) => `'${k.toLowerCase()}': '${duckdbType(shape, 'JSON')}'`),
  `'_extra': 'VARCHAR'`,
  `'_ts': 'BIGINT'`,
  `'_hash': 'UUID'`,
  `'_evidence': 'VARCHAR'`,
  `'_position': 'VARCHAR'`,
  `'_seq': 'BIGINT'`,
].join(', ');

const TARGET = CLOUDTRAIL_COLUMNS.map(([n]) => n);
const FROM_STAGE = TARGET.map((n) => (n === '_ts' ? 'make_timestamp(s._ts * 1000) AS _ts' : `s.${n}`)).join(', ');

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlList = (items: string[]) => `[${items.map(sqlString).join(', ')}]`;

export async function appendBatch(
  store: CaseStore,
  staged: StagedFile[],
  evidence: EvidenceRow[],
  runId: string,
  opts: { maxObjectBytes: number; ingestedAt: string },
): Promise<BatchResult> {
  const storedByFile = new Map<number, number>();
  let newConflicts = 0;
  await store.run('BEGIN TRANSACTION');
  try {
    if (staged.length) {
      await store.run(
        `CREATE OR REPLACE TEMP TABLE batch_keys AS SELECT * FROM read_csv(${sqlList(staged.map((f) => f.keys))},
           columns = {'_seq': 'BIGINT', '_hash': 'UUID', 'eventid': 'VARCHAR'},
           header = false, auto_detect = false, quote = '"', escape = '"')`,
      );
      // New: the first copy within the batch, and not already in the case.
      await store.run(
        `CREATE OR REPLACE TEMP TABLE batch_new AS
         SELECT k._seq, k._hash, k.eventid FROM (
           SELECT *, row_number() OVER (PARTITION BY _hash ORDER BY _seq) AS rn FROM batch_keys) k
         ANTI JOIN (SELECT _hash FROM cloudtrail) c ON c._hash = k._hash
         WHERE k.rn = 1`,
      );
      const [counts] = await store.all<{ total: bigint; fresh: bigint }>(
        `SELECT (SELECT count(*) FROM batch_keys) AS total, (SELECT count(*) FROM batch_new) AS fresh`,
      );
      const conflicted = await store.all<{ eventid: string }>(
        `SELECT DISTINCT eventid FROM batch_new
         WHERE eventid IN (SELECT eventid FROM cloudtrail)
            OR eventid IN (SELECT eventid FROM batch_new GROUP BY eventid HAVING count(*) > 1)`,
      );
      newConflicts = conflicted.length;
      if (Number(counts?.fresh ?? 0) > 0) {
        const source = `read_json(${sqlList(staged.map((f) => f.rows))}, format = 'newline_delimited',
          columns = {${STAGE_COLUMNS}}, maximum_object_size = ${Math.max(16 * 1024 * 1024, Math.ceil(opts.maxObjectBytes) + 1024)}) s`;
        const onlyNew = counts?.fresh === counts?.total ? '' : 'SEMI JOIN batch_new n ON n._seq = s._seq';
        // The JSON reader holds buffers of maximum_object_size per thread: huge records are read by one.
        const huge = opts.maxObjectBytes > 16 * 1024 * 1024;
        if (huge) await store.run(`SET threads = 1; SET memory_limit = '4GB'`);
        try {
          await store.run(`INSERT INTO cloudtrail (${TARGET.join(', ')}) SELECT ${FROM_STAGE} FROM ${source} ${onlyNew}`);
        } finally {
          if (huge) await store.run(`SET threads = 2; SET memory_limit = '1GB'`);
        }
      }
      if (newConflicts) {
        await store.run(
          `INSERT INTO conflicts
           SELECT eventid, _hash, _evidence, _position, $1 FROM cloudtrail c
           WHERE eventid IN (${conflicted.map((r) => sqlString(r.eventid)).join(', ')})
             AND NOT EXISTS (SELECT 1 FROM conflicts k WHERE k._hash = c._hash)`,
          [runId],
        );
      }
      for (const r of await store.all<{ f: number; n: bigint }>(
        `SELECT (_seq // ${SEQ_FILE_FACTOR})::INTEGER AS f, count(*) AS n FROM batch_new GROUP BY f`,
      )) {
        storedByFile.set(Number(r.f), Number(r.n));
      }
      await store.run('DROP TABLE batch_keys');
      await store.run('DROP TABLE batch_new');
    }
    for (const row of evidence) await upsertEvidence(store, row, storedByFile.get(row.fileIndex) ?? 0, runId, opts.ingestedAt);
    await store.run('COMMIT');
  } catch (e) {
    await store.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return { storedByFile, newConflicts };
}

/**
 * One row per (file content, path). Seen again, a file keeps its row: stored events add up, and
 * rejections are replaced by this reading's (they can change when --max-record-size does).
 */
async function upsertEvidence(store: CaseStore, r: EvidenceRow, stored: number, runId: string, at: string): Promise<void> {
  await store.run(
    `INSERT INTO evidence VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (sha256, path) DO UPDATE SET
       events_stored = evidence.events_stored + excluded.events_stored,
       events_rejected = excluded.events_rejected,
       duplicates = excluded.events_read - (evidence.events_stored + excluded.events_stored) - excluded.events_rejected,
       file_rejected = excluded.file_rejected`,
    [
      r.sha256,
      r.path,
      r.size,
      r.format,
      r.eventsRead,
      stored,
      r.staged - stored,
      r.eventsRejected,
      r.fileRejected,
      r.firstEvent,
      r.lastEvent,
      at,
      runId,
    ],
  );
  await store.run(`DELETE FROM rejections WHERE sha256 = $1 AND path = $2`, [r.sha256, r.path]);
  for (const j of r.rejections) {
    await store.run(`INSERT INTO rejections VALUES ($1, $2, $3, $4, $5)`, [r.sha256, r.path, j.position, j.reason, runId]);
  }
}
