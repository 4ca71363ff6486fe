// Turns the bytes of one evidence file into CloudTrail record candidates, detecting the format from
// content (gzip, zip, delivery files, JSON arrays, single records, JSON Lines, lookup-events output).
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { isJsonObject } from '../core/cloudtrail.js';

export type Item =
  /** A parsed value at a position; still to be checked as a CloudTrail record. */
  | { kind: 'candidate'; position: string; value: unknown; bytes: number }
  /** A record slot that could not be parsed (counts as an event read and rejected). */
  | { kind: 'bad-record'; position: string; reason: string }
  /** A part of the file that holds no records (a zip member that is not a log); not an event. */
  | { kind: 'bad-part'; position: string; reason: string };

export interface Decoded {
  format: string;
  /** Set when the file is deliberately not evidence (a CloudTrail digest file). */
  skip?: string;
  /** Set when the whole file is not a CloudTrail log. */
  reject?: string;
  items: Item[];
}

export interface DecodeOptions {
  maxRecordBytes: number;
}

const MAX_ZIP_DEPTH = 3;
// V8 cannot hold a string longer than this; such a document has to be read as JSON Lines.
const MAX_STRING_BYTES = 0x1fffffe8;

export function decodeBuffer(buf: Buffer, name: string, opts: DecodeOptions, zipDepth = 0): Decoded {
  if (buf.length === 0) return rejected('empty', 'empty file (0 bytes)');
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    let inner: Buffer;
    try {
      inner = gunzipSync(buf);
    } catch (e) {
      const msg = (e as Error).message;
      const why = /unexpected end/i.test(msg)
        ? 'truncated gzip: the compressed data ends early (the file was cut short during copy or download)'
        : `corrupt gzip: ${msg}`;
      return rejected('gzip', why);
    }
    const d = decodeBuffer(inner, name, opts, zipDepth);
    return { ...d, format: `${d.format}+gzip` };
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return decodeZip(buf, name, opts, zipDepth);
  const binary = sniffBinary(buf);
  if (binary) return rejected('binary', `not a CloudTrail log: ${binary}`);
  return decodeText(buf, opts);
}

function rejected(format: string, reason: string): Decoded {
  return { format, reject: reason, items: [] };
}

function decodeZip(buf: Buffer, name: string, opts: DecodeOptions, zipDepth: number): Decoded {
  if (zipDepth >= MAX_ZIP_DEPTH) return rejected('zip', `zip archives nested more than ${MAX_ZIP_DEPTH} deep`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(buf);
  } catch (e) {
    return rejected('zip', `corrupt zip archive: ${(e as Error).message}`);
  }
  const items: Item[] = [];
  const base = name.split('/').pop() ?? name;
  for (const entryName of Object.keys(entries).sort()) {
    if (entryName.endsWith('/')) continue;
    const where = `${base}!${entryName}`;
    const d = decodeBuffer(Buffer.from(entries[entryName] as Uint8Array), entryName, opts, zipDepth + 1);
    if (d.skip) continue;
    if (d.reject) {
      items.push({ kind: 'bad-part', position: where, reason: d.reject });
      continue;
    }
    for (const item of d.items) items.push({ ...item, position: `${where} ${item.position}` });
  }
  if (items.length === 0) return rejected('zip', 'zip archive holds no CloudTrail log');
  return { format: 'zip', items };
}

const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive (decompress it first)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'an xz archive (decompress it first)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a zstd archive (decompress it first)'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
];

function sniffBinary(buf: Buffer): string | undefined {
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => buf[i] === b)) return `binary data (${what})`;
  const head = buf.subarray(0, 4096);
  if (head.includes(0)) return 'binary data (contains NUL bytes)';
  return undefined;
}

function decodeText(buf: Buffer, opts: DecodeOptions): Decoded {
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // UTF-8 byte order mark
  while (start < buf.length && isSpace(buf[start] as number)) start++;
  if (start === buf.length) return rejected('empty', 'empty file (only whitespace)');
  const first = buf[start];
  if (first !== 0x7b && first !== 0x5b) {
    return rejected('text', `not JSON: the file starts with ${quoteSnippet(buf.subarray(start, start + 40).toString('utf8'))}`);
  }
  if (buf.length - start > MAX_STRING_BYTES) return decodeLines(buf, start, opts);
  const text = buf.toString('utf8', start);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Not one document: JSON Lines has one object per line (a bad first line must not hide the rest).
    if (first === 0x7b && looksLikeJsonLines(text)) return decodeLines(buf, start, opts);
    return rejected(first === 0x7b ? 'json' : 'json-array', `invalid JSON ${jsonErrorLocation(e as Error, text)}`);
  }
  return decodeDocument(doc, buf.length - start, opts);
}

function decodeDocument(doc: unknown, bytes: number, opts: DecodeOptions): Decoded {
  if (Array.isArray(doc)) return { format: 'json-array', items: candidates(doc, (i) => `[${i}]`, bytes, opts) };
  if (!isJsonObject(doc)) return rejected('json', 'not a CloudTrail log: the JSON is not an object or array');
  if ('Records' in doc) {
    const recs = doc.Records;
    if (!Array.isArray(recs)) {
      return rejected('cloudtrail-delivery', `"Records" is ${describe(recs)}, not an array of records`);
    }
    return { format: 'cloudtrail-delivery', items: candidates(recs, (i) => `Records[${i}]`, bytes, opts) };
  }
  if ('digestStartTime' in doc && 'digestEndTime' in doc) {
    return { format: 'cloudtrail-digest', skip: 'CloudTrail digest file (integrity hashes of log files, no events)', items: [] };
  }
  if ('Events' in doc) {
    const evs = doc.Events;
    if (!Array.isArray(evs)) return rejected('lookup-events', `"Events" is ${describe(evs)}, not an array`);
    return { format: 'lookup-events', items: lookupEvents(evs) };
  }
  return { format: 'single-record', items: [{ kind: 'candidate', position: 'record', value: doc, bytes }] };
}

function candidates(values: unknown[], position: (i: number) => string, total: number, opts: DecodeOptions): Item[] {
  // Sizes are measured only when the document could hold a record over the limit.
  const measure = total > opts.maxRecordBytes;
  return values.map((value, i) => ({
    kind: 'candidate' as const,
    position: position(i),
    value,
    bytes: measure ? Buffer.byteLength(JSON.stringify(value) ?? '') : 0,
  }));
}

function lookupEvents(events: unknown[]): Item[] {
  return events.map((ev, i): Item => {
    const position = `Events[${i}]`;
    const raw = isJsonObject(ev) ? ev.CloudTrailEvent : undefined;
    if (typeof raw !== 'string') {
      return { kind: 'bad-record', position, reason: 'lookup-events entry has no CloudTrailEvent text' };
    }
    try {
      return { kind: 'candidate', position, value: JSON.parse(raw), bytes: Buffer.byteLength(raw) };
    } catch (e) {
      return { kind: 'bad-record', position, reason: `CloudTrailEvent is not valid JSON ${jsonErrorLocation(e as Error, raw)}` };
    }
  });
}

function decodeLines(buf: Buffer, start: number, opts: DecodeOptions): Decoded {
  const items: Item[] = [];
  let lineNo = 0;
  let pos = start;
  // Line numbers count from the top of the file, including any byte-order mark or blank lines.
  const leading = buf.subarray(0, start).toString('utf8').split('\n').length - 1;
  lineNo = leading;
  while (pos < buf.length) {
    let end = buf.indexOf(0x0a, pos);
    if (end < 0) end = buf.length;
    lineNo++;
    const bytes = end - pos;
    const position = `line ${lineNo}`;
    if (bytes > opts.maxRecordBytes) {
      items.push({ kind: 'bad-record', position, reason: `record is ${formatBytes(bytes)}, over the ${formatBytes(opts.maxRecordBytes)} limit (--max-record-size)` });
    } else {
      const line = buf.toString('utf8', pos, end).trim();
      if (line !== '') {
        try {
          items.push({ kind: 'candidate', position, value: JSON.parse(line), bytes });
        } catch (e) {
          items.push({ kind: 'bad-record', position, reason: `invalid JSON ${jsonErrorLocation(e as Error, line, lineNo)}` });
        }
      }
    }
    pos = end + 1;
  }
  return { format: 'json-lines', items };
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Several lines, and among the first few at least one is a whole JSON object. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n', 21).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  return lines.slice(0, 20).some((l) => {
    try {
      return isJsonObject(JSON.parse(l));
    } catch {
      return false;
    }
  });
}

/** "at line 18, column 9 (Expected ',' or '}' after property value)" from a JSON.parse error. */
export function jsonErrorLocation(err: Error, text: string, baseLine?: number): string {
  const detail = err.message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^Unexpected/, 'unexpected');
  const m = /at position (\d+)/.exec(err.message);
  if (!m) {
    if (/end of JSON input/i.test(err.message)) return 'at the end of the text (the document is cut short)';
    return `(${detail})`;
  }
  const at = Number(m[1]);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const where = baseLine !== undefined ? `at line ${baseLine}, column ${column}` : `at line ${line}, column ${column}`;
  return `${where} (${detail})`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** A short, printable rendering of untrusted text for a reason message. */
export function quoteSnippet(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return JSON.stringify(clean.length > 32 ? `${clean.slice(0, 32)}…` : clean);
}
