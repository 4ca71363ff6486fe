// Investigate benchmark: the whole `qir investigate` on the one-million-event case of the ingest benchmark,
// against a baseline measured in the same run (one DuckDB pass that groups every event by principal).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_SECONDS = 3;
const { values: args } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, files: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const label = args.events === '1000000' && args.files === '1000' ? '1m' : `${args.events}e-${args.files}f`;
const dataDir = join(ROOT, 'bench', '.data', `ingest-${label}`);
const caseDir = join(ROOT, 'bench', '.data', `case-${label}`);

if (!existsSync(dataDir)) {
  console.log(`generating the evidence with the ingest benchmark (${label})…`);
  execFileSync('npx', ['tsx', 'bench/ingest.ts', '--events', args.events, '--files', args.files], { cwd: ROOT, stdio: 'inherit' });
}
if (!existsSync(join(caseDir, 'case.duckdb'))) {
  console.log(`ingesting ${dataDir} into ${caseDir} (once; reused by later runs)…`);
  const r = spawnSync('node', ['bin/qir.js', 'ingest', dataDir, '--case', caseDir, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`ingest failed with status ${r.status}`);
}

async function baselineSeconds(): Promise<number> {
  const db = await DuckDBInstance.create(join(caseDir, 'case.duckdb'), { access_mode: 'READ_ONLY', threads: '2' });
  const c = await db.connect();
  const t = performance.now();
  await c.runAndReadAll(`SELECT useridentity.arn, count(*), count(DISTINCT sourceipaddress), min(eventtime), max(eventtime) FROM cloudtrail GROUP BY 1`);
  const s = (performance.now() - t) / 1000;
  c.closeSync();
  db.closeSync();
  return s;
}

const runs = Number(args.runs);
const times: number[] = [];
let findings = 0;
let events = 0;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const r = spawnSync('node', ['bin/qir.js', 'investigate', '--case', caseDir, '--json'], { cwd: ROOT, maxBuffer: 1 << 30, encoding: 'utf8' });
  times.push((performance.now() - t) / 1000);
  if (r.status !== 0) throw new Error(`investigate failed (${r.status}): ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { counts: { events: number }; findings: unknown[] };
  findings = doc.findings.length;
  events = doc.counts.events;
}
const base = await baselineSeconds();
const best = Math.min(...times);
console.log(`\nqir investigate on ${events.toLocaleString('en-US')} events (${findings} findings), best of ${runs}:`);
console.log(`  investigate            ${best.toFixed(2)} s   (runs: ${times.map((x) => x.toFixed(2)).join(', ')}; includes process start-up)`);
console.log(`  baseline group-by scan ${base.toFixed(2)} s   ratio ${(best / base).toFixed(1)}×`);
console.log(`  target                 < ${TARGET_SECONDS} s: ${best < TARGET_SECONDS ? 'met' : 'NOT met'}`);
