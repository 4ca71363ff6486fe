// A case folder on disk holding a simulated incident, investigated the way `qir investigate` does it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { investigate } from '../../app/investigate/investigate.js';
import type { InvestigationDocument } from '../../app/investigate/investigate.js';
import { ingestRecords } from '../../app/ingest/ingest-records.js';
import type { CloudTrailRecord } from '../../simulate/scenarios/index.js';
import { openCase } from '../../store/case-store.js';
import { scenarioRecords } from './documents.js';

export async function investigatedCase(records: CloudTrailRecord[] = scenarioRecords().records): Promise<{ dir: string; doc: InvestigationDocument }> {
  const dir = mkdtempSync(join(tmpdir(), 'qir-report-case-'));
  const store = await openCase(dir, { create: true });
  try {
    await ingestRecords(store, records);
  } finally {
    store.close();
  }
  return { dir, doc: await investigate({ caseDir: dir }) };
}
