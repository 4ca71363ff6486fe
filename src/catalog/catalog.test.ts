// The catalog loader's API and its refusal of bad content files.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QirError } from '../core/errors.js';
import { CATALOG_DIR, Q_EVENT_SOURCES, createCatalog, loadCatalog, readCatalogData } from './catalog.js';

describe('loadCatalog', () => {
  const catalog = loadCatalog();

  it('reads content/catalog once per process', () => {
    expect(CATALOG_DIR.replace(/\/$/, '').endsWith(join('content', 'catalog'))).toBe(true);
    expect(loadCatalog()).toBe(catalog);
  });

  it('covers the five Amazon Q event sources and nothing else', () => {
    expect([...catalog.qEventSources].sort()).toEqual([...Q_EVENT_SOURCES].sort());
    for (const source of Q_EVENT_SOURCES) expect(catalog.isAmazonQSource(source)).toBe(true);
    expect(catalog.isAmazonQSource('Q.AmazonAWS.com ')).toBe(true);
    expect(catalog.isAmazonQSource('s3.amazonaws.com')).toBe(false);
    expect(catalog.isAmazonQSource('kendra.amazonaws.com')).toBe(false);
    expect(catalog.eventSources.find((e) => e.eventSource === 'qdeveloper.amazonaws.com')?.confirmed).toBe(false);
  });

  it('looks up an operation by event source and event name', () => {
    const chat = catalog.lookup('qbusiness.amazonaws.com', 'ChatSync');
    expect(chat).toMatchObject({
      category: 'chat-conversation',
      kind: 'other',
      dataEvent: true,
      dataEventResourceTypes: ['AWS::QBusiness::Application'],
      resourceType: 'conversation',
      iamAction: 'qbusiness:ChatSync',
      iamAccessLevel: 'Read',
      playbookListed: true,
    });
    expect(catalog.lookup('QBUSINESS.amazonaws.com', 'ChatSync')).toBe(chat);
    expect(catalog.lookup('qbusiness.amazonaws.com', 'chatsync')).toBeUndefined();
    expect(catalog.lookup('qbusiness.amazonaws.com', 'GetApplications')).toBeUndefined();
    expect(catalog.lookup('s3.amazonaws.com', 'ListBuckets')).toBeUndefined();
    // The same name in two services is two entries.
    expect(catalog.lookup('q.amazonaws.com', 'ListConversations')?.category).toBe('general');
    expect(catalog.lookup('qbusiness.amazonaws.com', 'ListConversations')?.category).toBe('chat-conversation');
  });

  it('lists data events, optionally for one CloudTrail resources.type', () => {
    const all = catalog.dataEventOperations();
    expect(all.length).toBeGreaterThan(30);
    expect(all.every((e) => e.dataEvent === true && e.dataEventResourceTypes.length > 0)).toBe(true);
    expect(
      catalog
        .dataEventOperations('AWS::QBusiness::DataSource')
        .map((e) => e.operation)
        .sort(),
    ).toEqual(['ListDataSourceSyncJobs', 'StartDataSourceSyncJob', 'StopDataSourceSyncJob']);
    expect(catalog.dataEventOperations('AWS::QApps::QApp').every((e) => e.eventSource === 'qapps.amazonaws.com')).toBe(
      true,
    );
    expect(catalog.dataEventOperations('AWS::QApps:QApp')).toEqual(catalog.dataEventOperations('AWS::QApps::QApp'));
    expect(catalog.dataEventOperations('AWS::QApps::QApp').length).toBe(18);
    expect(catalog.dataEventOperations('AWS::S3::Object')).toEqual([]);
  });

  it('resolves the names the playbook writes', () => {
    expect(catalog.resolvePlaybookName('StartDataSourceSyncJobs')).toMatchObject({
      via: 'alias',
      entries: [{ eventSource: 'qbusiness.amazonaws.com', operation: 'StartDataSourceSyncJob' }],
    });
    const conversation = catalog.resolvePlaybookName('GetConversation');
    expect(conversation?.via).toBe('direct');
    expect(conversation?.entries.map((e) => e.eventSource)).toEqual(['q.amazonaws.com']);
    // The table lists DeleteConversation under Q Business chat, though q.amazonaws.com has one too.
    expect(catalog.resolvePlaybookName('DeleteConversation')?.entries.map((e) => e.eventSource)).toEqual([
      'qbusiness.amazonaws.com',
    ]);
    // In the playbook's data-event list only: falls back to every entry of that name.
    expect(catalog.resolvePlaybookName('ListDocuments')?.entries.map((e) => e.eventSource)).toEqual([
      'qbusiness.amazonaws.com',
    ]);
    expect(catalog.resolvePlaybookName('DescribeEverything')).toBeUndefined();
  });

  it('knows where each service is offered', () => {
    expect(catalog.regionsFor('qbusiness.amazonaws.com')).toEqual(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']);
    expect(catalog.regionsFor('q.amazonaws.com')).toEqual(expect.arrayContaining(['us-east-1', 'eu-central-1', 'il-central-1']));
    expect(catalog.regionsFor('q.amazonaws.com')).not.toContain('cn-north-1');
    expect(catalog.regionsFor('qapps.amazonaws.com')).not.toContain('eu-west-1');
    expect(catalog.regionsFor('codewhisperer.amazonaws.com')).toEqual(['us-east-1', 'eu-central-1']);
    expect(catalog.regionsFor('s3.amazonaws.com')).toBeUndefined();
    for (const source of Q_EVENT_SOURCES) expect(catalog.regionsFor(source)?.length ?? 0).toBeGreaterThan(0);
    expect(catalog.regions.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('bad content is refused with the file named', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of content/catalog with one file rewritten. */
  function copyWith(file: string, edit: (text: string) => string): string {
    dir = mkdtempSync(join(tmpdir(), 'qir-catalog-'));
    cpSync(CATALOG_DIR, dir, { recursive: true });
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return dir;
  }

  it('accepts an unchanged copy', () => {
    expect(createCatalog(readCatalogData(copyWith('regions.yaml', (t) => t))).operations.length).toBeGreaterThan(100);
  });

  it('a category outside the enum', () => {
    const copy = copyWith('operations.json', (t) => t.replace('"category":"index"', '"category":"indexes"'));
    expect(() => readCatalogData(copy)).toThrow(QirError);
    expect(() => readCatalogData(copy)).toThrow(/operations\.json does not match the catalog schema: operations\.\d+\.category/);
  });

  it('a data event without resource types', () => {
    const copy = copyWith('operations.json', (t) => t.replace('"dataEventResourceTypes":["AWS::QBusiness::Application"]', '"dataEventResourceTypes":[]'));
    expect(() => readCatalogData(copy)).toThrow(/non-empty exactly when dataEvent is true/);
  });

  it('an alias to an operation that does not exist', () => {
    const copy = copyWith('playbook-aliases.yaml', (t) => t.replace('[StartDataSourceSyncJob]', '[StartDataSourceSyncJobz]'));
    expect(() => createCatalog(readCatalogData(copy))).toThrow(/StartDataSourceSyncJobz, which the catalog does not have/);
  });

  it('an alias that is a real operation', () => {
    const copy = copyWith('playbook-aliases.yaml', (t) => t.replace('playbookName: GetApplications', 'playbookName: GetApplication'));
    expect(() => createCatalog(readCatalogData(copy))).toThrow(/GetApplication is a real operation/);
  });

  it('a malformed region code', () => {
    const copy = copyWith('regions.yaml', (t) => t.replace('us-west-2, eu-west-1', 'us-west-2, Europe (Ireland)'));
    expect(() => readCatalogData(copy)).toThrow(/regions\.yaml does not match the catalog schema/);
  });

  it('a missing file', () => {
    const copy = copyWith('regions.yaml', (t) => t);
    rmSync(join(copy, 'operations.json'));
    expect(() => readCatalogData(copy)).toThrow(/Cannot read the Amazon Q catalog file .*operations\.json/);
  });
});
