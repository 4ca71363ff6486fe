// Ingest against broken, odd and hostile inputs: every file ends stored, duplicate, skipped or rejected
// with a specific reason; counts reconcile; a second ingest changes nothing; the CLI's exit statuses and
// human output hold up. CLI tests need the build: `npx tsc -p tsconfig.build.json`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QirError } from '../../core/errors.js';
import type { JsonObject } from '../../core/cloudtrail.js';
import { formatBytes } from '../../sources/decode.js';
import { parseEventTime } from '../../sources/event-time.js';
import { contentHash } from '../../store/canonical.js';
import { rebuildRecord } from '../../store/record-shape.js';
import type { IngestSummary } from './ingest.js';
import { ingest } from './ingest.js';
import type { Rec } from './test-support/fixtures.js';
import {
  INVICTUS_DIR,
  fakeEventId,
  invictusFiles,
  invictusRecords,
  permuteKeysDeep,
  prng,
  requireBuiltCli,
  runCli,
  sha256File,
  snapshotCase,
  tempDir,
  withCaseDb,
} from './test-support/fixtures.js';

const roots: string[] = [];
const newRoot = (name: string) => {
  const r = tempDir(name);
  roots.push(r);
  return r;
};
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const BASE = invictusRecords();
let serial = 0;
/** A real invictus record with a fresh eventID, so it is new to any case. */
function fresh(overrides: Rec = {}): Rec {
  const n = serial++;
  return { ...BASE[n % BASE.length]!, eventID: fakeEventId('robust', n), ...overrides };
}
const delivery = (records: unknown[]) => JSON.stringify({ Records: records });
const jsonLines = (lines: string[]) => lines.join('\n') + '\n';

function reverseKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeysDeep);
  if (v === null || typeof v !== 'object') return v;
  const out: Rec = {};
  for (const k of Object.keys(v).reverse()) out[k] = reverseKeysDeep((v as Rec)[k]);
  return out;
}

function reconciles(s: IngestSummary): void {
  expect(s.eventsRead, 'eventsRead = stored + duplicates + rejected').toBe(s.eventsStored + s.duplicates + s.eventsRejected);
}

/** A reason a responder can act on: a sentence, not an object dump, a stack or terminal control codes. */
function expectReadable(reason: string): void {
  expect(reason.length).toBeGreaterThan(10);
  expect(reason.length).toBeLessThan(400);
  expect(reason).not.toMatch(/\[object |undefined|NaN|\n|\s+at .*\.(js|ts):\d+/);
  expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}

const ESCAPES = /[\u001b\u009b\u0007]/;

// ---------------------------------------------------------------------------------------------
// The corpus: one folder of broken and odd inputs, ingested once, then again.

describe('ingest of a corpus of broken and odd inputs', () => {
  let root: string;
  let corpus: string;
  let caseDir: string;
  let missing: string;
  let first: IngestSummary;
  let second: IngestSummary;
  let before: Awaited<ReturnType<typeof snapshotCase>>;
  let after: Awaited<ReturnType<typeof snapshotCase>>;
  const p = (rel: string) => join(corpus, rel);
  /** Regular files that exist when the ingest lists the folder. */
  const regular: string[] = [];
  const write = (rel: string, data: string | Buffer) => {
    mkdirSync(join(corpus, rel, '..'), { recursive: true });
    writeFileSync(p(rel), data);
    regular.push(p(rel));
  };
  const dupRecord = fresh();
  const conflictV1 = fresh();
  const conflictV2 = { ...conflictV1, sourceIPAddress: '203.0.113.9' };
  const partial = [fresh(), fresh(), fresh(), fresh(), fresh()];
  delete partial[1]!.eventTime;
  delete partial[3]!.eventSource;
  const eventBridge = [fresh(), fresh(), fresh()];
  const zipA = [fresh(), fresh(), fresh()];
  const zipB = [fresh(), fresh()];
  const orgRecords = [1, 2, 3, 4].map(() => fresh({ recipientAccountId: '111122223333', awsRegion: 'us-east-1' }));
  const ORG_FILE = 'AWSLogs/o-abc123/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0005Z_AbCdEfGh12345678.json.gz';
  const DIGEST_FILE =
    'AWSLogs/o-abc123/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20240101T010000Z.json.gz';

  beforeAll(async () => {
    root = newRoot('robust');
    corpus = join(root, 'corpus');
    caseDir = join(root, 'case');
    missing = join(root, 'not-there.json');
    mkdirSync(corpus);

    // A real delivery file, gzipped, cut in half.
    const real = readFileSync(invictusFiles()[0]!.path);
    const gz = gzipSync(real);
    write('bad/truncated.json.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const rand = prng(42);
    write('bad/random.bin', Buffer.from(Array.from({ length: 8192 }, () => Math.floor(rand() * 256))));
    write('bad/image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]));
    write('bad/empty.json', '');
    write('bad/blank.json', '  \n\t\r\n   \n');
    write('bad/README.txt', '# Evidence notes\nThese logs were exported by the customer on Monday.\n');
    write('bad/records-five.json', '{"Records": 5}');
    write('mixed/partial-delivery.json', delivery(partial));
    const jl = [fresh(), fresh(), fresh(), fresh()].map((r) => JSON.stringify(r));
    write('lines/events.jsonl', jsonLines([jl[0]!, jl[1]!, '{"eventVersion": "1.08", "eventTime": ', jl[2]!, jl[3]!]));
    const jlz = [fresh(), fresh(), fresh(), fresh()].map((r) => JSON.stringify(r));
    write('lines/events.jsonl.gz', gzipSync(jsonLines([jlz[0]!, jlz[1]!, jlz[2]!, '{"eventName": "x" "eventSource": "y"}', jlz[3]!])));
    write(
      'lines/eventbridge.jsonl',
      jsonLines(
        eventBridge.map((r, i) =>
          JSON.stringify({
            version: '0',
            id: `6a7e8feb-b491-4cf7-a9f1-bf3703467${String(i).padStart(3, '0')}`,
            'detail-type': 'AWS API Call via CloudTrail',
            source: `aws.${String(r.eventSource).split('.')[0]}`,
            account: r.recipientAccountId,
            time: r.eventTime,
            region: r.awsRegion,
            resources: [],
            detail: r,
          }),
        ),
      ),
    );
    const lookup = [fresh(), fresh(), fresh()];
    write(
      'lookup/lookup-events.json',
      JSON.stringify(
        {
          Events: [
            ...lookup.map((r) => ({
              EventId: r.eventID,
              EventName: r.eventName,
              ReadOnly: String(r.readOnly),
              EventTime: r.eventTime,
              EventSource: r.eventSource,
              Resources: [],
              CloudTrailEvent: JSON.stringify(r),
            })),
            { EventId: 'no-body', EventName: 'GetCallerIdentity' },
          ],
        },
        null,
        4,
      ),
    );
    write(
      'archive/x.zip',
      Buffer.from(
        zipSync({
          'logs/a.json': Buffer.from(delivery(zipA)),
          'logs/b.json.gz': gzipSync(delivery(zipB)),
          'README.md': Buffer.from('Exported from the customer bucket.\n'),
        }),
      ),
    );
    write(
      DIGEST_FILE,
      gzipSync(
        JSON.stringify({
          awsAccountId: '111122223333',
          digestStartTime: '2024-01-01T00:00:00Z',
          digestEndTime: '2024-01-01T01:00:00Z',
          digestS3Bucket: 'org-trail-bucket',
          digestS3Object: DIGEST_FILE,
          digestPublicKeyFingerprint: '0c7d1a4d1b2e3f405162738495a6b7c8',
          digestSignatureAlgorithm: 'SHA256withRSA',
          newestEventTime: '2024-01-01T00:59:59Z',
          oldestEventTime: '2024-01-01T00:00:01Z',
          previousDigestS3Bucket: null,
          previousDigestS3Object: null,
          previousDigestHashValue: null,
          previousDigestHashAlgorithm: null,
          previousDigestSignature: null,
          logFiles: [{ s3Bucket: 'org-trail-bucket', s3Object: ORG_FILE, hashValue: 'ab'.repeat(32), hashAlgorithm: 'SHA-256' }],
        }),
      ),
    );
    write(ORG_FILE, gzipSync(delivery(orgRecords)));
    write('dups/first.json', delivery([dupRecord]));
    write('dups/second.json', delivery([reverseKeysDeep(dupRecord)]));
    write('conflict/v1.json', delivery([conflictV1]));
    write('conflict/v2.json', delivery([conflictV2]));
    mkdirSync(p('special'));
    execFileSync('mkfifo', [p('special/pipe.json')]);
    symlinkSync(join(root, 'gone', 'target.json'), p('special/broken-link.json'));
    symlinkSync('self-loop.json', p('special/self-loop.json'));
    symlinkSync('..', p('special/loop')); // back to the corpus folder
    write('zz-vanishing.json', delivery([fresh()])); // listed, then deleted before a worker reads it

    let vanished = false;
    first = await ingest({
      // The corpus folder, a folder inside it again, the corpus once more with a trailing slash, a missing path.
      paths: [corpus, p('lines'), `${corpus}/`, missing],
      caseDir,
      onProgress: () => {
        if (!vanished) {
          vanished = true;
          rmSync(p('zz-vanishing.json'));
        }
      },
    });
    before = await snapshotCase(caseDir);
    second = await ingest({ paths: [corpus, p('lines'), `${corpus}/`, missing], caseDir });
    after = await snapshotCase(caseDir);
  });

  const EXPECTED_REJECTED: Array<[file: string, position: string, reason: RegExp]> = [
    ['bad/truncated.json.gz', 'whole file', /^truncated gzip: the compressed data ends early/],
    ['bad/random.bin', 'whole file', /^not a CloudTrail log: binary data/],
    ['bad/image.png', 'whole file', /^not a CloudTrail log: binary data \(a PNG image\)$/],
    ['bad/empty.json', 'whole file', /^empty file \(0 bytes\)$/],
    ['bad/blank.json', 'whole file', /^empty file \(only whitespace\)$/],
    ['bad/README.txt', 'whole file', /^not JSON: the file starts with "# Evidence notes These logs were…"$/],
    ['bad/records-five.json', 'whole file', /^"Records" is a number \(5\), not an array of records$/],
    ['mixed/partial-delivery.json', 'Records[1]', /^not a CloudTrail record: missing eventTime$/],
    ['mixed/partial-delivery.json', 'Records[3]', /^not a CloudTrail record: missing eventSource$/],
    ['lines/events.jsonl', 'line 3', /^invalid JSON at the end of the text \(the document is cut short\)$/],
    ['lines/events.jsonl.gz', 'line 4', /^invalid JSON at line 4, column 19 \(Expected ',' or '}' after property value\)$/],
    ['lookup/lookup-events.json', 'Events[3]', /^lookup-events entry has no CloudTrailEvent text$/],
    ['archive/x.zip', 'x.zip!README.md', /^not JSON: the file starts with "Exported from the customer/],
    ['zz-vanishing.json', 'whole file', /disappeared between listing and reading/],
  ];

  it('rejects exactly the broken files and records, each at its position with a specific, readable reason', () => {
    const expected = [
      ...EXPECTED_REJECTED.map(([f, pos]) => `${p(f)} | ${pos}`),
      `${missing} | whole file`,
    ].sort();
    expect(first.rejected.map((r) => `${r.file} | ${r.position}`).sort()).toEqual(expected);
    for (const [f, pos, reason] of EXPECTED_REJECTED) {
      const r = first.rejected.find((x) => x.file === p(f) && x.position === pos)!;
      expect(r.reason, `${f} ${pos}`).toMatch(reason);
      expectReadable(r.reason);
    }
    expect(first.rejected.find((r) => r.file === missing)!.reason).toBe('no such file or directory');
  });

  it('skips the digest, the FIFO and broken links without rejecting them, and follows no loop', () => {
    const skipped = Object.fromEntries(first.skipped.map((s) => [relative(corpus, s.file), s.reason]));
    expect(Object.keys(skipped).sort()).toEqual([DIGEST_FILE, 'special/broken-link.json', 'special/pipe.json', 'special/self-loop.json'].sort());
    expect(skipped[DIGEST_FILE]).toMatch(/digest file/);
    expect(skipped['special/pipe.json']).toMatch(/not a regular file \(a FIFO\)/);
    expect(skipped['special/broken-link.json']).toMatch(/broken symbolic link/);
    expect(skipped['special/self-loop.json']).toMatch(/symbolic link/);
    for (const s of first.skipped) expectReadable(s.reason);
    expect(first.filesSkipped).toBe(4);
    // Nothing was read through special/loop (-> the corpus itself) or twice through the repeated folders.
    const everyPath = [...first.rejected.map((r) => r.file), ...first.skipped.map((s) => s.file)];
    expect(everyPath.filter((f) => f.includes('/loop/'))).toEqual([]);
  });

  it('counts every event once and reconciles, despite a folder given three times and a symlink loop', () => {
    reconciles(first);
    // 5 partial + 5 jsonl + 5 jsonl.gz + 3 EventBridge + 4 lookup + 5 zip + 4 org + 2 dups + 2 conflict.
    expect(first.eventsRead).toBe(35);
    expect(first.eventsStored).toBe(29);
    expect(first.duplicates).toBe(1);
    expect(first.eventsRejected).toBe(5);
    expect(first.conflicts).toBe(1);
    // Whole files rejected: 7 in bad/, the vanished file and the missing path.
    expect(first.filesRejected).toBe(9);
    expect(before.count).toBe(29);
  });

  it('stores the good records of mixed files, unwraps EventBridge and lookup-events, reads the zip and the org layout', async () => {
    await withCaseDb(caseDir, async (q) => {
      const byId = async (ids: unknown[]) =>
        q<{ eventid: string; _position: string; _evidence: string; eventsource: string; _extra: string | null }>(
          `SELECT eventid, _position, _evidence, eventsource, _extra FROM cloudtrail
           WHERE eventid IN (${ids.map((i) => `'${String(i)}'`).join(', ')}) ORDER BY _position`,
        );
      const part = await byId(partial.map((r) => r.eventID));
      expect(part.map((r) => r._position)).toEqual(['Records[0]', 'Records[2]', 'Records[4]']);
      expect(new Set(part.map((r) => r._evidence))).toEqual(new Set([sha256File(p('mixed/partial-delivery.json'))]));

      const eb = await byId(eventBridge.map((r) => r.eventID));
      expect(eb.map((r) => r._position)).toEqual(['line 1', 'line 2', 'line 3']);
      expect(eb.map((r) => r.eventsource)).toEqual(eventBridge.map((r) => r.eventSource));
      for (const r of eb) expect(r._extra ?? '').not.toContain('detail-type'); // the envelope is not part of the record

      const zipped = await byId([...zipA, ...zipB].map((r) => r.eventID));
      expect(zipped.map((r) => r._position)).toEqual([
        'x.zip!logs/a.json Records[0]',
        'x.zip!logs/a.json Records[1]',
        'x.zip!logs/a.json Records[2]',
        'x.zip!logs/b.json.gz Records[0]',
        'x.zip!logs/b.json.gz Records[1]',
      ]);
      expect((await byId(orgRecords.map((r) => r.eventID))).length).toBe(4);
    });
    expect(first.accounts).toContain('111122223333');
  });

  it('keeps one copy of an event seen twice with its keys in another order', async () => {
    await withCaseDb(caseDir, async (q) => {
      const rows = await q<{ _evidence: string }>(`SELECT _evidence FROM cloudtrail WHERE eventid = '${String(dupRecord.eventID)}'`);
      expect(rows).toEqual([{ _evidence: sha256File(p('dups/first.json')) }]);
      const ev = await q<{ path: string; events_stored: number; duplicates: number }>(
        `SELECT path, events_stored::INTEGER AS events_stored, duplicates::INTEGER AS duplicates FROM evidence WHERE path LIKE '%/dups/%' ORDER BY path`,
      );
      expect(ev).toEqual([
        { path: p('dups/first.json'), events_stored: 1, duplicates: 0 },
        { path: p('dups/second.json'), events_stored: 0, duplicates: 1 },
      ]);
    });
  });

  it('keeps both versions of an eventID seen with different content and records the conflict', async () => {
    await withCaseDb(caseDir, async (q) => {
      const rows = await q<{ ip: string }>(`SELECT sourceipaddress AS ip FROM cloudtrail WHERE eventid = '${String(conflictV1.eventID)}'`);
      expect(rows.map((r) => r.ip).sort()).toEqual([String(conflictV1.sourceIPAddress), '203.0.113.9'].sort());
      const conflicts = await q<{ eventid: string; _evidence: string }>(`SELECT eventid, _evidence FROM conflicts ORDER BY _evidence`);
      expect(conflicts.map((c) => c.eventid)).toEqual([conflictV1.eventID, conflictV1.eventID]);
      expect(new Set(conflicts.map((c) => c._evidence))).toEqual(new Set([sha256File(p('conflict/v1.json')), sha256File(p('conflict/v2.json'))]));
    });
  });

  it('a second ingest of the whole corpus stores nothing, finds no new conflict and keeps the case as it was', () => {
    reconciles(second);
    expect(second.eventsStored).toBe(0);
    expect(second.conflicts).toBe(0);
    expect(second.eventsRead).toBe(first.eventsRead);
    expect(second.duplicates).toBe(first.eventsStored + first.duplicates);
    expect(second.eventsRejected).toBe(first.eventsRejected);
    expect(after).toEqual(before);
  });

  it('evidence.json lists every file that was not skipped, with the SHA-256 of its bytes', () => {
    const manifest = JSON.parse(readFileSync(join(caseDir, 'evidence.json'), 'utf8')) as {
      files: Array<{ path: string; sha256: string; eventsStored: number }>;
    };
    const expected = regular
      .filter((f) => !f.endsWith(DIGEST_FILE) && !f.endsWith('zz-vanishing.json'))
      .map((f) => ({ path: f, sha256: sha256File(f) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual(expected);
    // What the manifest says was stored is what the case holds.
    expect(manifest.files.reduce((n, f) => n + f.eventsStored, 0)).toBe(after.count);
  });

  it('every stored row rebuilds into a record with the content hash it was stored under', async () => {
    await withCaseDb(caseDir, async (q) => {
      const rows = await q(`SELECT * EXCLUDE (_ts, _hash), _hash::VARCHAR AS _hash FROM cloudtrail`);
      expect(rows.length).toBe(29);
      for (const row of rows) {
        const rec = rebuildRecord(row, row._extra as string | null);
        const normalised: JsonObject = { ...rec, eventTime: parseEventTime(rec.eventTime as string)!.iso };
        expect(contentHash(normalised), String(row.eventid)).toBe(row._hash);
      }
    });
  });

  it('through the CLI with --json: stdout is exactly one JSON document with the same counts, exit 2', async () => {
    requireBuiltCli();
    const res = await runCli(['ingest', corpus, missing, '--case', join(root, 'cli-case'), '--json']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('');
    const doc = JSON.parse(res.stdout) as IngestSummary; // throws on anything before or after the document
    expect(res.stdout.trimStart().startsWith('{')).toBe(true);
    expect(res.stdout.endsWith('}\n')).toBe(true);
    reconciles(doc);
    expect({ read: doc.eventsRead, stored: doc.eventsStored, dup: doc.duplicates, rej: doc.eventsRejected, conflicts: doc.conflicts }).toEqual({
      read: 35,
      stored: 29,
      dup: 1,
      rej: 5,
      conflicts: 1,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Record size limits.

describe('record size', () => {
  const hugeRecordCase = async (mb: number) => {
    const root = newRoot(`huge-${mb}`);
    const file = join(root, `huge-${mb}mb.json`);
    const big = fresh({ requestParameters: { policyDocument: 'A'.repeat(mb * 1024 * 1024) } });
    writeFileSync(file, JSON.stringify(big));
    const s = await ingest({ paths: [file], caseDir: join(root, 'case') });
    reconciles(s);
    expect(s.rejected).toEqual([]);
    expect(s.eventsStored).toBe(1);
    await withCaseDb(join(root, 'case'), async (q) => {
      const [row] = await q<{ n: number }>(`SELECT length(requestparameters)::INTEGER AS n FROM cloudtrail`);
      expect(row!.n).toBeGreaterThan(mb * 1024 * 1024);
    });
  };

  it('stores a 30 MB record with the default limit', () => hugeRecordCase(30));

  // BUG: the default --max-record-size is 100 MB, but a single record from ~50 MB up makes DuckDB run out of
  // its 1 GB memory_limit (store/case-store.ts) while read_json (store/append-batch.ts) reads the staged line
  // with maximum_object_size = 3 x its UTF-16 length (process-file.ts `maxLineBytes * 3`): the ingest throws
  // "Out of Memory Error: failed to allocate data of size 512.0 MiB", the whole batch is lost, exit 1.
  // 50 MB fails intermittently (about 1 run in 5); 60 MB and more fail every time.
  it('stores an 80 MB record, under the default 100 MB limit', () => hugeRecordCase(80));

  it('rejects a record over --max-record-size with its size, keeps the others, in delivery files and JSON Lines', async () => {
    requireBuiltCli();
    const root = newRoot('limit');
    const big = fresh({ requestParameters: { blob: 'B'.repeat(200 * 1024) } });
    const bigLine = fresh({ requestParameters: { blob: 'C'.repeat(300 * 1024) } });
    const small = [fresh(), fresh(), fresh(), fresh()];
    writeFileSync(join(root, 'delivery.json'), delivery([small[0], big, small[1]]));
    writeFileSync(join(root, 'events.jsonl'), jsonLines([JSON.stringify(small[2]), JSON.stringify(bigLine), JSON.stringify(small[3])]));
    const res = await runCli(['ingest', root, '--case', join(root, 'case'), '--max-record-size', '64KB', '--json']);
    expect(res.status).toBe(2);
    const s = JSON.parse(res.stdout) as IngestSummary;
    reconciles(s);
    expect(s.eventsStored).toBe(4);
    expect(s.rejected.map((r) => [basename(r.file), r.position, r.reason])).toEqual([
      ['delivery.json', 'Records[1]', `record is ${formatBytes(Buffer.byteLength(JSON.stringify(big)))}, over the 64.0 KB limit (--max-record-size)`],
      ['events.jsonl', 'line 2', `record is ${formatBytes(Buffer.byteLength(JSON.stringify(bigLine)))}, over the 64.0 KB limit (--max-record-size)`],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Key order never matters for de-duplication.

describe('de-duplication ignores key order', () => {
  let caseDir: string;
  let root: string;
  beforeAll(async () => {
    root = newRoot('prop');
    caseDir = join(root, 'case');
    const s = await ingest({ paths: [INVICTUS_DIR], caseDir });
    expect(s.eventsStored).toBe(BASE.length);
  });

  it('real invictus records with keys shuffled at every depth are all duplicates on re-ingest', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat({ max: BASE.length - 1 }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        fc.constantFrom('delivery', 'array', 'jsonl', 'delivery.gz'),
        async (picks, seed, shape) => {
          const rand = prng(seed);
          const records = picks.map((i) => permuteKeysDeep(BASE[i], rand));
          const text =
            shape === 'jsonl' ? jsonLines(records.map((r) => JSON.stringify(r))) : shape === 'array' ? JSON.stringify(records) : delivery(records);
          const file = join(root, `shuffled-${run++}.${shape === 'jsonl' ? 'jsonl' : shape === 'delivery.gz' ? 'json.gz' : 'json'}`);
          writeFileSync(file, shape === 'delivery.gz' ? gzipSync(text) : text);
          const s = await ingest({ paths: [file], caseDir });
          reconciles(s);
          expect(s.rejected).toEqual([]);
          expect(s.eventsStored).toBe(0);
          expect(s.duplicates).toBe(picks.length);
          expect(s.conflicts).toBe(0);
        },
      ),
      { numRuns: 6 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Exit statuses and hostile text, through the CLI.

describe('the CLI', () => {
  beforeAll(requireBuiltCli);
  const one = invictusFiles()[0]!;

  it('exits 0 when everything is stored, 2 when one of several paths is missing, 1 when the only path is missing', async () => {
    const root = newRoot('cli');
    const ok = await runCli(['ingest', one.path, '--case', join(root, 'ok')]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(new RegExp(`events: ${one.records.length} read = ${one.records.length} stored \\+ 0 duplicates \\+ 0 rejected`));

    const gone = join(root, 'no-such-file.json');
    const some = await runCli(['ingest', one.path, gone, '--case', join(root, 'some')]);
    expect(some.status).toBe(2);
    expect(some.stdout).toContain(`${gone} [whole file]: no such file or directory`);

    const none = await runCli(['ingest', gone, '--case', join(root, 'none')]);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^qir: no such file or directory: .*no-such-file\.json\n$/);
    expect(existsSync(join(root, 'none'))).toBe(false);

    const digestOnly = join(root, 'digest-and-log');
    mkdirSync(digestOnly);
    writeFileSync(join(digestOnly, 'log.json'), delivery([fresh()]));
    writeFileSync(join(digestOnly, 'digest.json'), JSON.stringify({ digestStartTime: '2024-01-01T00:00:00Z', digestEndTime: '2024-01-01T01:00:00Z', logFiles: [] }));
    const dg = await runCli(['ingest', digestOnly, '--case', join(root, 'dg')]);
    expect(dg.status, 'a skipped digest file does not change the exit status').toBe(0);
    expect(dg.stdout).toMatch(/Skipped:\n.*digest\.json: CloudTrail digest file/);

    const broken = join(root, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'notes.txt'), 'hello');
    const rj = await runCli(['ingest', broken, '--case', join(root, 'rj')]);
    expect(rj.status).toBe(2);
  });

  it('never writes terminal escape sequences from file names or record values in the human summary', async () => {
    const root = newRoot('hostile');
    const dir = join(root, 'in');
    mkdirSync(dir);
    const ESC = '\u001b';
    writeFileSync(join(dir, `${ESC}[31mred${ESC}[0m.txt`), `${ESC}[2J${ESC}]0;owned\u0007 not a log`);
    writeFileSync(
      join(dir, `ok-${ESC}]0;title\u0007.json`),
      delivery([
        fresh({ awsRegion: `us-east-1${ESC}[2J`, recipientAccountId: `\u009b31m123456789012` }),
        { eventSource: 'x', eventName: 'y', eventID: 'z', [`${ESC}[5mblink`]: 1 },
        { ...fresh(), eventTime: `2024-01-01T00:00:00Z${ESC}[8m` },
      ]),
    );
    execFileSync('mkfifo', [join(dir, `pipe-${ESC}[1m.json`)]);
    const res = await runCli(['ingest', dir, join(root, `missing-${ESC}[41m.json`), '--case', join(root, 'case')]);
    expect(res.status).toBe(2);
    expect(res.stdout).not.toMatch(ESCAPES);
    expect(res.stderr).not.toMatch(ESCAPES);
    // The names are shown, made harmless.
    expect(res.stdout).toContain('␛[31mred␛[0m.txt');
    expect(res.stdout).toContain('missing-␛[41m.json');
    expect(res.stdout).toContain('pipe-␛[1m.json');
    expect(res.stdout).toContain('us-east-1␛[2J');
  });

  // BUG: src/cli/main.ts writes `qir: ${e.message}` unfiltered; the NO_INPUT message (src/app/ingest/ingest.ts)
  // embeds the missing path as given, so a hostile file name reaches the terminal raw.
  it('does not write escape sequences from a missing path to stderr (the only path given)', async () => {
    const root = newRoot('hostile-missing');
    const res = await runCli(['ingest', join(root, `nope-\u001b[31m.json`), '--case', join(root, 'case')]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/no such file or directory/);
    expect(res.stderr).not.toMatch(ESCAPES);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile record content.

describe('hostile record content', () => {
  // BUG: a string with a lone UTF-16 surrogate (valid JSON: "\ud800") is staged by process-file.ts as
  // JSON.stringify(row), which keeps the escape; DuckDB's read_json (store/append-batch.ts) rejects the
  // staging file ("no low surrogate in string"), the batch rolls back and the whole ingest throws.
  it('one record with a lone surrogate does not stop the other files of the batch from being stored', async () => {
    const root = newRoot('surrogate');
    const dir = join(root, 'in');
    mkdirSync(dir);
    const good = invictusFiles()[0]!;
    writeFileSync(join(dir, 'a-good.json'), readFileSync(good.path));
    const hostile = JSON.stringify(fresh({ eventName: 'MARK' })).replace('"MARK"', '"Create\\ud800Volume"');
    writeFileSync(join(dir, 'b-hostile.json'), `{"Records":[${hostile},${JSON.stringify(fresh())}]}`);
    const s = await ingest({ paths: [dir], caseDir: join(root, 'case') });
    reconciles(s);
    expect(s.eventsRead).toBe(good.records.length + 2);
    expect(s.eventsStored).toBeGreaterThanOrEqual(good.records.length + 1);
  });

});

describe('a busy case', () => {
  it('an ingest into a case another live process holds fails with CASE_BUSY, naming the holder', async () => {
    const root = newRoot('busy');
    const caseDir = join(root, 'case');
    mkdirSync(caseDir);
    // A live process (this one) holds the lock.
    writeFileSync(join(caseDir, 'case.lock'), JSON.stringify({ pid: process.pid, command: 'qir report', since: new Date().toISOString() }));
    const err = await ingest({ paths: [INVICTUS_DIR], caseDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QirError);
    expect((err as QirError).code).toBe('CASE_BUSY');
    expect((err as QirError).message).toMatch(/busy: qir report \(pid \d+/);
  });
});
