// `qir ingest` killed with SIGKILL at chosen moments, and run twice at once: re-running the same command
// always converges to the case an uninterrupted run builds, the lock never outlives its process, and the
// database stays readable. Needs the build: `npx tsc -p tsconfig.build.json`.
//
// Case A comes from two ingests started together without --wait (one must win, the other must say busy).
// Each kill point gets its own case B; the first one is finished by two re-runs started together with
// --wait 60, which is also the --wait concurrency test (one full ingest fewer keeps the file quick).
//
// Kill points are found by watching the case's `.staging` folder, where each file's records are staged as
// `<file index>.ndjson` by the readers and deleted once their batch is committed: that is "progress shows N
// files done" without a terminal, and it does not depend on how loaded the machine is.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../store/canonical.js';
import type { JsonObject } from '../../core/cloudtrail.js';
import { parseEventTime } from '../../sources/event-time.js';
import { rebuildRecord } from '../../store/record-shape.js';
import type { IngestSummary } from './ingest.js';
import type { CrashCorpus } from './test-support/crash-corpus.js';
import { writeCrashCorpus } from './test-support/crash-corpus.js';
import type { CaseSnapshot, CliResult } from './test-support/fixtures.js';
import { collect, requireBuiltCli, runCli, snapshotCase, spawnCli, tempDir, withCaseDb } from './test-support/fixtures.js';

const FILES = 200;
const PER_FILE = 280; // 56,000 events: more than one commit batch (ingest.ts commits every 50,000 staged events)
/** Files in the first commit batch. */
const BATCH1_FILES = Math.ceil(50_000 / PER_FILE);
const TIMEOUT = 120_000;

let root: string;
let corpus: CrashCorpus;
let caseA: string;
let A: CaseSnapshot;
const cases: string[] = [];

const ingestArgs = (caseDir: string, ...extra: string[]) => ['ingest', corpus.dir, '--case', caseDir, '--json', ...extra];
const lockPath = (caseDir: string) => join(caseDir, 'case.lock');

function reconciles(s: IngestSummary): void {
  expect(s.eventsRead, 'eventsRead = stored + duplicates + rejected').toBe(s.eventsStored + s.duplicates + s.eventsRejected);
}

/** Indexes of the files whose records are staged and not yet committed; undefined before the folder exists. */
function staged(caseDir: string): number[] | undefined {
  try {
    return readdirSync(join(caseDir, '.staging'))
      .filter((n) => n.endsWith('.ndjson'))
      .map((n) => Number(n.slice(0, -'.ndjson'.length)));
  } catch {
    return undefined;
  }
}

/** Sends SIGKILL the first time `when` holds for the staging folder; resolves once the process is reaped. */
async function killWhen(child: ChildProcess, caseDir: string, when: (files: number[]) => boolean): Promise<{ killed: boolean; at?: number[]; res: CliResult }> {
  let at: number[] | undefined;
  const done = collect(child);
  const timer = setInterval(() => {
    const s = staged(caseDir);
    if (at || !s || !when(s)) return;
    at = s;
    process.kill(child.pid!, 'SIGKILL');
  }, 5);
  const res = await done;
  clearInterval(timer);
  return { killed: res.signal === 'SIGKILL', at, res };
}

function expectReleased(caseDir: string): void {
  expect(existsSync(lockPath(caseDir)), 'case.lock is gone').toBe(false);
  expect(existsSync(join(caseDir, '.staging')), '.staging is gone').toBe(false);
}

describe('ingest under kill -9 and concurrent runs', () => {
  beforeAll(() => {
    requireBuiltCli();
    root = tempDir('crash');
    corpus = writeCrashCorpus(join(root, 'corpus'), { files: FILES, perFile: PER_FILE });
    caseA = join(root, 'case-A');
    cases.push(caseA);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('two ingests started together without --wait: one stores everything, the other exits 1 saying the case is busy', async () => {
    const [r1, r2] = await Promise.all([collect(spawnCli(ingestArgs(caseA))), collect(spawnCli(ingestArgs(caseA)))]);
    const results = [r1, r2];
    expect(results.map((r) => r.status).sort(), results.map((r) => r.stderr).join('\n')).toEqual([0, 1]);
    const loser = results.find((r) => r.status === 1)!;
    const winner = results.find((r) => r.status === 0)!;
    expect(loser.stderr).toMatch(/busy/);
    expect(loser.stdout).toBe('');
    const s = JSON.parse(winner.stdout) as IngestSummary;
    reconciles(s);
    expect(s.eventsRead).toBe(corpus.records);
    expect(s.eventsStored).toBe(corpus.distinct);
    expect(s.duplicates).toBe(corpus.duplicates);
    expect(s.eventsRejected).toBe(0);
    expect(s.conflicts).toBeGreaterThanOrEqual(corpus.conflicts);
    expectReleased(caseA);

    A = await snapshotCase(caseA);
    expect(A.count).toBe(corpus.distinct);
    expect(new Set(A.hashes).size).toBe(corpus.distinct);
    expect(A.evidence.length).toBe(FILES);
    expect(new Set(A.conflicts.map((c) => (JSON.parse(c) as { eventid: string }).eventid)).size).toBe(corpus.conflicts);
  }, TIMEOUT);

  interface KillPoint {
    name: string;
    /** A fresh predicate on the staged file indexes; true when it is time to kill. */
    when: () => (files: number[]) => boolean;
    committed: (files: number) => boolean;
    /** How the case is finished afterwards: the same command, or two of them at once with --wait 60. */
    rerun: 'same' | 'two-with-wait';
  }
  const KILL_POINTS: KillPoint[] = [
    {
      name: 'while the files are being read, before any commit',
      when: () => (s) => s.length >= 25 && s.includes(0),
      committed: (n) => n === 0,
      rerun: 'two-with-wait',
    },
    {
      // The first batch closes once 50,000 events are staged (file BATCH1_FILES - 1); its transaction runs
      // while the readers go on staging later files.
      name: 'during the first batch transaction',
      when: () => (s) => s.includes(0) && s.length >= BATCH1_FILES + 4,
      committed: (n) => n < FILES,
      rerun: 'same',
    },
    {
      name: 'after the first batch is committed, before the last one is',
      // File 0 was staged and is gone: the first batch is committed (a reader may stage file 1 before file 0).
      when: () => {
        let sawFirst = false;
        return (s) => {
          if (s.includes(0)) sawFirst = true;
          return sawFirst && s.length > 0 && !s.includes(0);
        };
      },
      committed: (n) => n > 0 && n < FILES,
      rerun: 'same',
    },
  ];

  /** Starts an ingest, kills it at the point, checks what the case holds then; returns the events it holds. */
  async function ingestAndKill(caseDir: string, point: KillPoint): Promise<number> {
    const child = spawnCli(ingestArgs(caseDir));
    const { killed, at, res } = await killWhen(child, caseDir, point.when());
    expect(killed, `the ingest ended (status ${res.status}) before the kill point: ${res.stderr}`).toBe(true);
    expect(at).toBeDefined();
    // The lock names a dead process; the case holds whole files, with their distinct events, and nothing else.
    expect((JSON.parse(readFileSync(lockPath(caseDir), 'utf8')) as { pid: number }).pid).toBe(child.pid);
    const partial = await withCaseDb(caseDir, async (q) => {
      const [row] = await q<{ n: number; files: number }>(
        `SELECT (SELECT count(*) FROM cloudtrail)::INTEGER AS n, (SELECT count(*) FROM evidence)::INTEGER AS files`,
      );
      return row!;
    });
    expect(point.committed(partial.files), `${partial.files} files committed when killed`).toBe(true);
    expect(partial.n).toBe(corpus.distinctBefore[partial.files]);
    return partial.n;
  }

  for (const [i, point] of KILL_POINTS.entries()) {
    const how =
      point.rerun === 'same'
        ? 're-running the same command'
        : 'two re-runs started together with --wait 60 (both exit 0, each event stored once)';
    it(`killed ${point.name}: ${how} gives the same case as an uninterrupted run`, async () => {
      expect(A, 'case A comes from the first test').toBeDefined();
      const caseB = join(root, `case-B${i}`);
      cases.push(caseB);
      const held = await ingestAndKill(caseB, point);

      if (point.rerun === 'same') {
        const again = await runCli(ingestArgs(caseB));
        expect(again.status, again.stderr).toBe(0);
        const s = JSON.parse(again.stdout) as IngestSummary;
        reconciles(s);
        expect(s.eventsRead).toBe(corpus.records);
        expect(s.eventsStored).toBe(corpus.distinct - held);
      } else {
        const both = await Promise.all([
          collect(spawnCli(ingestArgs(caseB, '--wait', '60'))),
          collect(spawnCli(ingestArgs(caseB, '--wait', '60'))),
        ]);
        expect(both.map((r) => r.status), both.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
        const summaries = both.map((r) => JSON.parse(r.stdout) as IngestSummary);
        summaries.forEach(reconciles);
        expect(summaries.map((s) => s.eventsStored).sort((a, b) => a - b)).toEqual([0, corpus.distinct - held]);
        const later = summaries.find((s) => s.eventsStored === 0)!;
        expect(later.duplicates).toBe(corpus.records);
        expect(later.conflicts).toBe(0);
      }
      expectReleased(caseB);
      expect(await snapshotCase(caseB)).toEqual(A);
    }, TIMEOUT);
  }

  it('every case is readable afterwards: full scans work and sampled rows rebuild to their content hash', async () => {
    expect(cases.length).toBe(KILL_POINTS.length + 1);
    for (const [i, dir] of cases.entries()) {
      await withCaseDb(dir, async (q) => {
        // Every column of every row of the uninterrupted case and of the last killed one is decoded.
        if (i === 0 || i === cases.length - 1) {
          const [full] = await q<{ n: number; bytes: number }>(
            `SELECT count(*)::INTEGER AS n, sum(length(to_json(c)::VARCHAR))::BIGINT::DOUBLE AS bytes FROM cloudtrail c`,
          );
          expect(full!.n).toBe(corpus.distinct);
          expect(full!.bytes).toBeGreaterThan(corpus.distinct * 400);
        }
        const sample = await q(
          `SELECT * EXCLUDE (_ts, _hash), _hash::VARCHAR AS _hash FROM cloudtrail USING SAMPLE 200 ROWS (reservoir, 1)`,
        );
        expect(sample.length).toBe(200);
        for (const row of sample) {
          const rec = rebuildRecord(row, row._extra as string | null);
          const normalised: JsonObject = { ...rec, eventTime: parseEventTime(rec.eventTime as string)!.iso };
          expect(contentHash(normalised), `${dir} ${String(row.eventid)}`).toBe(row._hash);
        }
      });
    }
  }, TIMEOUT);
});
