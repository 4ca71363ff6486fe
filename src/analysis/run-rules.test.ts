// The rule engine: hits grouped into findings per principal, window scoping, and eventIDs stored in
// several versions (conflicts) attributed to the version the rule actually flags.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../app/ingest/ingest-records.js';
import type { CloudTrailRecord } from '../core/cloudtrail.js';
import { loadRules } from '../rules/load-rules.js';
import { openMemoryStore } from '../store/case-store.js';
import { runRules } from './run-rules.js';

const STRATUS = join(import.meta.dirname, '../../../shared/data/cloudtrail/stratus-detonation-logs');
const read = (f: string): CloudTrailRecord[] => {
  const doc = JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as CloudTrailRecord | CloudTrailRecord[];
  return Array.isArray(doc) ? doc : [doc];
};
const tampering = loadRules().filter((r) => r.id === 'cloudtrail-logging-tampered');

describe('runRules', () => {
  it('flags only the version of a conflicting eventID that matches the rule', async () => {
    const store = await openMemoryStore();
    try {
      // cloudtrail-delete.json and the pr-672 bedrock DeleteGuardrail record share one eventID.
      await ingestRecords(store, [...read('aws.defense-evasion.cloudtrail-delete.json'), ...read('pr-672-unmerged/aws.defense-evasion.bedrock-guardrail-delete.json')]);
      const { findings, errors } = await runRules(store, tampering);
      expect(errors).toEqual([]);
      expect(findings).toHaveLength(1);
      const deleteTrail = read('aws.defense-evasion.cloudtrail-delete.json')[0]!;
      expect(findings[0]!.firstSeen).toBe(deleteTrail.eventTime);
      expect(findings[0]!.details.join(' ')).toContain('DeleteTrail');
    } finally {
      store.close();
    }
  });

  it('only sees events inside the window', async () => {
    const store = await openMemoryStore();
    try {
      const records = read('aws.defense-evasion.cloudtrail-stop.json');
      await ingestRecords(store, records);
      const t = Date.parse(records[0]!.eventTime as string);
      const before = await runRules(store, tampering, { end: new Date(t).toISOString() });
      const during = await runRules(store, tampering, { start: new Date(t).toISOString(), end: new Date(t + 1000).toISOString() });
      expect(before.findings).toEqual([]);
      expect(during.findings).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
