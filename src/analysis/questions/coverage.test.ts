// Coverage on the incident scenarios: what the evidence holds, and the gaps when data events were not logged or
// the trail was changed so they stopped being logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/catalog.js';
import type { CaseStore } from '../../store/case-store.js';
import { answerQuestions } from './answer-questions.js';
import { coverage, SERVICES } from './coverage.js';
import type { Coverage } from './coverage.js';
import type { ScenarioName } from './test-support/stores.js';
import { buildScenario, storeOf } from './test-support/stores.js';

const stores: CaseStore[] = [];
afterAll(() => {
  for (const s of stores) s.close();
});

async function coverageOf(name: ScenarioName, keep: (r: Record<string, unknown>) => boolean = () => true) {
  const build = buildScenario(name);
  const store = await storeOf(build.records.filter(keep));
  stores.push(store);
  return { build, store, cover: await coverage(store, {}) };
}

const isData = (r: Record<string, unknown>) => r.eventCategory === 'Data';
const gapsOf = (c: Coverage, service: string) => c.gaps.filter((g) => g.service === service);

describe('insider-conversation-snooping', () => {
  let full: Coverage;
  let blind: Coverage;
  let blindStore: CaseStore;
  beforeAll(async () => {
    full = (await coverageOf('insider-conversation-snooping')).cover;
    const b = await coverageOf('insider-conversation-snooping', (r) => !isData(r));
    blind = b.cover;
    blindStore = b.store;
  });

  it('counts Q Business data events per resource type', () => {
    expect(full.accounts).toEqual(['517481373099']);
    expect(full.timeRange).toEqual({ first: '2025-06-03T07:04:41Z', last: '2025-06-03T17:17:38Z' });
    expect(full.events).toBe(full.managementEvents + full.dataEvents);
    expect(full.amazonQ.dataEvents).toBeGreaterThan(40);
    expect(full.amazonQ.dataEventsByResourceType['AWS::QBusiness::Application']).toBe(full.amazonQ.dataEvents);
    expect(full.amazonQ.dataEventsByResourceType['AWS::QBusiness::Index']).toBe(2 + 2); // put + delete, and the two syncs
    expect(full.amazonQ.dataEventsByResourceType['AWS::QBusiness::DataSource']).toBe(2);
  });

  it('reports no Q Business gap when its data events are there', () => {
    expect(gapsOf(full, 'qbusiness')).toEqual([]);
    expect(gapsOf(full, 'cloudtrail')).toEqual([]);
  });

  it('with its data events removed, says questions 1-5 may be incomplete and which operations are missing', async () => {
    expect(blind.dataEvents).toBe(0);
    expect(blind.amazonQ.managementEvents).toBeGreaterThan(0);
    const gaps = gapsOf(blind, 'qbusiness');
    expect(gaps.map((g) => g.question)).toEqual([1, 2, 3, 4, 5]);
    for (const g of gaps) {
      expect(g.reason).toMatch(/management event\(s\) but no data events, so the trail did not select them/);
      expect(g.resourceTypes).toEqual(['AWS::QBusiness::Application', 'AWS::QBusiness::Index', 'AWS::QBusiness::DataSource']);
    }
    expect(gaps.find((g) => g.question === 2)?.operations).toEqual(['ChatSync', 'Chat']);
    expect(gaps.find((g) => g.question === 5)?.operations).toEqual(expect.arrayContaining(['BatchPutDocument', 'ChatSync']));
    // And the answers are indeed empty where the gaps say so.
    const answers = await answerQuestions(blindStore, {});
    expect(answers.filesUploaded).toEqual([]);
    expect(answers.applicationsAccessed.flatMap((a) => a.people)).toEqual([]);
  });
});

describe('stolen-key-q-business', () => {
  let cover: Coverage;
  beforeAll(async () => {
    cover = (await coverageOf('stolen-key-q-business')).cover;
  });

  it('reports the event selectors that stopped Amazon Q data events, and not the denied StopLogging', () => {
    expect(cover.loggingChanges).toEqual([
      expect.objectContaining({
        eventId: '6e52d374-3ed0-4377-98ce-057f70179891',
        eventName: 'PutEventSelectors',
        trail: 'arn:aws:cloudtrail:us-east-1:456816193367:trail/corp-audit-trail',
        drops: 'amazon-q-data',
        principalArn: 'arn:aws:iam::456816193367:user/svc-qbiz-deployer',
      }),
    ]);
    const gaps = gapsOf(cover, 'cloudtrail');
    expect(gaps.map((g) => g.question)).toEqual([1, 2, 4, 5, 6]);
    expect(gaps.every((g) => g.since === '2025-06-03T12:32:32Z' && g.eventId === '6e52d374-3ed0-4377-98ce-057f70179891')).toBe(true);
    expect(gapsOf(cover, 'qbusiness')).toEqual([]);
  });
});

describe('q-developer-abuse', () => {
  it('counts Q Developer data events by CodeWhisperer resource type', async () => {
    const { cover } = await coverageOf('q-developer-abuse');
    expect(cover.amazonQ.dataEventsByResourceType['AWS::CodeWhisperer::Profile']).toBeGreaterThan(0);
    expect(cover.amazonQ.dataEventsByResourceType['AWS::CodeWhisperer::Customization']).toBeGreaterThan(0);
    expect(cover.amazonQ.dataEventsByResourceType['AWS::S3::Object']).toBeUndefined();
    expect(gapsOf(cover, 'qdeveloper')).toEqual([]);
    // Nothing of Q Business here: its questions may be incomplete, and coverage says why in other words.
    const qb = gapsOf(cover, 'qbusiness');
    expect(qb.map((g) => g.question)).toEqual([1, 2, 3, 4, 5]);
    expect(qb[0]?.reason).toMatch(/no Amazon Q Business data events/);
  });

  it('with its data events removed, says question 6 (and 1, 5) cannot see IDE use', async () => {
    const { cover } = await coverageOf('q-developer-abuse', (r) => !isData(r));
    const gaps = gapsOf(cover, 'qdeveloper');
    expect(gaps.map((g) => g.question)).toEqual([1, 5, 6]);
    const six = gaps.find((g) => g.question === 6);
    expect(six?.operations).toEqual(expect.arrayContaining(['GenerateCompletions', 'SendMessage']));
    expect(six?.resourceTypes).toEqual(['AWS::CodeWhisperer::Profile', 'AWS::CodeWhisperer::Customization']);
    expect(six?.reason).toMatch(/3 management event\(s\) but no data events/);
  });
});

describe('the operations coverage names', () => {
  it.each(SERVICES.filter((s) => s.service !== 'qdeveloper').map((s) => [s.service, s] as const))(
    'are %s data events in the catalog, selected by the resource types named',
    (_name, s) => {
      const catalog = loadCatalog();
      for (const need of s.needs) {
        for (const op of need.operations) {
          const entry = catalog.lookup(s.eventSources[0] as string, op);
          expect(entry?.dataEvent, `${op}`).toBe(true);
          expect(s.resourceTypes.some((t) => entry?.dataEventResourceTypes.includes(t as never))).toBe(true);
        }
      }
    },
  );
});
