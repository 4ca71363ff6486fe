// The answers and coverage on records AWS wrote or published: the Amazon Q documentation samples, and the real
// invictus delivery files (a Stratus Red Team attack with nothing of Amazon Q in it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invictusRecords } from '../../app/ingest/test-support/fixtures.js';
import type { CaseStore } from '../../store/case-store.js';
import { answerQuestions } from './answer-questions.js';
import type { Questions } from './answer-questions.js';
import { coverage } from './coverage.js';
import type { Coverage } from './coverage.js';
import { docSample, storeOf } from './test-support/stores.js';

describe('the AWS documentation samples', () => {
  let store: CaseStore;
  let answers: Questions;
  let cover: Coverage;
  beforeAll(async () => {
    // The valid samples; the others are templates ({{...}} times) or invalid JSON as published.
    store = await storeOf([
      docSample('qdeveloper-ug_logging-using-cloudtrail__s3-ListBuckets-invokedBy-q'),
      docSample('qdeveloper-ug_logging-using-cloudtrail__SendMessage'),
    ]);
    answers = await answerQuestions(store, {});
    cover = await coverage(store, {});
  });
  afterAll(() => store.close());

  it('finds the s3 ListBuckets Amazon Q made for Paulo', () => {
    expect(answers.callsByQ).toEqual([
      expect.objectContaining({
        principalArn: 'arn:aws:iam::555555555555:user/Paulo',
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        eventId: '2939ba50-1d26-4a5a-83bd-EXAMPLE85850',
        invokedBy: 'q.amazonaws.com',
        failed: false,
      }),
    ]);
  });

  it('shows the SendMessage as Amazon Q used from the console, not from an IDE', () => {
    expect(answers.ideAccess).toEqual([
      expect.objectContaining({
        principalArn: 'arn:aws:sts::123456789012:assumed-role/PowerUser/aws-user',
        client: 'console',
        ide: false,
        eventCount: 1,
        eventNames: ['SendMessage'],
        firstEventId: 'a552c487-7d97-403a-8ec4-d49539c7a03d',
      }),
    ]);
  });

  it('changes nothing and touches no Q Business application', () => {
    expect(answers.resourcesCreatedDeleted).toEqual([]);
    expect(answers.applicationsAccessible).toEqual([]);
    expect(answers.applicationsAccessed).toEqual([]);
    expect(answers.filesUploaded).toEqual([]);
  });

  it('covers both accounts, one Amazon Q management event, and says IDE use cannot be seen', () => {
    expect(cover).toMatchObject({
      accounts: ['123456789012', '555555555555'],
      regions: ['us-east-1'],
      timeRange: { first: '2023-11-28T10:00:00Z', last: '2024-04-10T14:07:55Z' },
      events: 2,
      managementEvents: 2,
      dataEvents: 0,
      amazonQ: { events: 1, managementEvents: 1, dataEvents: 0, eventSources: { 'q.amazonaws.com': { managementEvents: 1, dataEvents: 0 } } },
    });
    expect(cover.gaps.filter((g) => g.question === 6).map((g) => g.service)).toEqual(['qdeveloper']);
  });
});

describe('the invictus dataset (real, no Amazon Q)', () => {
  let store: CaseStore;
  let answers: Questions;
  let cover: Coverage;
  beforeAll(async () => {
    store = await storeOf(invictusRecords());
    answers = await answerQuestions(store, {});
    cover = await coverage(store, {});
  });
  afterAll(() => store.close());

  it('answers every Amazon Q question with nothing', () => {
    expect(answers.resourcesCreatedDeleted.filter((c) => c.amazonQ)).toEqual([]);
    expect(answers.pluginsUsed).toEqual([]);
    expect(answers.applicationsAccessible).toEqual([]);
    expect(answers.applicationsAccessed).toEqual([]);
    expect(answers.filesUploaded).toEqual([]);
    expect(answers.ideAccess).toEqual([]);
    // Calls invoked by other services (cloudtrail, lambda, "AWS Internal"...) are not calls by Q.
    expect(answers.callsByQ).toEqual([]);
  });

  it('still lists the IAM and CloudTrail changes around them, failed ones as attempts', () => {
    const types = new Set(answers.resourcesCreatedDeleted.map((c) => c.resourceType));
    expect([...types]).toEqual(expect.arrayContaining(['AWS::IAM::User', 'AWS::IAM::AccessKey', 'AWS::IAM::Role', 'AWS::CloudTrail::Trail']));
    const created = answers.resourcesCreatedDeleted.filter((c) => c.resourceType === 'AWS::IAM::User' && c.action === 'created');
    expect(created.length).toBe(4);
    expect(created.every((c) => c.resourceId && !c.failed)).toBe(true);
    const stops = answers.resourcesCreatedDeleted.filter((c) => c.eventName === 'StopLogging');
    expect(stops.length).toBe(3);
    expect(stops.every((c) => c.failed)).toBe(true);
  });

  it('reports no Amazon Q events and that no question can be answered from them', () => {
    // The delivery files are named for 218007301253; the records themselves say 123837392027 (recipientAccountId).
    expect(cover.accounts).toEqual(['123837392027']);
    expect(cover.regions).toEqual(['us-east-1']);
    expect(cover.events).toBe(2900);
    expect(cover.managementEvents).toBe(2900);
    expect(cover.amazonQ).toEqual({ events: 0, managementEvents: 0, dataEvents: 0, eventSources: {}, dataEventsByResourceType: {} });
    const amazonQGaps = cover.gaps.filter((g) => g.service === 'amazon-q');
    expect(amazonQGaps.map((g) => g.question)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const g of amazonQGaps) expect(g.reason).toMatch(/cannot be answered from Amazon Q events/);
    expect(amazonQGaps.find((g) => g.question === 5)?.operations).toEqual(expect.arrayContaining(['BatchPutDocument', 'CreateUploadUrl']));
    expect(amazonQGaps.find((g) => g.question === 5)?.resourceTypes).toEqual(expect.arrayContaining(['AWS::QBusiness::Application']));
  });

  it('reports the trails the attack deleted as gaps from then on', () => {
    const deleted = cover.loggingChanges.filter((c) => c.eventName === 'DeleteTrail');
    expect(deleted.length).toBe(2);
    expect(deleted.every((c) => c.drops === 'all')).toBe(true);
    const gaps = cover.gaps.filter((g) => g.service === 'cloudtrail' && g.eventId === deleted[0]?.eventId);
    expect(gaps.map((g) => g.question)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
