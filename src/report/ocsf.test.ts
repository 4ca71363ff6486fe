// OCSF output checked field by field against the Detection Finding class (see the validator's sources).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationDocument } from '../app/investigate/investigate.js';
import { render } from './index.js';
import { findingUid } from './ocsf.js';
import { HOSTILE, hostileDocument, scenarioDocument } from './test-support/documents.js';
import { validateDetectionFinding } from './test-support/ocsf-detection-finding.js';

const PROWLER_EXAMPLE = join(import.meta.dirname, '../../../shared/data/prowler/example_output_aws.ocsf.json');

let doc: InvestigationDocument;
let hostile: InvestigationDocument;
beforeAll(async () => {
  [doc, hostile] = await Promise.all([scenarioDocument(), hostileDocument()]);
});

const ocsf = (d: InvestigationDocument) => JSON.parse(render(d, 'ocsf')) as Array<Record<string, any>>;

describe('the validator', () => {
  it('accepts Prowler’s own Detection Findings apart from the known quirks of its example file', () => {
    // Prowler writes seconds where timestamp_t is milliseconds, datetimes without a zone (not RFC 3339), and
    // its example file holds placeholders such as <account_uid>: exactly those, and nothing else, is flagged.
    const prowler = JSON.parse(readFileSync(PROWLER_EXAMPLE, 'utf8')) as unknown[];
    expect(prowler.length).toBeGreaterThan(0);
    for (const f of prowler) {
      const paths = validateDetectionFinding(f, { allowSecondTimestamps: true }).map((e) => e.path);
      expect(paths.filter((p) => !['time_dt', 'cloud.account.uid'].includes(p))).toEqual([]);
      expect(validateDetectionFinding(f).map((e) => e.path)).toContain('time');
    }
  });

  it('rejects events that break the class', () => {
    const good = ocsf(doc)[0]!;
    expect(validateDetectionFinding(good)).toEqual([]);
    const broken = (mutate: (e: Record<string, any>) => void) => {
      const e = structuredClone(good);
      mutate(e);
      return validateDetectionFinding(e).map((x) => x.path);
    };
    expect(broken((e) => delete e.class_uid)).toContain('class_uid');
    expect(broken((e) => (e.class_uid = 2001))).toContain('class_uid');
    expect(broken((e) => (e.type_uid = 200402))).toContain('type_uid');
    expect(broken((e) => (e.severity_id = 7))).toContain('severity_id');
    expect(broken((e) => (e.severity = 'Severe'))).toContain('severity');
    expect(broken((e) => (e.status_id = 9))).toContain('status_id');
    expect(broken((e) => (e.time = Math.floor(e.time / 1000)))).toContain('time');
    expect(broken((e) => delete e.metadata.version)).toContain('metadata.version');
    expect(broken((e) => delete e.metadata.product.name)).toContain('metadata.product.name');
    expect(broken((e) => delete e.finding_info.uid)).toContain('finding_info.uid');
    expect(broken((e) => delete e.cloud)).toContain('cloud');
    expect(broken((e) => (e.evidences = [{ name: 'x' }]))).toContain('evidences[0]');
    expect(broken((e) => (e.finding_info.attacks = [{ version: '14' }]))).toContain('finding_info.attacks[0]');
    expect(broken((e) => (e.finding_info.attacks = [{ technique: { uid: 'TA0001' } }]))).toContain('finding_info.attacks[0].technique.uid');
    expect(broken((e) => (e.evidences = [{ src_endpoint: { ip: HOSTILE.img } }]))).toContain('evidences[0].src_endpoint.ip');
    expect(broken((e) => (e.qir_extra = 1))).toContain('qir_extra');
  });
});

describe('OCSF Detection Findings', () => {
  it('gives one valid Detection Finding per finding', () => {
    for (const d of [doc, hostile]) {
      const out = ocsf(d);
      expect(Array.isArray(out)).toBe(true);
      expect(out).toHaveLength(d.findings.length);
      out.forEach((f, i) => expect(validateDetectionFinding(f), `finding ${i} (${d.findings[i]!.ruleId})`).toEqual([]));
    }
  });

  it('carries each finding: rule, title, severity, times, ATT&CK, events, principal', () => {
    const out = ocsf(doc);
    const severity = { info: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;
    doc.findings.forEach((f, i) => {
      const o = out[i]!;
      expect(o.finding_info.title).toBe(f.title);
      expect(o.finding_info.analytic.uid).toBe(f.ruleId);
      expect(o.metadata.event_code).toBe(f.ruleId);
      expect(o.severity_id).toBe(severity[f.severity]);
      expect(o.start_time).toBe(Date.parse(f.firstSeen));
      expect(o.end_time).toBe(Date.parse(f.lastSeen));
      expect(o.finding_info.related_events.map((r: { uid: string }) => r.uid)).toEqual(f.eventIds);
      const techniques = new Set(o.finding_info.attacks.map((a: any) => a.sub_technique?.uid ?? a.technique?.uid));
      for (const t of f.attack) expect(techniques).toContain(t);
      expect(o.resources[0].uid).toBe(f.principalArn);
      expect(o.evidences.every((e: any) => e.actor.user.uid === f.principalArn)).toBe(true);
      expect(o.cloud.provider).toBe('AWS');
      expect(o.cloud.account.uid).toMatch(/^\d{12}$/);
    });
  });

  it('gives stable, unique ids: the same evidence investigated again keeps its uids', async () => {
    const first = ocsf(doc).map((f) => f.finding_info.uid as string);
    expect(new Set(first).size).toBe(first.length);
    const again = await (await import('./test-support/documents.js')).investigateRecords((await import('./test-support/documents.js')).scenarioRecords().records);
    expect(again.runId).not.toBe(doc.runId);
    expect(ocsf(again).map((f) => f.finding_info.uid)).toEqual(first);
    // Run-independent: the order of event ids does not matter, the content does.
    const f = doc.findings[0]!;
    expect(findingUid({ ...f, eventIds: [...f.eventIds].reverse() })).toBe(findingUid(f));
    expect(findingUid({ ...f, ruleId: `${f.ruleId}-x` })).not.toBe(findingUid(f));
  });

  it('keeps hostile text as JSON strings, without raw control characters', () => {
    const text = render(hostile, 'ocsf');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const parsed = JSON.parse(text) as unknown[];
    const all = JSON.stringify(parsed);
    expect(all).toContain(JSON.stringify(HOSTILE.img).slice(1, -1));
    // A hostile source address is never passed off as an IP address.
    for (const f of parsed as any[]) for (const e of f.evidences ?? []) if (e.src_endpoint?.ip) expect(e.src_endpoint.ip).toMatch(/^[0-9a-f.:]+$/i);
  });
});
