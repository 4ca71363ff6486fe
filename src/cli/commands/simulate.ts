// `qir simulate` and `qir demo`.
import { runDemo } from '../../app/demo/demo.js';
import { simulate } from '../../app/simulate/simulate.js';
import type { CliIo } from '../main.js';
import { formatCount, safeText } from '../terminal.js';
import { renderInvestigation, renderReportPaths } from './investigate.js';

export async function runSimulateCommand(io: CliIo, o: { scenario: string; out: string; background: number; seed: number; json: boolean }): Promise<number> {
  const r = await simulate({ scenario: o.scenario, outDir: o.out, background: o.background, seed: o.seed });
  if (o.json) io.stdout.write(JSON.stringify({ ...r, expected: undefined }, null, 2) + '\n');
  else {
    io.stdout.write(
      `Wrote ${formatCount(r.records)} events (${formatCount(r.incidentRecords)} from the incident) in ${formatCount(r.files)} delivery files under ${safeText(r.outDir)}/logs\n` +
        `Expected answers: ${safeText(r.expectedFile)}\n`,
    );
  }
  return 0;
}

export async function runDemoCommand(io: CliIo, o: { scenario: string; background: number; out?: string }): Promise<number> {
  io.stderr.write(`qir demo: simulating "${o.scenario}" with ${formatCount(o.background)} background events, then ingest and investigate…\n`);
  const r = await runDemo({ scenario: o.scenario, background: o.background, outDir: o.out });
  io.stdout.write(renderInvestigation(r.investigation) + renderReportPaths(r.investigation));
  io.stdout.write(
    `\nEvidence: ${safeText(r.dir)}/evidence (expected answers in expected.json)\nCase:     ${safeText(r.caseDir)}\n` +
      `Ingested ${formatCount(r.ingested.eventsStored)} events from ${formatCount(r.ingested.filesRead)} files.\n` +
      `Explore it: qir investigate --case ${safeText(r.caseDir)} --json\n`,
  );
  return 0;
}
