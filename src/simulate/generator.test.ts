// Tests the CloudTrail generator and delivery-file writer: determinism, S3 layout, record shape, mix, memory.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNTS, DEFAULT_REGIONS, MAX_DISORDER_MS, generateBackground } from './background.js';
import type { BackgroundOptions } from './background.js';
import type { CloudTrailRecord } from './records.js';
import { WINDOW_MS, writeDeliveryFiles } from './writer.js';
import type { DeliveryResult } from './writer.js';

const START = '2025-03-03T00:00:00Z';
const END = '2025-03-03T06:00:00Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DELIVERY_KEY =
  /^AWSLogs\/(?:(o-[a-z0-9]{10,32})\/)?(\d{12})\/CloudTrail\/([a-z]{2}(?:-[a-z]+)+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{12})_CloudTrail_([a-z]{2}(?:-[a-z]+)+-\d)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;

const scratch: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qir-generator-test-'));
  scratch.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

const options = (count: number, seed = 7): BackgroundOptions => ({ seed, count, start: START, end: END });

async function write(records: Iterable<CloudTrailRecord>, extra: { seed?: number; recordsPerFile?: number; organizationId?: string } = {}) {
  const outDir = await tempDir();
  return { outDir, result: await writeDeliveryFiles(records, { outDir, gzip: true, ...extra }) };
}

async function readAll(result: DeliveryResult): Promise<Buffer[]> {
  return Promise.all(result.files.map((f) => readFile(f.path)));
}

describe('determinism', () => {
  it('gives the same bytes for the same seed, and different bytes for another seed', async () => {
    const a = await write(generateBackground(options(5000)), { seed: 3 });
    const b = await write(generateBackground(options(5000)), { seed: 3 });
    const c = await write(generateBackground(options(5000, 8)), { seed: 3 });
    expect(b.result.files.map((f) => f.key)).toEqual(a.result.files.map((f) => f.key));
    const [bytesA, bytesB, bytesC] = await Promise.all([readAll(a.result), readAll(b.result), readAll(c.result)]);
    expect(bytesA.length).toBeGreaterThan(1);
    bytesA.forEach((buf, i) => expect(buf.equals(bytesB[i]!)).toBe(true));
    expect(Buffer.concat(bytesC).equals(Buffer.concat(bytesA))).toBe(false);
  });
});

describe('S3 delivery layout', () => {
  it('names every file as CloudTrail does and puts each record in its account, region and window', async () => {
    const { result } = await write(generateBackground(options(8000)), { seed: 1 });
    expect(result.records).toBe(8000);
    let seen = 0;
    for (const file of result.files) {
      const m = DELIVERY_KEY.exec(file.key);
      expect(m, file.key).not.toBeNull();
      const [, org, account, region, y, mo, d, nameAccount, nameRegion, ny, nmo, nd, hh, mm] = m!;
      expect(org).toBeUndefined();
      expect([nameAccount, nameRegion, ny, nmo, nd]).toEqual([account, region, y, mo, d]);
      expect(Number(mm) % 5).toBe(0);
      const stamp = Date.UTC(Number(ny), Number(nmo) - 1, Number(nd), Number(hh), Number(mm));
      const body = JSON.parse(gunzipSync(await readFile(file.path)).toString('utf8')) as { Records: CloudTrailRecord[] };
      expect(Object.keys(body)).toEqual(['Records']);
      expect(body.Records.length).toBe(file.records);
      for (const r of body.Records) {
        expect([r.recipientAccountId, r.awsRegion]).toEqual([account, region]);
        const t = Date.parse(r.eventTime);
        expect(t).toBeGreaterThanOrEqual(stamp - WINDOW_MS);
        expect(t).toBeLessThan(stamp);
      }
      seen += body.Records.length;
    }
    expect(seen).toBe(8000);
  });

  it('writes the organization layout and splits busy windows at recordsPerFile', async () => {
    const { result } = await write(generateBackground(options(3000)), { organizationId: 'o-a1b2c3d4e5', recordsPerFile: 50 });
    expect(result.records).toBe(3000);
    for (const f of result.files) {
      expect(DELIVERY_KEY.exec(f.key)?.[1], f.key).toBe('o-a1b2c3d4e5');
      expect(f.records).toBeLessThanOrEqual(50);
    }
    expect(result.files.length).toBeGreaterThanOrEqual(3000 / 50);
  });
});

describe('records', () => {
  const COUNT = 100_000;
  const records = () => generateBackground(options(COUNT));

  it('have every required CloudTrail field with the right type, unique eventIDs, near-sorted times', () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    const startMs = Date.parse(START);
    const endMs = Date.parse(END);
    let latest = -Infinity;
    let n = 0;
    const bad = (r: CloudTrailRecord, what: string) => {
      if (problems.length < 20) problems.push(`${r.eventID} ${r.eventSource} ${r.eventName}: ${what}`);
    };
    for (const r of records()) {
      n++;
      ids.add(r.eventID);
      if (!/^1\.\d{2}$/.test(r.eventVersion)) bad(r, 'eventVersion');
      if (!EVENT_TIME.test(r.eventTime)) bad(r, `eventTime ${r.eventTime}`);
      const t = Date.parse(r.eventTime);
      if (!(t >= startMs && t < endMs)) bad(r, 'eventTime out of range');
      if (t < latest - MAX_DISORDER_MS) bad(r, 'out of order');
      latest = Math.max(latest, t);
      if (!UUID.test(r.eventID)) bad(r, 'eventID');
      if (r.requestID !== undefined && !(UUID.test(r.requestID) || /^[A-Z0-9]{16}$/.test(r.requestID))) bad(r, 'requestID');
      if (!/^[a-z0-9-]+\.amazonaws\.com$/.test(r.eventSource) || !/^[A-Z][A-Za-z]+$/.test(r.eventName)) bad(r, 'source/name');
      if (!DEFAULT_REGIONS.includes(r.awsRegion)) bad(r, 'awsRegion');
      if (!DEFAULT_ACCOUNTS.includes(r.recipientAccountId)) bad(r, 'recipientAccountId');
      if (typeof r.sourceIPAddress !== 'string' || !r.sourceIPAddress || typeof r.userAgent !== 'string' || !r.userAgent) bad(r, 'ip/userAgent');
      if (typeof r.readOnly !== 'boolean' || typeof r.managementEvent !== 'boolean') bad(r, 'readOnly/managementEvent');
      if (!['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleSignIn'].includes(r.eventType)) bad(r, 'eventType');
      if (r.managementEvent !== (r.eventCategory === 'Management') || !['Management', 'Data'].includes(r.eventCategory)) bad(r, 'eventCategory');
      if (typeof r.requestParameters !== 'object' || typeof r.responseElements !== 'object') bad(r, 'request/response');
      const u = r.userIdentity;
      if (typeof u !== 'object' || !(u.type || u.invokedBy)) bad(r, 'userIdentity');
      if (u.accountId !== undefined && !/^\d{12}$/.test(u.accountId)) bad(r, 'userIdentity.accountId');
      if (u.type === 'AssumedRole' && !(u.arn?.startsWith('arn:aws:sts::') && u.sessionContext?.sessionIssuer && u.accessKeyId?.startsWith('ASIA'))) bad(r, 'AssumedRole identity');
      if (u.type === 'IAMUser' && !(u.accessKeyId && /^A[KS]IA[A-Z2-7]{16}$/.test(u.accessKeyId) && u.userName)) bad(r, 'IAMUser identity');
      if (r.errorCode !== undefined && typeof r.errorCode !== 'string') bad(r, 'errorCode');
      if (r.tlsDetails && !/^TLSv1\.[23]$/.test(r.tlsDetails.tlsVersion)) bad(r, 'tlsDetails');
    }
    expect(problems).toEqual([]);
    expect(n).toBe(COUNT);
    expect(ids.size).toBe(COUNT);
  });

  it('mix ordinary account activity with Amazon Q, including onBehalfOf identities', () => {
    const sources = new Map<string, number>();
    const identityTypes = new Set<string>();
    let onBehalfOf = 0;
    let chatsOnBehalf = 0;
    let ideDataEvents = 0;
    let accessDenied = 0;
    for (const r of records()) {
      sources.set(r.eventSource, (sources.get(r.eventSource) ?? 0) + 1);
      identityTypes.add(r.userIdentity.type ?? 'none');
      const obo = r.userIdentity.onBehalfOf;
      if (obo) {
        onBehalfOf++;
        expect(obo.userId).toMatch(UUID);
        expect(obo.identityStoreArn).toMatch(/^arn:aws:identitystore::\d{12}:identitystore\/d-\d{10}$/);
      }
      if (r.eventName === 'ChatSync' && r.userIdentity.type === 'AssumedRole' && obo) chatsOnBehalf++;
      if (r.eventSource === 'codewhisperer.amazonaws.com' && r.eventCategory === 'Data' && /AmazonQ-For-VSCode|AWS-Toolkit-For-VSCode|aws-toolkit-jetbrains/.test(r.userAgent)) ideDataEvents++;
      if (r.errorCode?.startsWith('AccessDenied')) accessDenied++;
    }
    const count = (s: string) => sources.get(s) ?? 0;
    for (const s of ['ec2', 'iam', 's3', 'kms', 'sts', 'ssm', 'secretsmanager', 'cloudtrail', 'logs', 'qbusiness', 'q', 'codewhisperer']) {
      expect(count(`${s}.amazonaws.com`), s).toBeGreaterThan(0);
    }
    const amazonQ = count('qbusiness.amazonaws.com') + count('q.amazonaws.com') + count('codewhisperer.amazonaws.com');
    expect(amazonQ / COUNT).toBeGreaterThan(0.05);
    expect(amazonQ / COUNT).toBeLessThan(0.3);
    expect(count('ec2.amazonaws.com')).toBe(Math.max(...sources.values()));
    expect([...identityTypes].sort()).toEqual(['AWSService', 'AssumedRole', 'IAMUser', 'IdentityCenterUser', 'Root', 'none']);
    expect(onBehalfOf).toBeGreaterThan(1000);
    expect(chatsOnBehalf).toBeGreaterThan(100);
    expect(ideDataEvents).toBeGreaterThan(100);
    expect(accessDenied).toBeGreaterThan(0);
    expect(accessDenied / COUNT).toBeLessThan(0.02);
  });
});

describe('memory', () => {
  it('stays bounded while 200k records stream through the iterator', () => {
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    for (const r of generateBackground(options(200_000))) {
      if (++n % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      if (!r.eventID) throw new Error('record without eventID');
    }
    expect(n).toBe(200_000);
    // Kept, 200k records would take several hundred MB.
    expect(peak).toBeLessThan(96 * 1024 * 1024);
  });
});
