// `qir report` and `qir note` through the command line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../../app/investigate/investigate.js';
import { investigatedCase } from '../../report/test-support/case-dir.js';
import { main } from '../main.js';

async function qir(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  out.on('data', (c) => (chunks.stdout += String(c)));
  err.on('data', (c) => (chunks.stderr += String(c)));
  const status = await main(argv, { stdout: out as unknown as NodeJS.WriteStream, stderr: err as unknown as NodeJS.WriteStream });
  return { status, ...chunks };
}

let dir: string;
let doc: InvestigationDocument;
beforeAll(async () => {
  ({ dir, doc } = await investigatedCase());
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qir report', () => {
  it('prints the report on stdout', async () => {
    const r = await qir('report', '--case', dir, '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(doc);
    const md = await qir('report', '--case', dir, '--run', doc.runId, '--format', 'md');
    expect(md.stdout).toContain(`# Amazon Q incident report: ${doc.runId}`);
  });

  it('writes the report to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'qir-out-')), 'sub', 'report.html');
    const r = await qir('report', '--case', dir, '--format', 'html', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    expect(readFileSync(out, 'utf8')).toContain('Content-Security-Policy');
  });

  it('refuses an unknown format or run', async () => {
    const bad = await qir('report', '--case', dir, '--format', 'pdf');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown report format "pdf"');
    const missing = await qir('report', '--case', dir, '--format', 'md', '--run', 'inv-nope');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no investigation run inv-nope');
  });
});

describe('qir note', () => {
  it('adds notes and lists them, showing escape sequences as text', async () => {
    const add = await qir('note', 'add', 'Key \u001b[31mrotated\u001b[0m', '--case', dir, '--author', 'ana');
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/^Noted at \S+ by ana\.\n$/);
    const list = await qir('note', 'list', '--case', dir);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('ana: Key ␛[31mrotated␛[0m');
    expect(list.stdout).not.toContain('\u001b');
    const json = await qir('note', 'list', '--case', dir, '--json');
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ author: 'ana', text: 'Key \u001b[31mrotated\u001b[0m' });
    const md = await qir('report', '--case', dir, '--format', 'md');
    expect(md.stdout).toContain('ana: Key ␛\\[31mrotated␛\\[0m');
  });
});
