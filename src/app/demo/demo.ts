// `qir demo`: the whole playbook on built-in data, no AWS account: simulate an incident, ingest it,
// investigate it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestSummary } from '../ingest/ingest.js';
import { ingest } from '../ingest/ingest.js';
import type { InvestigationDocument } from '../investigate/investigate.js';
import { investigate } from '../investigate/investigate.js';
import type { SimulateResult } from '../simulate/simulate.js';
import { simulate } from '../simulate/simulate.js';

export interface DemoOptions {
  scenario?: string;
  background?: number;
  /** Folder for the simulated logs and the case; a new temporary folder by default. */
  outDir?: string;
}

export interface DemoResult {
  dir: string;
  caseDir: string;
  simulated: SimulateResult;
  ingested: IngestSummary;
  investigation: InvestigationDocument;
}

export async function runDemo(o: DemoOptions = {}): Promise<DemoResult> {
  const dir = o.outDir ?? mkdtempSync(join(tmpdir(), 'qir-demo-'));
  const simulated = await simulate({ scenario: o.scenario ?? 'stolen-key-q-business', outDir: join(dir, 'evidence'), background: o.background ?? 20_000 });
  const caseDir = join(dir, 'case');
  const ingested = await ingest({ paths: [join(dir, 'evidence', 'logs')], caseDir });
  const investigation = await investigate({ caseDir });
  return { dir, caseDir, simulated, ingested, investigation };
}
