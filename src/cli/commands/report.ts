// `qir report`: renders a stored investigation run as Markdown, HTML, JSON, OCSF or CSV, on stdout or
// into a file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderReport } from '../../app/report/report.js';
import { QirError } from '../../core/errors.js';
import { isReportFormat, REPORT_FORMATS } from '../../report/index.js';
import type { CliIo } from '../main.js';
import { safeText } from '../terminal.js';

export interface ReportCommandOptions {
  caseDir: string;
  runId?: string;
  format: string;
  out?: string;
  waitSeconds: number;
}

export async function runReportCommand(io: CliIo, o: ReportCommandOptions): Promise<number> {
  if (!isReportFormat(o.format)) {
    throw new QirError('BAD_ARGUMENT', `unknown report format "${safeText(o.format)}": use one of ${REPORT_FORMATS.join(', ')}`);
  }
  const text = await renderReport(o.caseDir, { runId: o.runId, format: o.format, waitSeconds: o.waitSeconds });
  if (!o.out) {
    io.stdout.write(text);
    return 0;
  }
  const path = resolve(o.out);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new QirError('IO', `cannot write the report to ${safeText(o.out)}: ${safeText((e as Error).message)}`, { cause: e });
  }
  io.stderr.write(`Wrote the ${o.format} report to ${safeText(path)}\n`);
  return 0;
}
