// `qir ingest`: stores evidence files in a case and reports what happened to every file and record.
import type { IngestSummary } from '../../app/ingest/ingest.js';
import { ingest } from '../../app/ingest/ingest.js';
import type { CliIo } from '../main.js';
import { ingestProgressBar } from '../progress-bar.js';
import { formatCount, safeText } from '../terminal.js';

export interface IngestCommandOptions {
  paths: string[];
  caseDir: string;
  json: boolean;
  maxRecordBytes: number;
  waitSeconds: number;
}

/** Exit status: 0 all stored or duplicate, 2 something was rejected or a path is missing. */
export async function runIngestCommand(io: CliIo, o: IngestCommandOptions): Promise<number> {
  const bar = io.stderr.isTTY ? ingestProgressBar(io.stderr) : undefined;
  let summary: IngestSummary;
  try {
    summary = await ingest({ paths: o.paths, caseDir: o.caseDir, maxRecordBytes: o.maxRecordBytes, waitSeconds: o.waitSeconds, onProgress: bar?.update });
  } finally {
    bar?.done();
  }
  if (o.json) io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else io.stdout.write(renderSummary(summary));
  return summary.filesRejected > 0 || summary.eventsRejected > 0 || summary.rejected.length > 0 ? 2 : 0;
}

const MAX_LISTED = 20;

export function renderSummary(s: IngestSummary): string {
  const lines = [
    `Case ${safeText(s.case)} (run ${s.runId})`,
    `  files:  ${formatCount(s.filesRead)} read, ${formatCount(s.filesSkipped)} skipped, ${formatCount(s.filesRejected)} rejected`,
    `  events: ${formatCount(s.eventsRead)} read = ${formatCount(s.eventsStored)} stored + ${formatCount(s.duplicates)} duplicates + ${formatCount(s.eventsRejected)} rejected`,
  ];
  if (s.conflicts) lines.push(`  conflicts: ${formatCount(s.conflicts)} eventIDs seen with different content (both versions kept)`);
  if (s.timeRange) lines.push(`  time:   ${s.timeRange.first} .. ${s.timeRange.last}`);
  if (s.accounts.length) lines.push(`  accounts: ${s.accounts.map(safeText).join(', ')}`);
  if (s.regions.length) lines.push(`  regions:  ${s.regions.map(safeText).join(', ')}`);
  const listed = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`${title}:`);
    for (const i of items.slice(0, MAX_LISTED)) lines.push(`  ${i}`);
    if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more (use --json for all)`);
  };
  listed('Rejected', s.rejected.map((r) => `${safeText(r.file)} [${safeText(r.position)}]: ${safeText(r.reason)}`));
  listed('Skipped', s.skipped.map((r) => `${safeText(r.file)}: ${safeText(r.reason)}`));
  return lines.join('\n') + '\n';
}
