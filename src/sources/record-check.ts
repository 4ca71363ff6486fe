// Decides whether a parsed value is a CloudTrail record: unwraps log-shipper envelopes, checks the
// fields every record has, and normalises eventTime. Reasons are written for a person to read.
import type { CloudTrailRecord } from '../core/cloudtrail.js';
import { isJsonObject } from '../core/cloudtrail.js';
import { formatBytes, quoteSnippet } from './decode.js';
import { parseEventTime } from './event-time.js';

export type Checked =
  | { ok: true; record: CloudTrailRecord; iso: string; epochMs: number; wrapper?: string }
  | { ok: false; reason: string };

// Where log shippers put the CloudTrail record (EventBridge uses `detail`).
const WRAPPER_KEYS = ['detail', 'message', 'Message', 'record', 'event', 'log', 'body', '_source', 'data'];
const REQUIRED = ['eventTime', 'eventSource', 'eventName', 'eventID'] as const;

export function checkRecord(value: unknown, bytes: number, maxRecordBytes: number): Checked {
  if (bytes > maxRecordBytes) {
    return { ok: false, reason: `record is ${formatBytes(bytes)}, over the ${formatBytes(maxRecordBytes)} limit (--max-record-size)` };
  }
  const found = unwrap(value);
  if (!found) {
    return { ok: false, reason: `not a CloudTrail record: expected a JSON object, got ${kindOf(value)}` };
  }
  const { record, wrapper } = found;
  const missing = REQUIRED.filter((k) => record[k] === undefined || record[k] === null || record[k] === '');
  if (missing.length) {
    const listed = missing.join(', ');
    const hint = looksLikeRecord(record) ? '' : ` (its keys: ${Object.keys(record).slice(0, 6).map((k) => quoteSnippet(k)).join(', ') || 'none'})`;
    return { ok: false, reason: `not a CloudTrail record: missing ${listed}${hint}` };
  }
  const notText = REQUIRED.filter((k) => typeof record[k] !== 'string');
  if (notText.length) {
    return { ok: false, reason: `not a CloudTrail record: ${notText.map((k) => `${k} is ${kindOf(record[k])}`).join(', ')}, expected text` };
  }
  const rawTime = record.eventTime as string;
  const t = parseEventTime(rawTime);
  if (!t) {
    const template = /\{\{|yyyy|hh:mm/i.test(rawTime) ? '; the record looks like a documentation template' : '';
    return {
      ok: false,
      reason: `eventTime ${quoteSnippet(rawTime)} is not a date and time (expected ISO-8601 such as 2024-04-10T20:04:42Z)${template}`,
    };
  }
  return { ok: true, record, iso: t.iso, epochMs: t.epochMs, wrapper };
}

function unwrap(value: unknown): { record: CloudTrailRecord; wrapper?: string } | undefined {
  if (!isJsonObject(value)) return undefined;
  if (looksLikeRecord(value)) return { record: value };
  for (const key of WRAPPER_KEYS) {
    let inner: unknown = value[key];
    if (typeof inner === 'string' && inner.trimStart().startsWith('{')) {
      try {
        inner = JSON.parse(inner);
      } catch {
        continue;
      }
    }
    if (isJsonObject(inner) && looksLikeRecord(inner)) return { record: inner, wrapper: key };
  }
  return { record: value };
}

const looksLikeRecord = (o: Record<string, unknown>) => 'eventSource' in o || 'eventName' in o || 'eventID' in o;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
