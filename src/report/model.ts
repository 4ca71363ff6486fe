// What a report is made from: the stored investigation run, the case's notes and a little about the case.
import type { InvestigationDocument } from '../app/investigate/investigate.js';

export type { InvestigationDocument };

export const REPORT_FORMATS = ['md', 'html', 'json', 'ocsf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const isReportFormat = (s: unknown): s is ReportFormat => typeof s === 'string' && (REPORT_FORMATS as readonly string[]).includes(s);

/** A responder's note in the case (`qir note add`): the report's lessons learned. */
export interface CaseNote {
  createdAt: string;
  author: string;
  text: string;
}

/** Facts about the case the investigation document does not hold. */
export interface CaseInfo {
  /** The case folder. */
  dir?: string;
  /** Evidence files stored in the case. */
  evidenceFiles?: number;
  /** Events stored in the case (all of them, not only the window). */
  storedEvents?: number;
}

export interface RenderContext {
  notes?: readonly CaseNote[];
  caseInfo?: CaseInfo;
}
