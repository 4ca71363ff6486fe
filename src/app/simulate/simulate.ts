// `qir simulate`: writes an Amazon Q incident as CloudTrail delivery files (S3 layout, gzipped) with
// ordinary background activity around it, and the answers an investigator must reach.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../../simulate/records.js';
import { generateBackground } from '../../simulate/background.js';
import { getScenario } from '../../simulate/scenarios/index.js';
import type { ExpectedAnswers } from '../../simulate/scenarios/types.js';
import { writeDeliveryFiles } from '../../simulate/writer.js';

export interface SimulateOptions {
  scenario: string;
  outDir: string;
  /** Ordinary background events written around the incident. */
  background?: number;
  seed?: number;
  start?: Date;
}

export interface SimulateResult {
  scenario: string;
  outDir: string;
  files: number;
  records: number;
  incidentRecords: number;
  expectedFile: string;
  expected: ExpectedAnswers;
}

export const DEFAULT_START = new Date('2025-06-03T07:00:00Z');

export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  const scenario = getScenario(o.scenario);
  const seed = o.seed ?? 42;
  const start = o.start ?? DEFAULT_START;
  const { records, expected } = scenario.build({ seed, start });
  const times = records.map((r) => Date.parse(r.eventTime as string));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const accounts = [...new Set(records.map((r) => r.recipientAccountId as string))];
  const regions = [...new Set(records.map((r) => r.awsRegion as string))];
  // Background spans the incident's day, with a day before it as the baseline.
  const background = [
    ...generateBackground({
      seed: seed + 1,
      count: o.background ?? 0,
      start: first - 86_400_000,
      end: last + 3_600_000,
      accounts,
      regions: regions.includes('us-east-1') ? regions : [...regions, 'us-east-1'],
    }),
  ];
  const all = [...(records as unknown as CloudTrailRecord[]), ...background].sort((a, b) => (a.eventTime as string).localeCompare(b.eventTime as string));
  mkdirSync(o.outDir, { recursive: true });
  const written = await writeDeliveryFiles(all, { outDir: join(o.outDir, 'logs'), seed });
  const expectedFile = join(o.outDir, 'expected.json');
  writeFileSync(expectedFile, JSON.stringify({ scenario: scenario.name, title: scenario.title, seed, start: start.toISOString(), expected }, null, 2) + '\n');
  return {
    scenario: scenario.name,
    outDir: o.outDir,
    files: written.files.length,
    records: written.records,
    incidentRecords: records.length,
    expectedFile,
    expected,
  };
}
