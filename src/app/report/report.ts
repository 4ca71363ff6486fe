// The report use case: renders a stored investigation run in one format, and writes the Markdown and HTML
// reports into the case's reports/ folder (done after each investigation).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InvestigationDocument } from '../investigate/investigate.js';
import { loadInvestigation } from '../investigate/investigate.js';
import { readNotes } from '../notes/notes.js';
import { safeFileName } from '../../report/escape.js';
import type { CaseInfo, RenderContext, ReportFormat } from '../../report/index.js';
import { render } from '../../report/index.js';
import type { CaseStore } from '../../store/case-store.js';
import { openCase } from '../../store/case-store.js';

export const REPORTS_DIR = 'reports';

/** The notes and case facts a report shows besides the investigation document. */
export async function reportContext(store: CaseStore, caseDir: string): Promise<RenderContext> {
  const [evidence] = await store.all<{ files: bigint; events: bigint }>(
    `SELECT (SELECT count(*) FROM evidence) AS files, (SELECT count(*) FROM cloudtrail) AS events`,
  );
  const files = Number(evidence?.files ?? 0);
  // Records stored without a file (simulations, tests) leave no evidence rows: say nothing about files then.
  const caseInfo: CaseInfo = { dir: resolve(caseDir), storedEvents: Number(evidence?.events ?? 0), ...(files > 0 ? { evidenceFiles: files } : {}) };
  return { notes: await readNotes(store), caseInfo };
}

/** Writes reports/<runId>.md and reports/<runId>.html into the case folder `dir`; returns their paths. */
export async function writeReports(store: CaseStore, doc: InvestigationDocument, dir: string): Promise<{ markdown: string; html: string }> {
  const ctx = await reportContext(store, dir);
  const folder = join(resolve(dir), REPORTS_DIR);
  mkdirSync(folder, { recursive: true });
  const base = join(folder, safeFileName(doc.runId));
  const paths = { markdown: `${base}.md`, html: `${base}.html` };
  writeFileSync(paths.markdown, render(doc, 'md', ctx));
  writeFileSync(paths.html, render(doc, 'html', ctx));
  return paths;
}

export interface RenderReportOptions {
  runId?: string;
  format: ReportFormat;
  waitSeconds?: number;
}

/** A stored run (the latest by default) rendered in one format. */
export async function renderReport(caseDir: string, o: RenderReportOptions): Promise<string> {
  const store = await openCase(caseDir, { waitSeconds: o.waitSeconds, command: 'qir report' });
  try {
    const doc = await loadInvestigation(store, o.runId);
    return render(doc, o.format, await reportContext(store, caseDir));
  } finally {
    store.close();
  }
}
