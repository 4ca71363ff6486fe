import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../investigate/investigate.js';
import { loadInvestigation } from '../investigate/investigate.js';
import { addNote } from '../notes/notes.js';
import { openCase } from '../../store/case-store.js';
import { investigatedCase } from '../../report/test-support/case-dir.js';
import { renderReport, writeReports } from './report.js';

let dir: string;
let doc: InvestigationDocument;
beforeAll(async () => {
  ({ dir, doc } = await investigatedCase());
  await addNote({ caseDir: dir, text: 'Lesson: alert on CreatePlugin outside change windows.', author: 'ana' });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report use case', () => {
  it('writes reports/<runId>.md and .html into the case folder', async () => {
    const store = await openCase(dir);
    let paths: { markdown: string; html: string };
    try {
      paths = await writeReports(store, await loadInvestigation(store), dir);
    } finally {
      store.close();
    }
    expect(paths.markdown).toBe(join(dir, 'reports', `${doc.runId}.md`));
    expect(paths.html).toBe(join(dir, 'reports', `${doc.runId}.html`));
    const md = readFileSync(paths.markdown, 'utf8');
    expect(md).toContain(`investigation run ${doc.runId}`);
    expect(md).toContain('ana: Lesson: alert on CreatePlugin outside change windows.');
    expect(md).toMatch(/qir ingest stored \d+ event\(s\) in the case/);
    expect(readFileSync(paths.html, 'utf8')).toContain('<!DOCTYPE html>');
    expect(existsSync(join(dir, 'case.lock'))).toBe(false);
  });

  it('renders the latest run, or the one asked for, in every format', async () => {
    expect(JSON.parse(await renderReport(dir, { format: 'json' }))).toEqual(doc);
    expect(JSON.parse(await renderReport(dir, { format: 'json', runId: doc.runId })).runId).toBe(doc.runId);
    expect(await renderReport(dir, { format: 'md' })).toContain('## 1. Summary');
    expect(await renderReport(dir, { format: 'html' })).toContain('<svg class="chart"');
    expect(JSON.parse(await renderReport(dir, { format: 'ocsf' }))).toHaveLength(doc.findings.length);
    expect((await renderReport(dir, { format: 'csv' })).split('\r\n')[0]).toMatch(/^eventTime,eventId,/);
    await expect(renderReport(dir, { format: 'md', runId: 'inv-nope' })).rejects.toThrow(/no investigation run inv-nope/);
  });
});
