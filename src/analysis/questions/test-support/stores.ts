// Test-only: memory cases holding a scenario's records, the AWS documentation samples or the real invictus records,
// stored through the real ingest path.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestRecords } from '../../../app/ingest/ingest-records.js';
import type { CloudTrailRecord } from '../../../core/cloudtrail.js';
import { getScenario } from '../../../simulate/scenarios/index.js';
import type { ScenarioBuild } from '../../../simulate/scenarios/index.js';
import type { CaseStore } from '../../../store/case-store.js';
import { openMemoryStore } from '../../../store/case-store.js';

export const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/data');
export const DOC_SAMPLES = join(SHARED_DATA, 'q-doc-samples');

export const SCENARIO_NAMES = ['stolen-key-q-business', 'insider-conversation-snooping', 'q-developer-abuse'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function buildScenario(name: ScenarioName): ScenarioBuild {
  return getScenario(name).build({ seed: 42, start: new Date('2025-06-03T07:00:00Z') });
}

/** A memory case holding `records`. */
export async function storeOf(records: readonly unknown[]): Promise<CaseStore> {
  const store = await openMemoryStore();
  await ingestRecords(store, records as CloudTrailRecord[]);
  return store;
}

/** One AWS documentation sample record (verbatim file in ../shared/data/q-doc-samples). */
export function docSample(suffix: string): CloudTrailRecord {
  return JSON.parse(readFileSync(join(DOC_SAMPLES, `docs.aws.amazon.com_amazonq_${suffix}.json`), 'utf8')) as CloudTrailRecord;
}
