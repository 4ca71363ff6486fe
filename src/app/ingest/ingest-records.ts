// Stores in-memory CloudTrail records in a store through the same path as files (tests, simulations).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../../core/cloudtrail.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../../core/limits.js';
import { appendBatch } from '../../store/append-batch.js';
import type { CaseStore } from '../../store/case-store.js';
import { processFile } from './process-file.js';

/** Returns the number of records stored; throws if any record is not a valid CloudTrail record. */
export async function ingestRecords(store: CaseStore, records: CloudTrailRecord[], label = 'records.json'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'qir-records-'));
  try {
    const path = join(dir, label);
    writeFileSync(path, JSON.stringify({ Records: records }));
    const staging = { rows: join(dir, 'rows.ndjson'), keys: join(dir, 'keys.csv') };
    const r = processFile({ index: 0, path, staging, maxRecordBytes: DEFAULT_MAX_RECORD_BYTES }, new Set());
    if (r.status !== 'read') throw new Error(`cannot store records: ${r.status}`);
    if (r.rejections.length) throw new Error(`invalid records: ${r.rejections.map((j) => `${j.position}: ${j.reason}`).join('; ')}`);
    if (r.staged === 0) return 0;
    const res = await appendBatch(store, [staging], [], 'records', { maxObjectBytes: r.maxLineBytes, ingestedAt: new Date().toISOString() });
    return res.storedByFile.get(0) ?? 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
