// A million-event case gives thousands of principals and unrecognised operations: the Markdown and
// HTML reports stay readable by showing the first rows of each table and saying how many more there are.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { render } from './index.js';
import { scenarioDocument } from './test-support/documents.js';
import { MAX_TABLE_ROWS } from './view.js';

describe('reports of large investigations', () => {
  let doc: InvestigationDocument;
  beforeAll(async () => {
    const base = await scenarioDocument();
    const extra = 1000;
    doc = {
      ...base,
      unrecognized: [
        ...base.unrecognized,
        ...Array.from({ length: extra }, (_, i) => ({
          principalArn: `arn:aws:iam::111122223333:user/noise-${i}`,
          eventSource: 'qbusiness.amazonaws.com',
          eventName: 'ListApplications',
          count: 1,
          firstSeen: '2025-06-03T07:00:00Z',
          reason: 'no baseline',
        })),
      ],
    };
  });

  it('shows at most MAX_TABLE_ROWS unrecognised rows, the suspicious principals first, and counts the rest', () => {
    for (const format of ['md', 'html'] as const) {
      const out = render(doc, format);
      const noise = out.match(/user\/noise-\d+/g) ?? [];
      expect(noise.length, format).toBeLessThanOrEqual(MAX_TABLE_ROWS);
      expect(out, format).toContain(`${(doc.unrecognized.length - MAX_TABLE_ROWS).toLocaleString('en-US')} more row(s) not shown`);
      const suspicious = doc.principals.find((p) => p.suspicious)!.arn;
      expect(out.indexOf(suspicious), format).toBeGreaterThan(-1);
    }
  });

  it('keeps every row in the JSON report', () => {
    const json = JSON.parse(render(doc, 'json')) as InvestigationDocument;
    expect(json.unrecognized).toHaveLength(doc.unrecognized.length);
  });
});
