// The six answers against the incident scenarios' expected answers (written from the attacker's side, without
// looking at this code): every expected item is found with the right ids, and the decoys stay where they belong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpectedAnswers, ScenarioBuild } from '../../simulate/scenarios/index.js';
import type { CaseStore } from '../../store/case-store.js';
import { answerQuestions } from './answer-questions.js';
import type { Questions } from './answer-questions.js';
import type { ScenarioName } from './test-support/stores.js';
import { buildScenario, SCENARIO_NAMES, storeOf } from './test-support/stores.js';

interface Loaded {
  build: ScenarioBuild;
  store: CaseStore;
  answers: Questions;
}

const loaded = new Map<ScenarioName, Loaded>();

beforeAll(async () => {
  for (const name of SCENARIO_NAMES) {
    const build = buildScenario(name);
    const store = await storeOf(build.records);
    loaded.set(name, { build, store, answers: await answerQuestions(store, {}) });
  }
});

afterAll(() => {
  for (const { store } of loaded.values()) store.close();
});

const get = (name: ScenarioName): Loaded => {
  const l = loaded.get(name);
  if (!l) throw new Error(`scenario ${name} not loaded`);
  return l;
};

const recordById = (build: ScenarioBuild, eventId: string) => build.records.find((r) => r.eventID === eventId);

/** The checks every scenario's expected answers call for. */
function expectAnswersCover(expected: ExpectedAnswers, a: Questions): void {
  for (const e of expected.resourcesCreatedDeleted) {
    const found = a.resourcesCreatedDeleted.filter(
      (c) => c.resourceType === e.resourceType && c.resourceId === e.resourceId && c.action === e.action && !c.failed,
    );
    expect(found.length, `Q1 ${e.action} ${e.resourceType} ${e.resourceId}`).toBeGreaterThan(0);
    // What the attacker did is attributed to the attacker.
    expect(
      found.some((c) => expected.suspiciousPrincipals.includes(c.principalArn)),
      `Q1 ${e.resourceType} ${e.resourceId} by a suspicious principal`,
    ).toBe(true);
  }
  for (const e of expected.pluginsUsed) {
    const found = a.pluginsUsed.find((p) => p.applicationId === e.applicationId && p.pluginId === e.pluginId && p.how === e.how && !p.failed);
    expect(found, `Q2 ${e.how} ${e.pluginId}`).toBeDefined();
    expect(found?.eventIds.length).toBeGreaterThan(0);
  }
  for (const e of expected.applicationsAccessible) {
    const app = a.applicationsAccessible.find((x) => x.applicationId === e.applicationId);
    expect(app, `Q3 ${e.applicationId}`).toBeDefined();
    expect(app?.indexes).toEqual(expect.arrayContaining(e.indexes));
    expect(app?.retrievers).toEqual(expect.arrayContaining(e.retrievers));
    expect(app?.dataSources).toEqual(expect.arrayContaining(e.dataSources));
    expect(app?.plugins).toEqual(expect.arrayContaining(e.plugins));
  }
  for (const e of expected.applicationsAccessed) {
    const app = a.applicationsAccessed.find((x) => x.applicationId === e.applicationId);
    expect(app, `Q4 ${e.applicationId}`).toBeDefined();
    // The scenario's "people" are onBehalfOf userIds, or the principal key of callers without one.
    expect([...(app?.people ?? []), ...(app?.principals ?? [])]).toEqual(expect.arrayContaining(e.people));
  }
  expect(a.callsByQ.map((c) => c.eventId).sort()).toEqual(expected.callsByQ.map((c) => c.eventId).sort());
  for (const e of expected.callsByQ) {
    expect(a.callsByQ).toContainEqual(
      expect.objectContaining({ principalArn: e.principalArn, eventSource: e.eventSource, eventName: e.eventName, eventId: e.eventId }),
    );
  }
  for (const e of expected.filesUploaded) {
    const found = a.filesUploaded.find((f) => f.applicationId === e.applicationId && f.documentId === e.documentId && f.via === e.via);
    expect(found, `Q5 ${e.via} ${e.documentId}`).toBeDefined();
    if (e.contentType) expect(found?.contentType).toBe(e.contentType);
  }
  for (const e of expected.ideAccess) {
    const found = a.ideAccess.find((i) => i.principalArn === e.principalArn && i.clientTokens.includes(e.client));
    expect(found, `Q6 ${e.principalArn} ${e.client}`).toBeDefined();
    expect(found?.ide).toBe(true);
  }
}

describe.each(SCENARIO_NAMES.map((n) => [n] as const))('%s: every expected answer', (name) => {
  it('is found, with the events that prove it', () => {
    const { build, answers } = get(name);
    expectAnswersCover(build.expected, answers);
  });

  it('cites only events that exist, and each item carries its evidence', () => {
    const { build, answers } = get(name);
    const ids = new Set(build.records.map((r) => r.eventID));
    const cited = [
      ...answers.resourcesCreatedDeleted.map((c) => c.eventId),
      ...answers.pluginsUsed.flatMap((p) => p.eventIds),
      ...answers.applicationsAccessed.flatMap((a) => a.callers.map((c) => c.firstEventId)),
      ...answers.filesUploaded.map((f) => f.eventId),
      ...answers.ideAccess.map((i) => i.firstEventId),
      ...answers.callsByQ.map((c) => c.eventId),
      ...answers.applicationsAccessible.flatMap((a) => a.awsResourcesReachedByQ.map((r) => r.eventId)),
    ];
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('leaves the questions the scenario does not touch empty', () => {
    const { build, answers } = get(name);
    const e = build.expected;
    if (e.pluginsUsed.length === 0) expect(answers.pluginsUsed).toEqual([]);
    if (e.applicationsAccessible.length === 0) expect(answers.applicationsAccessible).toEqual([]);
    if (e.applicationsAccessed.length === 0) expect(answers.applicationsAccessed).toEqual([]);
    if (e.filesUploaded.length === 0) expect(answers.filesUploaded).toEqual([]);
    if (e.ideAccess.length === 0) expect(answers.ideAccess).toEqual([]);
    if (e.callsByQ.length === 0) expect(answers.callsByQ).toEqual([]);
  });
});

describe('stolen-key-q-business', () => {
  it('lists the legitimate Jira plugin as invoked by employees, never as created by the attacker', () => {
    const { build, answers } = get('stolen-key-q-business');
    const jira = build.expected.pluginsUsed.find((p) => p.how === 'invoked');
    const rogue = build.expected.pluginsUsed.find((p) => p.how === 'created');
    const uses = answers.pluginsUsed.filter((p) => p.pluginId === jira?.pluginId);
    expect(uses.map((p) => p.how)).toEqual(['invoked']);
    for (const p of uses[0]?.principals ?? []) expect(build.expected.suspiciousPrincipals).not.toContain(p);
    // Every invocation is a chat in PLUGIN_MODE naming that plugin.
    for (const id of uses[0]?.eventIds ?? []) {
      const rp = recordById(build, id)?.requestParameters as Record<string, unknown>;
      expect(rp.chatMode).toBe('PLUGIN_MODE');
    }
    const created = answers.pluginsUsed.find((p) => p.pluginId === rogue?.pluginId && p.how === 'created');
    expect(created).toMatchObject({
      name: 'Directory Sync',
      type: 'CUSTOM',
      serverUrl: 'https://api.dirsync-cloud.example.net/v2',
      principals: ['arn:aws:iam::456816193367:user/svc-qbiz-deployer'],
    });
    expect(answers.pluginsUsed.some((p) => p.pluginId === rogue?.pluginId && p.how === 'invoked')).toBe(false);
  });

  it("keeps the administrator's guardrail change hers and the denied StopLogging an attempt", () => {
    const { build, answers } = get('stolen-key-q-business');
    const maria = answers.resourcesCreatedDeleted.filter((c) => c.principalArn.includes('maria.gonzalez'));
    expect(maria.map((c) => [c.resourceType, c.action])).toEqual([['AWS::QBusiness::ChatControlsConfiguration', 'updated']]);
    expect(build.expected.suspiciousPrincipals).not.toContain(maria[0]?.principalArn);
    const stop = answers.resourcesCreatedDeleted.find((c) => c.eventName === 'StopLogging');
    expect(stop).toMatchObject({ failed: true, errorCode: 'AccessDenied', resourceType: 'AWS::CloudTrail::Trail' });
  });

  it('shows what the rogue data source and plugin reach', () => {
    const { answers } = get('stolen-key-q-business');
    const [app] = answers.applicationsAccessible;
    expect(app?.externalEndpoints).toEqual(
      expect.arrayContaining(['https://api.dirsync-cloud.example.net/v2', 'https://it-help-center.example.org/kb/']),
    );
    expect(app?.awsResourcesReachedByQ).toContainEqual(
      expect.objectContaining({ type: 'AWS::IAM::Role', id: 'arn:aws:iam::456816193367:role/service-role/QBusiness-DataSource-hr-it-policies' }),
    );
  });

  it('leaves AWS services acting for themselves out of the callers', () => {
    const { answers } = get('stolen-key-q-business');
    const principals = answers.applicationsAccessed.flatMap((a) => a.principals);
    expect(principals).not.toContain('qbusiness.amazonaws.com');
    expect(principals.every((p) => p.startsWith('arn:'))).toBe(true);
  });

  it('answers inside the window only', async () => {
    const { build, store } = get('stolen-key-q-business');
    const { attackStart, attackEnd } = build.expected.window;
    const end = new Date(Date.parse(attackEnd) + 1000).toISOString();
    const inWindow = await answerQuestions(store, { start: attackStart, end });
    const times = inWindow.resourcesCreatedDeleted.map((c) => Date.parse(c.eventTime));
    expect(times.every((t) => t >= Date.parse(attackStart) && t < Date.parse(end))).toBe(true);
    expect(inWindow.resourcesCreatedDeleted.some((c) => c.principalArn.includes('maria.gonzalez'))).toBe(false);
    // Every change the attacker made is inside the attack window.
    for (const e of build.expected.resourcesCreatedDeleted) {
      expect(inWindow.resourcesCreatedDeleted).toContainEqual(
        expect.objectContaining({ resourceType: e.resourceType, resourceId: e.resourceId, action: e.action }),
      );
    }
  });
});

describe('insider-conversation-snooping', () => {
  it("lists every staged document, the one left in the index, and keeps the HR director's own deletion hers", () => {
    const { build, answers } = get('insider-conversation-snooping');
    const docs = answers.resourcesCreatedDeleted.filter((c) => c.resourceType === 'AWS::QBusiness::Document');
    const created = docs.filter((c) => c.action === 'created').map((c) => c.resourceId);
    const deleted = new Set(docs.filter((c) => c.action === 'deleted').map((c) => c.resourceId));
    expect(created.filter((id) => !deleted.has(id))).toEqual(['notes/halcyon-q-and-a.txt']);
    const dana = 'arn:aws:sts::517481373099:assumed-role/AWSReservedSSO_QBusinessOperators_f373bb43ed6ae31a/dana.whitfield@corp.example.com';
    expect(docs.every((c) => c.principalArn === dana && !c.failed)).toBe(true);
    const ownDeletion = answers.resourcesCreatedDeleted.find(
      (c) => c.resourceType === 'AWS::QBusiness::Conversation' && c.action === 'deleted' && c.resourceId === '5ceda4b8-0cad-45d6-9175-4540aec5dba6',
    );
    expect(ownDeletion?.person).toBe('ff90c6c8-ab0a-706c-aea2-06dbce183d96');
    expect(build.expected.suspiciousPrincipals).not.toContain(ownDeletion?.principalArn);
  });

  it('says where each uploaded file came from, and that the blob and attachment contents were redacted', () => {
    const { build, answers } = get('insider-conversation-snooping');
    const byId = new Map(answers.filesUploaded.map((f) => [f.documentId, f]));
    expect(byId.get('board/board-minutes-2025-05.pdf')?.source).toBe('s3://corp-board-portal-exports-517481373099/board/2025-05/minutes-final.pdf');
    expect(byId.get('notes/halcyon-q-and-a.txt')?.source).toBe('blob');
    const attachment = byId.get('customer-pricing-2025.csv');
    expect(attachment).toMatchObject({ via: 'ChatSync attachment', person: 'd08cdaea-e5b5-708e-6b26-0f0b216f69ba' });
    expect(build.expected.suspiciousPrincipals).toContain(attachment?.principalArn);
  });

  it("names Dana's operator session among the application's callers, with its failed read", () => {
    const { answers } = get('insider-conversation-snooping');
    const [app] = answers.applicationsAccessed;
    const dana = app?.callers.find((c) => c.principalArn.includes('dana.whitfield'));
    expect(dana).toMatchObject({ person: null, failedCount: 1 });
    expect(dana?.eventNames).toEqual(expect.arrayContaining(['ListConversations', 'ListMessages', 'BatchPutDocument', 'BatchDeleteDocument']));
  });
});

describe('q-developer-abuse', () => {
  it("tells the attacker's JetBrains IDE from Priya's VS Code, and the console from any IDE", () => {
    const { answers } = get('q-developer-abuse');
    const priya = 'arn:aws:identitystore:::user/0b1e4949-c517-70e1-4ced-7b903c6afd87';
    const clients = answers.ideAccess.filter((i) => i.principalArn === priya).map((i) => [i.client, i.clientTokens]);
    expect(clients).toEqual([
      ['VS Code', ['AmazonQ-For-VSCode/1.46.0']],
      ['JetBrains', ['AmazonQ-For-JetBrains/3.41']],
    ]);
    const jetbrains = answers.ideAccess.find((i) => i.client === 'JetBrains');
    expect(jetbrains?.sourceIps).toEqual(['198.51.100.23']);
    const consoleUse = answers.ideAccess.filter((i) => i.client === 'console');
    expect(consoleUse.length).toBeGreaterThan(0);
    expect(consoleUse.every((i) => !i.ide)).toBe(true);
    // Amazon Q's own calls (PassRequest, invokedBy q.amazonaws.com) are not IDE use.
    expect(answers.ideAccess.flatMap((i) => i.eventNames)).not.toContain('PassRequest');
  });

  it('lists the denied customization as an attempt, and the transformation job as created', () => {
    const { answers } = get('q-developer-abuse');
    expect(answers.resourcesCreatedDeleted).toContainEqual(
      expect.objectContaining({
        resourceType: 'AWS::CodeWhisperer::Customization',
        action: 'created',
        resourceId: null,
        resourceName: 'platform-all-repos',
        failed: true,
        errorCode: 'AccessDeniedException',
      }),
    );
    const job = answers.resourcesCreatedDeleted.find((c) => c.resourceType === 'AWS::QDeveloper::CodeTransformation');
    expect(job).toMatchObject({ service: 'codewhisperer', amazonQ: true, failed: false, person: '0b1e4949-c517-70e1-4ced-7b903c6afd87' });
  });

  it("separates Priya's own console question from the attacker's calls by access key", () => {
    const { answers } = get('q-developer-abuse');
    const keys = new Set(answers.callsByQ.map((c) => c.accessKeyId));
    expect(keys.size).toBe(2);
    expect(answers.callsByQ.every((c) => c.invokedBy === 'q.amazonaws.com' && !c.failed)).toBe(true);
  });

  it('keeps the redacted upload URL out of the answer and the uploaded archive keyed by profile', () => {
    const { answers } = get('q-developer-abuse');
    expect(answers.filesUploaded).toEqual([
      expect.objectContaining({
        via: 'CreateUploadUrl',
        applicationId: 'arn:aws:codewhisperer:us-east-1:632602988296:profile/DHPIOKADNZNR',
        detail: 'TRANSFORMATION SourceCode',
      }),
    ]);
  });
});

describe('redaction', () => {
  it('keeps a redacted value as written and says so', async () => {
    const { build } = get('insider-conversation-snooping');
    const put = build.records.find((r) => r.eventName === 'BatchPutDocument');
    const chat = build.records.find((r) => Array.isArray((r.requestParameters as Record<string, unknown> | null)?.attachments));
    if (!put || !chat) throw new Error('scenario changed: no BatchPutDocument or attachment');
    const hidden = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    const redactedPut = {
      ...put,
      eventID: '00000000-0000-4000-8000-000000000001',
      requestParameters: { ...(put.requestParameters as object), documents: hidden },
    };
    const redactedChat = {
      ...chat,
      eventID: '00000000-0000-4000-8000-000000000002',
      requestParameters: { ...(chat.requestParameters as object), attachments: [{ name: hidden, data: hidden }] },
    };
    const store = await storeOf([redactedPut, redactedChat]);
    try {
      const answers = await answerQuestions(store, {});
      expect(answers.filesUploaded.map((f) => [f.via, f.documentId, f.redacted])).toEqual([
        ['BatchPutDocument', hidden, true],
        ['ChatSync attachment', hidden, true],
      ]);
      const doc = answers.resourcesCreatedDeleted.find((c) => c.resourceType === 'AWS::QBusiness::Document');
      expect(doc).toMatchObject({ resourceId: hidden, redacted: true });
    } finally {
      store.close();
    }
  });
});
