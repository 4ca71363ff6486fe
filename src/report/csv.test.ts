import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument, TimelineEvent } from '../app/investigate/investigate.js';
import { render } from './index.js';
import { HOSTILE, hostileDocument, scenarioDocument } from './test-support/documents.js';

/** An RFC 4180 parser (CRLF records, quoted fields with doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}: not RFC 4180`);
    else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('the last record is not CRLF-terminated');
  return rows;
}

const COLUMNS: Array<keyof TimelineEvent> = ['eventTime', 'eventId', 'principalArn', 'person', 'eventSource', 'eventName', 'awsRegion', 'sourceIp', 'userAgent', 'errorCode', 'errorMessage', 'readOnly'];

let doc: InvestigationDocument;
let hostile: InvestigationDocument;
beforeAll(async () => {
  [doc, hostile] = await Promise.all([scenarioDocument(), hostileDocument()]);
});

describe('CSV report', () => {
  it('parses back to the timeline', () => {
    const [header, ...rows] = parseCsv(render(doc, 'csv'));
    expect(header).toEqual(COLUMNS);
    expect(doc.timeline.length).toBeGreaterThan(0);
    const back = rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] === '' ? null : r[i]])));
    expect(back).toEqual(doc.timeline.map((e) => Object.fromEntries(COLUMNS.map((c) => [c, e[c] ?? null]))));
  });

  it('neutralises formulas, quotes commas and quotes, and shows escape sequences as text', () => {
    const text = render(hostile, 'csv');
    expect(text).not.toContain('\u001b');
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(hostile.timeline.length);
    for (const r of rows) {
      expect(r).toHaveLength(COLUMNS.length);
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const cells = rows.flat();
    expect(cells).toContain(`'${HOSTILE.formula}`);
    expect(cells).toContain(HOSTILE.quoted);
    expect(cells).toContain(HOSTILE.script);
    expect(cells).toContain(HOSTILE.img);
    expect(cells.some((c) => c.includes('␛[31m'))).toBe(true);
    // Each row is still the event it came from.
    rows.forEach((r, i) => expect(r[1]).toBe(hostile.timeline[i]!.eventId));
  });
});
