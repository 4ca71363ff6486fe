// Reports of a stored investigation run, behind one function: render(doc, format, {notes, caseInfo}).
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { InvestigationDocument, RenderContext, ReportFormat } from './model.js';
import { renderOcsf } from './ocsf.js';

export type { CaseInfo, CaseNote, RenderContext, ReportFormat } from './model.js';
export { REPORT_FORMATS, isReportFormat } from './model.js';

/** File extension per format. */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = { md: 'md', html: 'html', json: 'json', ocsf: 'ocsf.json', csv: 'csv' };

export function render(doc: InvestigationDocument, format: ReportFormat, ctx: RenderContext = {}): string {
  switch (format) {
    case 'md':
      return renderMarkdown(doc, ctx);
    case 'html':
      return renderHtml(doc, ctx);
    case 'json':
      return renderJson(doc);
    case 'ocsf':
      return renderOcsf(doc);
    case 'csv':
      return renderCsv(doc);
  }
}
