// Ingest benchmark: 1M generated CloudTrail events in S3 delivery files, `qir ingest` timed against `zcat`.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNTS, GENERATOR_VERSION, generateBackground } from '../src/simulate/background.js';
import { WINDOW_MS, writeDeliveryFiles } from '../src/simulate/writer.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME_BIN = '/usr/bin/time';
const TARGET_RATIO = 1.25;
const TARGET_RSS_BYTES = 1.5e9;
const SEED = 1;
const START = '2025-03-03T00:00:00Z';
const REGIONS = ['us-east-1', 'eu-west-1'];

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    files: { type: 'string', default: '1000' },
  },
});
const events = Number(args.events);
const fileCount = Number(args.files);
if (!Number.isInteger(events) || events < 1 || !Number.isInteger(fileCount) || fileCount < 1) {
  throw new Error('usage: tsx bench/ingest.ts [--events N] [--files N]');
}

// One file per account, region and 5-minute window, as CloudTrail delivers them: the generated time span
// is chosen so that accounts × regions × windows = the requested number of files.
const accountCount = fileCount % 2 === 0 ? 2 : 1;
const regionCount = fileCount % (accountCount * 2) === 0 ? 2 : 1;
const windows = fileCount / (accountCount * regionCount);
const params = {
  events,
  files: fileCount,
  seed: SEED,
  start: START,
  end: new Date(Date.parse(START) + windows * WINDOW_MS).toISOString(),
  accounts: DEFAULT_ACCOUNTS.slice(0, accountCount),
  regions: REGIONS.slice(0, regionCount),
};

const label = events === 1_000_000 && fileCount === 1000 ? '1m' : `${events}e-${fileCount}f`;
const dataDir = join(ROOT, 'bench', '.data', `ingest-${label}`);
// Beside the data, not in it: `qir ingest` reads every file under the folder it is given.
const manifestPath = `${dataDir}.manifest.json`;

interface Manifest {
  generatorVersion: number;
  params: typeof params;
  files: number;
  records: number;
  bytes: number;
  uncompressedBytes: number;
  generationSeconds: number;
}

function fail(message: string): never {
  console.error(`\nBENCH FAILED: ${message}`);
  process.exit(1);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

async function totalSize(files: string[]): Promise<number> {
  let sum = 0;
  for (const f of files) sum += (await stat(f)).size;
  return sum;
}

/** The data set described by the manifest, if it is there, complete and made the same way. */
async function reusable(): Promise<Manifest | undefined> {
  if (!existsSync(manifestPath) || !existsSync(dataDir)) return undefined;
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (m.generatorVersion !== GENERATOR_VERSION || JSON.stringify(m.params) !== JSON.stringify(params)) return undefined;
  const files = await listFiles(dataDir);
  if (files.length !== m.files || (await totalSize(files)) !== m.bytes) return undefined;
  return m;
}

async function generate(): Promise<Manifest> {
  await rm(dataDir, { recursive: true, force: true });
  await rm(manifestPath, { force: true });
  console.log(`generating ${events.toLocaleString('en-US')} events into ${fileCount} files under ${dataDir} …`);
  const t0 = performance.now();
  const result = await writeDeliveryFiles(
    generateBackground({ seed: SEED, count: events, start: params.start, end: params.end, accounts: params.accounts, regions: params.regions }),
    { outDir: dataDir, seed: SEED, recordsPerFile: events, gzip: true },
  );
  const generationSeconds = (performance.now() - t0) / 1000;
  if (result.records !== events) fail(`generated ${result.records} events, expected ${events}`);
  if (result.files.length !== fileCount) {
    fail(`the generator produced ${result.files.length} files, expected ${fileCount} (too few events per file leaves some account/region/window empty)`);
  }
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION, params, files: result.files.length, records: result.records,
    bytes: result.bytes, uncompressedBytes: result.uncompressedBytes, generationSeconds,
  };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

interface Run {
  seconds: number;
  code: number;
  stdout: string;
  stderr: string;
  peakRssBytes?: number;
}

/** Runs a command, timing it; optionally samples its peak RSS (VmHWM) from /proc while it runs. */
function run(cmd: string, argv: string[], pollRss = false): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let peak = 0;
    const timer = pollRss
      ? setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peak = Math.max(peak, Number(m[1]) * 1024);
        } catch {
          // the process has just exited
        }
      }, 50)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolveRun({ seconds: (performance.now() - t0) / 1000, code: code ?? -1, stdout, stderr, ...(pollRss ? { peakRssBytes: peak } : {}) });
    });
  });
}

interface IngestJson {
  eventsRead: number;
  eventsStored: number;
  duplicates: number;
}

async function ingest(caseDir: string, what: string): Promise<{ run: Run; summary: IngestJson; rssSource: string }> {
  const qir = ['bin/qir.js', 'ingest', dataDir, '--case', caseDir, '--json'];
  const useTime = existsSync(TIME_BIN);
  const timeOut = join(dirname(caseDir), 'time.txt');
  console.log(`${what}: node ${qir.join(' ')}`);
  const r = useTime ? await run(TIME_BIN, ['-v', '-o', timeOut, 'node', ...qir]) : await run('node', qir, true);
  if (useTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeOut, 'utf8'));
    if (m) r.peakRssBytes = Number(m[1]) * 1024;
  }
  if (r.code !== 0) fail(`${what} exited with ${r.code}\n${r.stderr.slice(-4000)}\n${r.stdout.slice(0, 4000)}`);
  let summary: IngestJson;
  try {
    summary = JSON.parse(r.stdout) as IngestJson;
  } catch {
    fail(`${what} did not print a JSON summary:\n${r.stdout.slice(0, 2000)}`);
  }
  return { run: r, summary, rssSource: useTime ? `${TIME_BIN} -v (max RSS)` : '/proc/<pid>/status VmHWM, sampled every 50 ms' };
}

function check(what: string, field: keyof IngestJson, actual: number | undefined, expected: number): void {
  if (actual !== expected) fail(`${what}: ${field} = ${String(actual)}, expected ${expected.toLocaleString('en-US')}`);
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1e6;

async function main(): Promise<void> {
  let manifest = await reusable();
  if (manifest) console.log(`re-using ${dataDir} (manifest: same parameters, generator version ${GENERATOR_VERSION})`);
  else {
    manifest = await generate();
    console.log(`generated in ${fmt(manifest.generationSeconds)} s`);
  }
  console.log(`data: ${manifest.files} files, ${manifest.records.toLocaleString('en-US')} events, ${fmt(mb(manifest.bytes))} MB gzipped, ${fmt(mb(manifest.uncompressedBytes))} MB of JSON`);

  const work = await mkdtemp(join(tmpdir(), 'qir-bench-'));
  const listFile = join(work, 'files.list');
  await writeFile(listFile, (await listFiles(dataDir)).join('\0') + '\0');

  // Warm the page cache so both zcat and qir read from memory.
  await run('sh', ['-c', `xargs -0 cat -- < '${listFile}' > /dev/null`]);
  const zcat = await run('sh', ['-c', `xargs -0 zcat -- < '${listFile}' > /dev/null`]);
  if (zcat.code !== 0) fail(`zcat exited with ${zcat.code}: ${zcat.stderr}`);
  console.log(`zcat baseline: ${fmt(zcat.seconds, 2)} s`);

  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) fail('dist/cli/main.js is missing: run `npm run build` so bin/qir.js can run');
  const caseDir = join(work, 'case');
  console.log(`case and scratch files: ${work} (removed when the benchmark passes)`);
  const first = await ingest(caseDir, 'ingest into a new case');
  check('first ingest', 'eventsRead', first.summary.eventsRead, events);
  check('first ingest', 'eventsStored', first.summary.eventsStored, events);
  const second = await ingest(caseDir, 'ingest again into the same case');
  check('second ingest', 'eventsRead', second.summary.eventsRead, events);
  check('second ingest', 'duplicates', second.summary.duplicates, events);

  const rows: Array<[string, Run]> = [['zcat (baseline)', zcat], ['qir ingest, new case', first.run], ['qir ingest, all duplicates', second.run]];
  const header = ['', 'seconds', '× zcat', 'events/s', 'MB/s gz', 'MB/s json', 'peak RSS MB'];
  const table = rows.map(([name, r]) => [
    name,
    fmt(r.seconds, 2),
    fmt(r.seconds / zcat.seconds, 2),
    Math.round(events / r.seconds).toLocaleString('en-US'),
    fmt(mb(manifest.bytes) / r.seconds),
    fmt(mb(manifest.uncompressedBytes) / r.seconds),
    r.peakRssBytes === undefined ? '—' : fmt(mb(r.peakRssBytes), 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n' + line(header));
  for (const row of table) console.log(line(row));

  const ratio = first.run.seconds / zcat.seconds;
  const peak = Math.max(first.run.peakRssBytes ?? 0, second.run.peakRssBytes ?? 0);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`\ntarget ingest ≤ ${TARGET_RATIO}× zcat: ${verdict(ratio <= TARGET_RATIO)} (${fmt(ratio, 2)}×)`);
  console.log(`target peak RSS < ${fmt(TARGET_RSS_BYTES / 1e9)} GB: ${verdict(peak < TARGET_RSS_BYTES)} (${fmt(mb(peak), 0)} MB; measured with ${first.rssSource})`);
  console.log('JSON summaries: eventsRead, eventsStored (first run) and duplicates (second run) as expected');
  await rm(work, { recursive: true, force: true });
}

await main();
