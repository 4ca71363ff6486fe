// Format detection edge cases: JSON Lines whose first line is bad, and readable reasons.
import { describe, expect, it } from 'vitest';
import { decodeBuffer } from './decode.js';
import { checkRecord } from './record-check.js';

const opts = { maxRecordBytes: 1024 * 1024 };
const rec = (id: string) => JSON.stringify({ eventTime: '2025-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', eventID: id });

describe('decodeBuffer', () => {
  it('reads JSON Lines even when the first line is broken', () => {
    const d = decodeBuffer(Buffer.from(`{"eventTime": 2025\n${rec('a')}\n${rec('b')}\n`), 'x.jsonl', opts);
    expect(d.format).toBe('json-lines');
    expect(d.items.map((i) => [i.kind, i.position])).toEqual([
      ['bad-record', 'line 1'],
      ['candidate', 'line 2'],
      ['candidate', 'line 3'],
    ]);
  });

  it('keeps a pretty-printed invalid document a whole-file rejection', () => {
    const d = decodeBuffer(Buffer.from('{\n  "eventVersion": "1.09",\n  "userIdentity": {\n    "type": "x"\n'), 'x.json', opts);
    expect(d.reject).toMatch(/^invalid JSON/);
  });
});

describe('checkRecord', () => {
  it('says when a required field has the wrong type rather than calling it missing', () => {
    const r = checkRecord({ eventTime: '2025-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'X', eventID: 42 }, 10, 100);
    expect(r).toEqual({ ok: false, reason: 'not a CloudTrail record: eventID is a number, expected text' });
  });
});
