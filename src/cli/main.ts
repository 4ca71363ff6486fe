// The `qir` command line: parses argv into one use case, renders its result, and sets the exit status.
// It is the only code that touches process streams and exit codes.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { QirError } from '../core/errors.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../core/limits.js';
import { safeText } from './terminal.js';

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export const EXIT = { ok: 0, failure: 1, rejected: 2 } as const;

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 100MB, 512KB or 1GB');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

export function parseCount(text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function parseSeconds(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds');
  return n;
}

/** Builds the command tree; `run` receives each command's exit status. */
export function createCli(io: CliIo, setStatus: (code: number) => void): Command {
  const program = new Command('qir')
    .description('Incident response for Amazon Q security events, from CloudTrail evidence.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('ingest')
    .description('Store CloudTrail files (delivery files, JSON arrays, JSON Lines, lookup-events output, .gz, .zip) in a case')
    .argument('<paths...>', 'files and folders to read, recursively')
    .requiredOption('--case <dir>', 'case folder (created if missing)')
    .option('--json', 'print one JSON summary on stdout and nothing else')
    .option('--max-record-size <size>', 'largest record to store, e.g. 100MB', parseSize, DEFAULT_MAX_RECORD_BYTES)
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (paths: string[], o: { case: string; json?: boolean; maxRecordSize: number; wait: number }) => {
      const { runIngestCommand } = await import('./commands/ingest.js');
      setStatus(await runIngestCommand(io, { paths, caseDir: o.case, json: !!o.json, maxRecordBytes: o.maxRecordSize, waitSeconds: o.wait }));
    });

  program
    .command('investigate')
    .description("Answer the Amazon Q playbook's detection and analysis questions from a case's evidence")
    .requiredOption('--case <dir>', 'case folder')
    .option('--since <time>', 'window start: ISO-8601, or a duration back from the newest event (7d, 12h)')
    .option('--until <time>', 'window end: ISO-8601, or a duration back from the newest event')
    .option('--json', 'print the investigation document on stdout and nothing else')
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (o: { case: string; since?: string; until?: string; json?: boolean; wait: number }) => {
      const { runInvestigateCommand } = await import('./commands/investigate.js');
      setStatus(await runInvestigateCommand(io, { caseDir: o.case, since: o.since, until: o.until, json: !!o.json, waitSeconds: o.wait }));
    });

  program
    .command('simulate')
    .description('Write an Amazon Q incident as CloudTrail delivery files (S3 layout, gzipped) with its expected answers')
    .requiredOption('--scenario <name>', 'stolen-key-q-business, insider-conversation-snooping or q-developer-abuse')
    .requiredOption('--out <dir>', 'output folder (logs/ and expected.json)')
    .option('--background <n>', 'ordinary background events around the incident', parseCount, 0)
    .option('--seed <n>', 'random seed', parseCount, 42)
    .option('--json', 'print a JSON summary')
    .action(async (o: { scenario: string; out: string; background: number; seed: number; json?: boolean }) => {
      const { runSimulateCommand } = await import('./commands/simulate.js');
      setStatus(await runSimulateCommand(io, { ...o, json: !!o.json }));
    });

  program
    .command('demo')
    .description('Simulate an Amazon Q incident, ingest it and investigate it: the whole playbook, no AWS account')
    .option('--scenario <name>', 'which incident', 'stolen-key-q-business')
    .option('--background <n>', 'ordinary background events', parseCount, 20_000)
    .option('--out <dir>', 'keep the evidence and case here (default: a new temporary folder)')
    .action(async (o: { scenario: string; background: number; out?: string }) => {
      const { runDemoCommand } = await import('./commands/simulate.js');
      setStatus(await runDemoCommand(io, o));
    });

  program
    .command('report')
    .description('Render a stored investigation run (the latest by default) as md, html, json, ocsf or csv')
    .requiredOption('--case <dir>', 'case folder')
    .requiredOption('--format <format>', 'md, html, json (the investigation document), ocsf (Detection Findings) or csv (the timeline)')
    .option('--run <id>', 'investigation run id (default: the latest)')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (o: { case: string; format: string; run?: string; out?: string; wait: number }) => {
      const { runReportCommand } = await import('./commands/report.js');
      setStatus(await runReportCommand(io, { caseDir: o.case, format: o.format, runId: o.run, out: o.out, waitSeconds: o.wait }));
    });

  const note = program.command('note').description("Timestamped notes in a case: the report's lessons learned");
  note
    .command('add')
    .description('Record a note in the case')
    .argument('<text>', 'the note')
    .requiredOption('--case <dir>', 'case folder')
    .option('--author <name>', 'who wrote it (default: your login name)')
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (text: string, o: { case: string; author?: string; wait: number }) => {
      const { runNoteAddCommand } = await import('./commands/note.js');
      setStatus(await runNoteAddCommand(io, { caseDir: o.case, text, author: o.author, waitSeconds: o.wait }));
    });
  note
    .command('list')
    .description("List the case's notes, oldest first")
    .requiredOption('--case <dir>', 'case folder')
    .option('--json', 'print the notes as JSON')
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (o: { case: string; json?: boolean; wait: number }) => {
      const { runNoteListCommand } = await import('./commands/note.js');
      setStatus(await runNoteListCommand(io, { caseDir: o.case, json: !!o.json, waitSeconds: o.wait }));
    });

  return program;
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let status = EXIT.ok as number;
  const program = createCli(io, (code) => (status = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT.failure;
    if (e instanceof QirError) {
      io.stderr.write(`qir: ${safeText(e.message)}\n`);
      return e.exitStatus;
    }
    io.stderr.write(`qir: internal error: ${((e as Error).stack ?? String(e)).split('\n').map(safeText).join('\n')}\n`);
    return EXIT.failure;
  }
}
