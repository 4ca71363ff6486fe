// Writes CloudTrail records as S3 delivery files (AWSLogs/…/CloudTrail/<region>/YYYY/MM/DD/…json.gz), streaming.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { ALNUM, Rng } from './records.js';
import type { CloudTrailRecord } from './records.js';

const gzip = promisify(gzipCallback);

/** CloudTrail delivers a file per account, region and ~5 minutes; the name carries the window's end. */
export const WINDOW_MS = 5 * 60_000;
const DEFAULT_RECORDS_PER_FILE = 1000;
/** zlib level of CloudTrail's own files. */
const GZIP_LEVEL = 6;
/** A window's file is written once records this many windows later arrive (input may be this much out of order). */
const WINDOWS_KEPT_OPEN = 4;
/** Files being compressed and written at once; compression runs on libuv's thread pool. */
const IN_FLIGHT = 4;

export interface DeliveryOptions {
  outDir: string;
  /** Most records in one file: a busier window is split over several files, as CloudTrail does. */
  recordsPerFile?: number;
  /** Organization trail layout: AWSLogs/<organizationId>/<account>/CloudTrail/… */
  organizationId?: string;
  /** Seeds the random 16-character suffix of the file names. */
  seed?: number;
  /** Gzip the files (`.json.gz`, as CloudTrail delivers them); false writes plain `.json`. Default true. */
  gzip?: boolean;
}

export interface DeliveryFile {
  /** The S3 object key, relative to outDir. */
  key: string;
  path: string;
  account: string;
  region: string;
  records: number;
  bytes: number;
  uncompressedBytes: number;
}

export interface DeliveryResult {
  files: DeliveryFile[];
  records: number;
  bytes: number;
  uncompressedBytes: number;
}

interface Bucket {
  account: string;
  region: string;
  window: number;
  records: string[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Groups records by account, region and 5-minute window into delivery files, compressing as it goes.
 * Input should be near-sorted by time (up to 15 minutes out of order); a record later than that lands
 * in an extra file for its window, as late events do in CloudTrail.
 */
export async function writeDeliveryFiles(records: Iterable<CloudTrailRecord>, options: DeliveryOptions): Promise<DeliveryResult> {
  const cap = options.recordsPerFile ?? DEFAULT_RECORDS_PER_FILE;
  if (!(cap >= 1)) throw new Error('writeDeliveryFiles: recordsPerFile must be at least 1');
  const org = options.organizationId;
  if (org !== undefined && !/^o-[a-z0-9]{10,32}$/.test(org)) throw new Error(`writeDeliveryFiles: bad organization id ${org}`);
  const compress = options.gzip ?? true;
  const rng = new Rng(options.seed ?? 0);
  const files: DeliveryFile[] = [];
  const dirs = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const emit = async (b: Bucket): Promise<void> => {
    const end = new Date((b.window + 1) * WINDOW_MS);
    const y = end.getUTCFullYear();
    const m = pad2(end.getUTCMonth() + 1);
    const d = pad2(end.getUTCDate());
    const stamp = `${y}${m}${d}T${pad2(end.getUTCHours())}${pad2(end.getUTCMinutes())}Z`;
    const dir = `AWSLogs/${org ? `${org}/` : ''}${b.account}/CloudTrail/${b.region}/${y}/${m}/${d}`;
    const key = `${dir}/${b.account}_CloudTrail_${b.region}_${stamp}_${rng.chars(ALNUM, 16)}.json${compress ? '.gz' : ''}`;
    const body = Buffer.from(`{"Records":[${b.records.join(',')}]}`);
    const file: DeliveryFile = { key, path: join(options.outDir, key), account: b.account, region: b.region, records: b.records.length, bytes: 0, uncompressedBytes: body.length };
    files.push(file);
    const job = (async () => {
      let made = dirs.get(dir);
      if (!made) dirs.set(dir, (made = mkdir(join(options.outDir, dir), { recursive: true })));
      await made;
      const data = compress ? await gzip(body, { level: GZIP_LEVEL }) : body;
      file.bytes = data.length;
      await writeFile(file.path, data);
    })().catch((e: unknown) => {
      failure ??= e;
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) {
      await Promise.all(inFlight);
      throw failure;
    }
  };

  const open = new Map<string, Bucket>();
  let newest = -Infinity;
  for (const record of records) {
    const window = Math.floor(Date.parse(record.eventTime) / WINDOW_MS);
    if (!Number.isFinite(window)) throw new Error(`writeDeliveryFiles: bad eventTime ${record.eventTime}`);
    if (window > newest) {
      newest = window;
      for (const [k, b] of open) {
        if (b.window <= window - WINDOWS_KEPT_OPEN) {
          open.delete(k);
          await emit(b);
        }
      }
    }
    const k = `${record.recipientAccountId}|${record.awsRegion}|${window}`;
    let bucket = open.get(k);
    if (!bucket) {
      bucket = { account: record.recipientAccountId, region: record.awsRegion, window, records: [] };
      open.set(k, bucket);
    }
    bucket.records.push(JSON.stringify(record));
    if (bucket.records.length >= cap) {
      open.delete(k);
      await emit(bucket);
    }
  }
  for (const b of open.values()) await emit(b);
  await Promise.all(inFlight);
  if (failure) throw failure;

  let total = 0;
  let bytes = 0;
  let uncompressedBytes = 0;
  for (const f of files) {
    total += f.records;
    bytes += f.bytes;
    uncompressedBytes += f.uncompressedBytes;
  }
  return { files, records: total, bytes, uncompressedBytes };
}
