// The CSV report: the suspicious principals' event timeline for spreadsheets (RFC 4180, CRLF lines;
// formula-like cells neutralised, see escape.ts).
import type { TimelineEvent } from '../app/investigate/investigate.js';
import { csvLine } from './escape.js';
import type { InvestigationDocument } from './model.js';

export const TIMELINE_CSV_COLUMNS: ReadonlyArray<keyof TimelineEvent> = [
  'eventTime',
  'eventId',
  'principalArn',
  'person',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIp',
  'userAgent',
  'errorCode',
  'errorMessage',
  'readOnly',
];

export function renderCsv(doc: InvestigationDocument): string {
  return csvLine(TIMELINE_CSV_COLUMNS) + (doc.timeline ?? []).map((e) => csvLine(TIMELINE_CSV_COLUMNS.map((c) => e[c]))).join('');
}
