// Ingest on real data nobody here wrote: the invictus and Stratus datasets and the AWS doc samples.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../store/canonical.js';
import { openCase } from '../../store/case-store.js';
import { rebuildRecord } from '../../store/record-shape.js';
import type { IngestSummary } from './ingest.js';
import { ingest } from './ingest.js';

const DATA = join(import.meta.dirname, '../../../../shared/data');
const INVICTUS = join(DATA, 'cloudtrail/invictus-aws-dataset');
const STRATUS = join(DATA, 'cloudtrail/stratus-detonation-logs');
const Q_SAMPLES = join(DATA, 'q-doc-samples');

const temp: string[] = [];
const newCase = () => {
  const d = mkdtempSync(join(tmpdir(), 'qir-case-'));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const reconciles = (s: IngestSummary) => expect(s.eventsRead).toBe(s.eventsStored + s.duplicates + s.eventsRejected);

async function caseQuery<T>(dir: string, sql: string): Promise<T[]> {
  const store = await openCase(dir);
  try {
    return await store.all<T>(sql);
  } finally {
    store.close();
  }
}

/** Rebuilds every stored record and returns them by eventID + canonical JSON. */
async function rebuiltRecords(dir: string): Promise<Set<string>> {
  const rows = await caseQuery<Record<string, unknown>>(dir, 'SELECT * FROM cloudtrail');
  return new Set(rows.map((r) => canonicalJson(rebuildRecord(r, r._extra as string | null))));
}

function sourceRecords(dir: string, pick: (doc: unknown) => unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else for (const r of pick(JSON.parse(readFileSync(p, 'utf8')))) out.add(canonicalJson(r as never));
    }
  };
  walk(dir);
  return out;
}

describe('invictus dataset (55 delivery files)', () => {
  const dir = newCase();
  let first: IngestSummary;

  it('stores all 2,900 events', async () => {
    first = await ingest({ paths: [INVICTUS], caseDir: dir });
    expect(first).toMatchObject({ filesRead: 55, filesRejected: 0, eventsRead: 2900, eventsStored: 2900, duplicates: 0, eventsRejected: 0 });
    expect(first.accounts).toEqual(['123837392027']);
    expect(first.timeRange).toEqual({ first: '2023-07-10T11:42:18Z', last: '2023-07-10T12:37:50Z' });
    reconciles(first);
  });

  it('rebuilds every record field for field from the columns and _extra', async () => {
    const expected = sourceRecords(INVICTUS, (d) => (d as { Records: unknown[] }).Records);
    expect(await rebuiltRecords(dir)).toEqual(expected);
  });

  it('a second ingest stores nothing and reports 2,900 duplicates', async () => {
    const again = await ingest({ paths: [INVICTUS], caseDir: dir });
    expect(again).toMatchObject({ eventsRead: 2900, eventsStored: 0, duplicates: 2900, conflicts: 0, eventsRejected: 0 });
    reconciles(again);
    const [count] = await caseQuery<{ n: bigint }>(dir, 'SELECT count(*) AS n FROM cloudtrail');
    expect(Number(count?.n)).toBe(2900);
    const manifest = JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as { files: Array<{ sha256: string; eventsStored: number }> };
    expect(manifest.files).toHaveLength(55);
    expect(manifest.files.reduce((n, f) => n + f.eventsStored, 0)).toBe(2900);
  });

  it('keeps the Athena column names and types', async () => {
    const cols = await caseQuery<{ column_name: string; data_type: string }>(
      dir,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cloudtrail'`,
    );
    const byName = Object.fromEntries(cols.map((c) => [c.column_name, c.data_type]));
    expect(byName.eventtime).toBe('VARCHAR');
    expect(byName.useridentity).toMatch(/^STRUCT\(/);
    expect(byName.useridentity).toContain('onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR)');
    expect(byName.resources).toBe('STRUCT(arn VARCHAR, accountid VARCHAR, "type" VARCHAR)[]');
    expect(byName.tlsdetails).toBe('STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR)');
    const [row] = await caseQuery<{ arn: string; mfa: string; ro: string }>(
      dir,
      `SELECT useridentity.arn AS arn, useridentity.sessioncontext.attributes.mfaauthenticated AS mfa, readonly AS ro
       FROM cloudtrail WHERE eventid = 'a0d41a07-4d38-45f4-a35e-0a5a6b73a1b7' OR useridentity.sessioncontext IS NOT NULL LIMIT 1`,
    );
    expect(row?.arn).toMatch(/^arn:aws:/);
    expect(['true', 'false']).toContain(row?.ro);
  });
});

describe('Stratus detonation logs (JSON arrays and Lake-style single records)', () => {
  const dir = newCase();

  it('stores 312 events and reports the one eventID with two contents', async () => {
    const s = await ingest({ paths: [STRATUS], caseDir: dir });
    expect(s).toMatchObject({ filesRead: 37, filesRejected: 0, eventsRead: 312, eventsStored: 312, conflicts: 1, eventsRejected: 0 });
    reconciles(s);
    const conflicts = await caseQuery<{ eventid: string; n: bigint }>(dir, 'SELECT eventid, count(*) AS n FROM conflicts GROUP BY eventid');
    // The anonymised upstream data reuses this eventID in cloudtrail-delete.json and both pr-672 files.
    expect(conflicts).toEqual([{ eventid: 'ee73c230-44bc-4492-8542-cfb189eae287', n: 3n }]);
  });

  it('normalises Lake times in eventtime and keeps the original text for rebuilding', async () => {
    const rows = await caseQuery<Record<string, unknown>>(
      dir,
      `SELECT * FROM cloudtrail WHERE eventsource = 'bedrock.amazonaws.com' AND eventid = 'ee73c230-44bc-4492-8542-cfb189eae287' ORDER BY eventtime`,
    );
    expect(rows.map((r) => r.eventtime)).toEqual(['2025-03-26T16:43:57Z', '2025-03-26T17:22:33Z']);
    expect(rebuildRecord(rows[0]!, rows[0]!._extra as string).eventTime).toBe('2025-03-26 16:43:57.000000000');
    const expected = sourceRecords(STRATUS, (d) => (Array.isArray(d) ? d : [d]));
    expect(await rebuiltRecords(dir)).toEqual(expected);
  });

  it('reports the conflict once: a re-ingest finds duplicates only', async () => {
    const s = await ingest({ paths: [STRATUS], caseDir: dir });
    expect(s).toMatchObject({ eventsStored: 0, duplicates: 312, conflicts: 0 });
  });
});

describe('AWS documentation samples for Amazon Q', () => {
  const dir = newCase();

  it('stores the two valid records and rejects three files, each with its own reason', async () => {
    const s = await ingest({ paths: [Q_SAMPLES], caseDir: dir });
    expect(s).toMatchObject({ filesRead: 5, filesRejected: 3, eventsStored: 2, eventsRejected: 2, eventsRead: 4 });
    reconciles(s);
    const reason = (name: string) => s.rejected.find((r) => r.file.endsWith(name))?.reason;
    expect(reason('PassRequest.json')).toMatch(/^invalid JSON at line \d+, column \d+/);
    expect(reason('CreateApplication.json')).toMatch(/eventTime "\{\{yyyy-mm-ddThh:mm:ssZ\}\}" is not a date and time.*documentation template/);
    expect(reason('GetLibraryItem.json')).toMatch(/eventTime "yyyy-mm-ddThh:mm:ssZ" is not a date and time/);
    const names = await caseQuery<{ eventname: string }>(dir, 'SELECT eventname FROM cloudtrail ORDER BY eventname');
    expect(names.map((r) => r.eventname)).toEqual(['ListBuckets', 'SendMessage']);
  });

  it('holds invokedBy and webIdFederationData exactly as written', async () => {
    const rows = await caseQuery<Record<string, unknown>>(dir, 'SELECT * FROM cloudtrail');
    const byName = Object.fromEntries(rows.map((r) => [r.eventname as string, rebuildRecord(r, r._extra as string | null)]));
    expect((byName.ListBuckets?.userIdentity as { invokedBy: string }).invokedBy).toBe('q.amazonaws.com');
    expect(byName.SendMessage?.userIdentity).toMatchObject({ sessionContext: { webIdFederationData: {} } });
    expect(byName.SendMessage?.managementEvent).toBe(true);
  });
});
