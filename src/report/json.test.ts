import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { render } from './index.js';
import { HOSTILE, hostileDocument, scenarioDocument } from './test-support/documents.js';

let doc: InvestigationDocument;
let hostile: InvestigationDocument;
beforeAll(async () => {
  [doc, hostile] = await Promise.all([scenarioDocument(), hostileDocument()]);
});

describe('JSON report', () => {
  it('is the investigation document as stored, and round-trips', () => {
    for (const d of [doc, hostile]) {
      const text = render(d, 'json', { notes: [{ createdAt: 'x', author: 'y', text: 'not part of the document' }] });
      expect(JSON.parse(text)).toEqual(d);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(d)));
      expect(text).not.toContain('not part of the document');
    }
  });

  it('escapes control characters, so the file is safe to print on a terminal', () => {
    const text = render(hostile, 'json');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('\\u001b[31m');
    expect(JSON.parse(text).timeline.some((e: { userAgent: string | null }) => e.userAgent === HOSTILE.script)).toBe(true);
  });
});
