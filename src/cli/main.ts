// The `qir` command line: parses argv into one use case, renders its result, and sets the exit status.
// It is the only code that touches process streams and exit codes.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { QirError } from '../core/errors.js';
import { runIngestCommand } from './commands/ingest.js';

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
    .option('--max-record-size <size>', 'largest record to store, e.g. 100MB', parseSize, 100 * 1024 * 1024)
    .option('--wait <seconds>', 'wait this long for another qir command using the case', parseSeconds, 0)
    .action(async (paths: string[], o: { case: string; json?: boolean; maxRecordSize: number; wait: number }) => {
      setStatus(await runIngestCommand(io, { paths, caseDir: o.case, json: !!o.json, maxRecordBytes: o.maxRecordSize, waitSeconds: o.wait }));
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
      io.stderr.write(`qir: ${e.message}\n`);
      return e.exitStatus;
    }
    io.stderr.write(`qir: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
}
