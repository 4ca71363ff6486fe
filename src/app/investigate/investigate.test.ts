// End-to-end investigations: real attack datasets, the AWS Q samples, and the incident scenarios,
// whose expected answers were written from the attacker's side without reading the rules.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../core/severity.js';
import { SCENARIOS } from '../../simulate/scenarios/index.js';
import type { CaseStore } from '../../store/case-store.js';
import { openMemoryStore } from '../../store/case-store.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { ingest } from '../ingest/ingest.js';
import type { InvestigationDocument } from './investigate.js';
import { investigate, investigateStore } from './investigate.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const DATA = join(import.meta.dirname, '../../../../shared/data');

async function investigateFiles(paths: string[]): Promise<InvestigationDocument> {
  const dir = mkdtempSync(join(tmpdir(), 'qir-inv-'));
  try {
    await ingest({ paths, caseDir: dir });
    return await investigate({ caseDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ruleIds = (d: InvestigationDocument) => new Set(d.findings.map((f) => f.ruleId));

describe('real attack data: invictus and Stratus Red Team', () => {
  let invictus: InvestigationDocument;
  let stratus: InvestigationDocument;
  beforeAll(async () => {
    invictus = await investigateFiles([join(DATA, 'cloudtrail/invictus-aws-dataset')]);
    stratus = await investigateFiles([join(DATA, 'cloudtrail/stratus-detonation-logs')]);
  }, 120_000);

  it('finds the credential theft in invictus and nothing Amazon Q', () => {
    expect(invictus.counts.amazonQEvents).toBe(0);
    expect(invictus.findings.filter((f) => f.amazonQ)).toEqual([]);
    const ids = ruleIds(invictus);
    expect(ids).toContain('ec2-password-data-read');
    expect(ids).toContain('instance-credentials-used-outside');
    expect(invictus.principals.some((p) => p.suspicious)).toBe(true);
    expect(invictus.outcomes.toolsObserved.map((t) => t.family)).toContain('Stratus Red Team');
  });

  it('finds IAM persistence, credential access and CloudTrail tampering in the Stratus detonations', () => {
    const ids = ruleIds(stratus);
    for (const id of ['cloudtrail-logging-tampered', 'iam-persistence', 'secrets-bulk-read', 'ssm-securestring-bulk-read', 'console-login-without-mfa']) {
      expect(ids, id).toContain(id);
    }
    expect(stratus.findings.filter((f) => f.amazonQ)).toEqual([]);
    expect(stratus.outcomes.intent.map((i) => i.tactic)).toEqual(expect.arrayContaining(['defense-evasion', 'persistence', 'credential-access']));
  });

  it('says where the evidence holds no Amazon Q data events', () => {
    expect(invictus.coverage.gaps.length).toBeGreaterThan(0);
  });
});

describe('AWS documentation samples for Amazon Q', () => {
  it('attributes the console chat and the call Q made on the user’s behalf', async () => {
    const d = await investigateFiles([join(DATA, 'q-doc-samples')]);
    expect(d.counts.amazonQEvents).toBe(2);
    const arns = d.principals.map((p) => p.arn);
    expect(arns).toContain('arn:aws:sts::123456789012:assumed-role/PowerUser/aws-user');
    expect(arns).toContain('arn:aws:iam::555555555555:user/Paulo');
    expect(d.principals.every((p) => !p.suspicious)).toBe(true);
  });
});

describe.each(Object.keys(SCENARIOS))('scenario %s', (name) => {
  const { records, expected } = SCENARIOS[name]!.build({ seed: 42, start: new Date('2025-06-03T07:00:00Z') });
  let store: CaseStore;
  let doc: InvestigationDocument;
  beforeAll(async () => {
    store = await openMemoryStore();
    await ingestRecords(store, records);
    doc = await investigateStore(store);
  });
  afterAll(() => store.close());

  it('flags every attacker behaviour with at least the expected severity', () => {
    const missing = expected.detections.filter(
      (det) =>
        !det.eventIds.every((id) =>
          doc.findings.some((f) => f.eventIds.includes(id) && severityRank(f.severity) >= severityRank(det.minSeverity)),
        ),
    );
    expect(missing.map((m) => m.behaviour)).toEqual([]);
  });

  it('does not flag the decoys at medium or above', () => {
    const noisy = expected.mustNotFlag.filter((d) =>
      doc.findings.some((f) => severityRank(f.severity) >= severityRank('medium') && d.eventIds.some((id) => f.eventIds.includes(id))),
    );
    expect(noisy.map((n) => n.why)).toEqual([]);
  });

  it('calls the attacker suspicious and the decoys not', () => {
    const verdict = new Map(doc.principals.map((p) => [p.arn, p.suspicious]));
    for (const arn of expected.suspiciousPrincipals) expect(verdict.get(arn), arn).toBe(true);
    for (const arn of expected.notSuspiciousPrincipals) expect(verdict.get(arn) ?? false, arn).toBe(false);
  });

  it('names the people behind shared roles', () => {
    for (const p of expected.people) {
      const principal = doc.principals.find((x) => x.arn === p.principalArn);
      expect(principal?.people ?? [], p.principalArn).toContain(p.userId);
    }
  });
});
