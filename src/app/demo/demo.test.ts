// The README's main job, end to end through the built CLI: `qir demo` on a fresh folder, no AWS account.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'qir-demo-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('simulates, ingests, investigates and writes the reports', () => {
  expect(existsSync(join(ROOT, 'dist/cli/main.js')), 'run `npm run build` first').toBe(true);
  const r = spawnSync('node', ['bin/qir.js', 'demo', '--background', '3000', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('Suspicious principals');
  expect(r.stdout).toMatch(/arn:aws:iam::\d{12}:user\/svc-qbiz-deployer/);
  const html = /^\s+(\/\S+\.html)$/m.exec(r.stdout)?.[1];
  expect(html, r.stdout).toBeTruthy();
  expect(readFileSync(html!, 'utf8')).toContain('<svg');
  const expected = JSON.parse(readFileSync(join(out, 'evidence', 'expected.json'), 'utf8')) as { scenario: string };
  expect(expected.scenario).toBe('stolen-key-q-business');
}, 300_000);
