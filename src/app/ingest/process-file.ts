// Reads one evidence file and stages its records as JSON Lines for the case store (runs in a worker).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonObject } from '../../core/cloudtrail.js';
import type { StagedFile } from '../../store/staging.js';
import { decodeBuffer } from '../../sources/decode.js';
import { formatEventTime } from '../../sources/event-time.js';
import { checkRecord } from '../../sources/record-check.js';
import { SEQ_FILE_FACTOR } from '../../store/staging.js';
import { contentHash } from '../../store/canonical.js';
import { RAW_RECORD_KEY, splitRecord } from '../../store/record-shape.js';

export interface FileTask {
  index: number;
  path: string;
  /** Where to write the staged rows (JSON Lines) and their keys (CSV). */
  staging: StagedFile;
  maxRecordBytes: number;
}

export interface Rejection {
  position: string;
  reason: string;
}

export type FileResult =
  | { index: number; status: 'unreadable'; reason: string }
  | { index: number; status: 'known'; sha256: string; size: number }
  | { index: number; status: 'skipped'; sha256: string; size: number; format: string; reason: string }
  | {
      index: number;
      status: 'read';
      sha256: string;
      size: number;
      format: string;
      /** Set when the whole file is not a CloudTrail log. */
      fileRejected?: string;
      eventsRead: number;
      staged: number;
      /** Longest staged line, so the store reads the batch with buffers no bigger than needed. */
      maxLineBytes: number;
      rejections: Rejection[];
      firstEvent: string | null;
      lastEvent: string | null;
      accounts: string[];
      regions: string[];
    };


export function processFile(task: FileTask, knownShas: ReadonlySet<string>): FileResult {
  let buf: Buffer;
  try {
    buf = readFileSync(task.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file disappeared between listing and reading (moved or deleted during the ingest?)'
        : `cannot read the file: ${(e as Error).message}`;
    return { index: task.index, status: 'unreadable', reason };
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (knownShas.has(sha256)) return { index: task.index, status: 'known', sha256, size: buf.length };

  const decoded = decodeBuffer(buf, task.path, { maxRecordBytes: task.maxRecordBytes });
  if (decoded.skip) return { index: task.index, status: 'skipped', sha256, size: buf.length, format: decoded.format, reason: decoded.skip };

  const lines: string[] = [];
  const keys: string[] = [];
  const rejections: Rejection[] = [];
  const accounts = new Set<string>();
  const regions = new Set<string>();
  let first = Infinity;
  let last = -Infinity;
  let eventsRead = 0;
  let maxLineBytes = 0;
  const seqBase = task.index * SEQ_FILE_FACTOR;

  decoded.items.forEach((item, i) => {
    if (item.kind === 'bad-part') {
      rejections.push({ position: item.position, reason: item.reason });
      return;
    }
    eventsRead++;
    if (item.kind === 'bad-record') {
      rejections.push({ position: item.position, reason: item.reason });
      return;
    }
    const checked = checkRecord(item.value, item.bytes, task.maxRecordBytes);
    if (!checked.ok) {
      rejections.push({ position: item.position, reason: checked.reason });
      return;
    }
    let staged: { line: string; hash: string };
    try {
      staged = stageRow(checked.record, checked.iso, checked.epochMs, sha256, item.position, seqBase + i);
    } catch (e) {
      // A record nested deeper than the call stack (or otherwise unprocessable) is rejected on its own.
      rejections.push({ position: item.position, reason: `cannot process the record: ${(e as Error).message}` });
      return;
    }
    const { line, hash } = staged;
    const record = checked.record;
    const eventId = record.eventID as string;
    keys.push(`${seqBase + i},${hash},"${eventId.includes('"') ? eventId.replace(/"/g, '""') : eventId}"`);
    const bytes = line.length > 1_000_000 ? Buffer.byteLength(line) : line.length * 3;
    if (bytes > maxLineBytes) maxLineBytes = bytes;
    lines.push(line);
    if (checked.epochMs < first) first = checked.epochMs;
    if (checked.epochMs > last) last = checked.epochMs;
    if (typeof record.recipientAccountId === 'string') accounts.add(record.recipientAccountId);
    if (typeof record.awsRegion === 'string') regions.add(record.awsRegion);
  });

  if (lines.length) {
    writeFileSync(task.staging.rows, lines.join('\n') + '\n');
    writeFileSync(task.staging.keys, keys.join('\n') + '\n');
  }
  return {
    index: task.index,
    status: 'read',
    sha256,
    size: buf.length,
    format: decoded.format,
    fileRejected: decoded.reject ?? (lines.length === 0 && rejections.length ? firstReason(rejections) : undefined),
    eventsRead,
    staged: lines.length,
    maxLineBytes,
    rejections: decoded.reject ? [{ position: 'whole file', reason: decoded.reject }] : rejections,
    firstEvent: lines.length ? formatEventTime(first) : null,
    lastEvent: lines.length ? formatEventTime(last) : null,
    accounts: [...accounts],
    regions: [...regions],
  };
}

// A string escape of a lone UTF-16 surrogate (not preceded by an escaped backslash); DuckDB only holds UTF-8.
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi;

/** One staged JSON line: the record's columns, its `_extra` overlay and qir's columns. */
function stageRow(original: JsonObject, iso: string, epochMs: number, sha256: string, position: string, seq: number): { line: string; hash: string } {
  const normalised = original.eventTime !== iso;
  const record: JsonObject = normalised ? { ...original, eventTime: iso } : original;
  const { clean, extra } = splitRecord(record);
  if (normalised) extra['/eventTime'] = original.eventTime as string;
  const row = clean as Record<string, unknown>;
  row._extra = Object.keys(extra).length ? JSON.stringify(extra) : null;
  row._ts = epochMs;
  const hash = contentHash(record);
  row._hash = hash;
  row._evidence = sha256;
  row._position = position;
  row._seq = seq;
  const line = JSON.stringify(row);
  if (!LONE_SURROGATE.test(line)) return { line, hash };
  // Text with lone surrogates (valid JSON, invalid Unicode) is stored with U+FFFD in the columns; the
  // exact record is kept in _extra as base64 of its JSON, so it still rebuilds field for field.
  LONE_SURROGATE.lastIndex = 0;
  extra[RAW_RECORD_KEY] = Buffer.from(JSON.stringify(original)).toString('base64');
  row._extra = JSON.stringify(extra);
  return { line: JSON.stringify(row).replace(LONE_SURROGATE, '$1\\ufffd'), hash };
}

function firstReason(rejections: Rejection[]): string {
  return rejections.length === 1 ? (rejections[0] as Rejection).reason : `none of its ${rejections.length} records could be used`;
}
