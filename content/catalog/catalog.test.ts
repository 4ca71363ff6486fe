// The catalog's content against its sources: the generator, the shared reference, the playbook, the AWS doc samples.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCatalog,
  deriveOperations,
  loadAliases,
  loadSemantics,
  mergeCatalog,
  serializeCatalog,
} from '../../scripts/generate-catalog.js';
import type { DerivedOperations, Semantics } from '../../scripts/generate-catalog.js';
import { CATEGORIES, loadCatalog } from '../../src/catalog/catalog.js';
import type { OperationEntry, OperationsFile } from '../../src/catalog/catalog.js';

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const SHARED = here('../../../shared/');
const OPERATIONS_JSON = here('./operations.json');

const catalog = loadCatalog();
const semantics = loadSemantics();
const key = (e: { eventSource: string; operation: string }): string => `${e.eventSource} ${e.operation}`;

describe('operations.json is what the generator makes from the installed packages', () => {
  let built: OperationsFile;
  let derived: DerivedOperations;
  beforeAll(async () => {
    built = await buildCatalog();
    derived = await deriveOperations(semantics.eventSources.map((e) => e.iamPrefix));
  });

  it('has the same operations, fields and package versions', () => {
    const committed = JSON.parse(readFileSync(OPERATIONS_JSON, 'utf8')) as OperationsFile;
    expect(committed).toEqual(built);
  });

  it('has the same text (regenerate with: npx tsx scripts/generate-catalog.ts)', () => {
    expect(readFileSync(OPERATIONS_JSON, 'utf8')).toBe(serializeCatalog(built));
  });

  it('takes every Q Business SDK command and every IAM action of the five prefixes', () => {
    for (const op of derived.sdkOperations['@aws-sdk/client-qbusiness'] ?? []) {
      expect(catalog.lookup('qbusiness.amazonaws.com', op)?.sources).toContain('@aws-sdk/client-qbusiness');
    }
    for (const es of semantics.eventSources) {
      for (const action of derived.iamActions[es.iamPrefix] ?? []) {
        const entry = catalog.lookup(es.eventSource, action.name);
        expect(entry?.iamAction).toBe(`${es.iamPrefix}:${action.name}`);
        expect(entry?.iamAccessLevel).toBe(action.accessLevel);
      }
    }
    expect(derived.sdkOperations['@aws-sdk/client-qbusiness']?.length).toBeGreaterThan(80);
  });

  it('refuses a new operation that no rule categorises', () => {
    const withNew: DerivedOperations = {
      ...derived,
      iamActions: { ...derived.iamActions, q: [...(derived.iamActions.q ?? []), { name: 'FrobnicateWidget', accessLevel: 'Write' }] },
    };
    expect(() => mergeCatalog(withNew, semantics, loadAliases())).toThrow(/no rule for:[\s\S]*q\.amazonaws\.com FrobnicateWidget \(category\)/);
  });

  it('refuses an override that repeats what the rules give', () => {
    const noisy: Semantics = {
      ...semantics,
      categoryOverrides: [
        { eventSource: 'qbusiness.amazonaws.com', operation: 'CreateIndex', category: 'index', reason: 'test' },
      ],
    };
    expect(() => mergeCatalog(derived, noisy, loadAliases())).toThrow(/equals what the rules give/);
  });

  it('refuses a playbook section whose category disagrees with the catalog', () => {
    const [first, ...rest] = semantics.playbook.eventNames;
    const wrong: Semantics = {
      ...semantics,
      playbook: { ...semantics.playbook, eventNames: [{ ...first!, category: 'plugins' }, ...rest] },
    };
    expect(() => mergeCatalog(derived, wrong, loadAliases())).toThrow(/lists it under "General Permissions"/);
  });
});

interface ReferenceEntry {
  eventSource: string;
  operation: string;
  kind: string;
  dataEvent: boolean | 'unknown';
  dataEventResourceTypes?: string[];
  iamAccessLevel?: string;
}

describe('cross-check with ../shared/reference/amazon-q-operations.json', () => {
  const reference = JSON.parse(
    readFileSync(`${SHARED}reference/amazon-q-operations.json`, 'utf8'),
  ) as ReferenceEntry[];
  const exceptions = semantics.referenceExceptions;
  const missingExcepted = new Set(
    exceptions.missing.flatMap((m) => m.operations.map((operation) => key({ eventSource: m.eventSource, operation }))),
  );

  it('the reference is the file we think it is', () => {
    expect(reference.length).toBe(260);
  });

  it('every reference operation is in the catalog, or excepted with a reason', () => {
    const missing = reference.filter((r) => !catalog.lookup(r.eventSource, r.operation)).map(key).sort();
    expect(missing).toEqual([...missingExcepted].sort());
  });

  it('kinds agree, except where semantics.yaml says why', () => {
    const disagreements = reference.flatMap((r) => {
      const ours = catalog.lookup(r.eventSource, r.operation);
      return ours && ours.kind !== r.kind
        ? [{ eventSource: r.eventSource, operation: r.operation, ours: ours.kind, reference: r.kind }]
        : [];
    });
    expect(disagreements).toEqual(
      exceptions.kind.map(({ eventSource, operation, ours, reference: ref }) => ({
        eventSource,
        operation,
        ours,
        reference: ref,
      })),
    );
  });

  it('data-event status and resource types agree, except where semantics.yaml says why', () => {
    const disagreements = reference.flatMap((r) => {
      const ours = catalog.lookup(r.eventSource, r.operation);
      return ours && ours.dataEvent !== r.dataEvent
        ? [{ eventSource: r.eventSource, operation: r.operation, ours: ours.dataEvent, reference: r.dataEvent }]
        : [];
    });
    expect(disagreements).toEqual(
      exceptions.dataEvent.map(({ eventSource, operation, ours, reference: ref }) => ({
        eventSource,
        operation,
        ours,
        reference: ref,
      })),
    );
    for (const r of reference.filter((x) => x.dataEvent === true)) {
      expect([...(catalog.lookup(r.eventSource, r.operation)?.dataEventResourceTypes ?? [])], key(r)).toEqual(
        [...(r.dataEventResourceTypes ?? [])].sort(),
      );
    }
  });

  it('IAM access levels agree wherever both have one', () => {
    for (const r of reference) {
      const ours = catalog.lookup(r.eventSource, r.operation);
      if (ours?.iamAccessLevel && r.iamAccessLevel) expect(ours.iamAccessLevel, key(r)).toBe(r.iamAccessLevel);
    }
  });
});

/** The playbook's Event Names table, its "most common" list and its data-event lists, read from the markdown. */
function parsePlaybook(md: string) {
  const between = (text: string, start: string, end: string): string => {
    const from = text.indexOf(start);
    const to = text.indexOf(end, from + start.length);
    if (from < 0 || to < 0) throw new Error(`playbook: cannot find "${start}" … "${end}"`);
    return text.slice(from + start.length, to);
  };
  const eventNames = between(md, '### Event Names', '### Data plane events in CloudTrail');
  const ordinary = [...between(eventNames, 'most common', '| **Event Names**').matchAll(/^\* `(\w+)`/gm)].map(
    (m) => m[1]!,
  );
  const sections: { section: string; names: string[] }[] = [];
  for (const line of eventNames.split('\n')) {
    const heading = /^\|\s*\*\*\*(.+?)\s*\*\*\*\s*\|/.exec(line);
    if (heading) sections.push({ section: heading[1]!, names: [] });
    const name = /^\|\s*`(\w+)`\s*\|/.exec(line);
    if (name) sections.at(-1)!.names.push(name[1]!);
  }
  const dataTables: { resourceType: string; names: string[] }[] = [];
  for (const line of between(md, '### Data plane events in CloudTrail', '### Analysis').split('\n')) {
    const heading = /^\*\*.+?\*\*:\s*(AWS::\S+)/.exec(line);
    if (heading) dataTables.push({ resourceType: heading[1]!, names: [] });
    const name = /^\* (\w+)\s*$/.exec(line);
    if (name) dataTables.at(-1)!.names.push(name[1]!);
  }
  return { ordinary, sections, dataTables };
}

describe('the playbook (../shared/playbook/Amazon_Q.md)', () => {
  const playbook = parsePlaybook(readFileSync(`${SHARED}playbook/Amazon_Q.md`, 'utf8'));
  const tableNames = playbook.sections.flatMap((s) => s.names);
  const dataNames = playbook.dataTables.flatMap((t) => t.names);

  it('is transcribed faithfully in semantics.yaml', () => {
    expect(tableNames.length).toBeGreaterThan(40);
    expect(semantics.playbook.eventNames.map(({ section, names }) => ({ section, names }))).toEqual(playbook.sections);
    expect(semantics.playbook.ordinary).toEqual(playbook.ordinary);
    expect(semantics.playbook.dataEvents.tables).toEqual(playbook.dataTables);
  });

  it('every event name and data-event name resolves, directly or through an alias', () => {
    for (const name of [...tableNames, ...playbook.ordinary, ...dataNames]) {
      const resolved = catalog.resolvePlaybookName(name);
      expect(resolved, name).toBeDefined();
      expect(resolved!.entries.length, name).toBeGreaterThan(0);
    }
  });

  it('needs an alias exactly for the names that are not real operations', () => {
    const everyName = new Set([...tableNames, ...playbook.ordinary, ...dataNames]);
    const notReal = [...everyName].filter((n) => !catalog.operations.some((e) => e.operation === n)).sort();
    expect(notReal).toEqual(['GetApplications', 'StartDataSourceSyncJobs', 'StopDataSourceSyncJobs']);
    expect(catalog.aliases.map((a) => a.playbookName).sort()).toEqual(notReal);
    expect(catalog.resolvePlaybookName('GetApplications')?.entries.map((e) => e.operation)).toEqual([
      'ListApplications',
      'GetApplication',
    ]);
  });

  it('marks the table names playbookListed and the "most common" names ordinary', () => {
    const listed = new Set(tableNames.flatMap((n) => catalog.resolvePlaybookName(n)!.entries.map(key)));
    expect(new Set(catalog.operations.filter((e) => e.playbookListed).map(key))).toEqual(listed);
    const ordinary = new Set(playbook.ordinary.flatMap((n) => catalog.resolvePlaybookName(n)!.entries.map(key)));
    expect(new Set(catalog.operations.filter((e) => e.ordinary).map(key))).toEqual(ordinary);
    expect([...ordinary].sort()).toEqual([
      'q.amazonaws.com GetConversation',
      'q.amazonaws.com StartConversation',
      'qbusiness.amazonaws.com GetApplication',
      'qbusiness.amazonaws.com GetIndex',
      'qbusiness.amazonaws.com ListApplications',
      'qbusiness.amazonaws.com ListRetrievers',
    ]);
  });
});

describe('data events', () => {
  const playbook = parsePlaybook(readFileSync(`${SHARED}playbook/Amazon_Q.md`, 'utf8'));

  it('every operation the playbook lists as a data event is one, with that resource type', () => {
    for (const table of playbook.dataTables) {
      for (const name of table.names) {
        for (const entry of catalog.resolvePlaybookName(name)!.entries) {
          expect(entry.dataEvent, `${name} ${table.resourceType}`).toBe(true);
          expect(entry.dataEventResourceTypes, name).toContain(table.resourceType);
          expect(entry.eventSource).toBe('qbusiness.amazonaws.com');
        }
      }
    }
  });

  it('Q Business data events are exactly the documented table (the playbook plus Chat)', () => {
    const byType = (t: string) =>
      catalog
        .dataEventOperations(t)
        .filter((e) => e.eventSource === 'qbusiness.amazonaws.com')
        .map((e) => e.operation)
        .sort();
    const fromPlaybook = (t: string) => playbook.dataTables.find((x) => x.resourceType === t)!.names.slice().sort();
    expect(byType('AWS::QBusiness::Application')).toEqual([...fromPlaybook('AWS::QBusiness::Application'), 'Chat'].sort());
    expect(byType('AWS::QBusiness::DataSource')).toEqual(fromPlaybook('AWS::QBusiness::DataSource'));
    expect(byType('AWS::QBusiness::Index')).toEqual(fromPlaybook('AWS::QBusiness::Index'));
  });

  it('the AWS doc sample records marked managementEvent are not data events in the catalog', () => {
    const dir = `${SHARED}data/q-doc-samples/`;
    const seen: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      // Some samples are invalid JSON as published (see q-doc-samples.SOURCES.txt): read the fields by pattern.
      const text = readFileSync(dir + file, 'utf8');
      const field = (name: string): string | undefined =>
        new RegExp(`"${name}"\\s*:\\s*"?([^",}]+)"?`).exec(text)?.[1]?.replace(/[{}]/g, '').trim();
      const eventSource = field('eventSource')!;
      const eventName = field('eventName')!;
      if (!catalog.isAmazonQSource(eventSource)) continue;
      const entry = catalog.lookup(eventSource, eventName);
      expect(entry, `${eventSource} ${eventName}`).toBeDefined();
      if (field('managementEvent') === 'true') expect(entry!.dataEvent, eventName).toBe(false);
      seen.push(eventName);
    }
    expect(seen).toEqual(expect.arrayContaining(['SendMessage', 'PassRequest', 'CreateApplication', 'GetLibraryItem']));
    expect(catalog.lookup('q.amazonaws.com', 'SendMessage')?.dataEventBasis).toBe('doc-sample-management');
    expect(catalog.lookup('q.amazonaws.com', 'PassRequest')?.dataEventBasis).toBe('doc-sample-management');
  });
});

describe('every entry', () => {
  it('has a category from the closed enum, and every playbook category is used', () => {
    const allowed = new Set<string>(CATEGORIES);
    const bad = catalog.operations.filter((e: OperationEntry) => !allowed.has(e.category)).map(key);
    expect(bad).toEqual([]);
    const used = new Set(catalog.operations.map((e) => e.category));
    for (const section of semantics.playbook.eventNames) expect(used.has(section.category)).toBe(true);
  });

  it('is unconfirmed exactly when its event source is assumed or only the streaming client names it', () => {
    for (const e of catalog.operations) {
      const expected =
        e.eventSource !== 'qdeveloper.amazonaws.com' &&
        !(e.sources.length === 1 && e.sources[0] === '@aws/codewhisperer-streaming-client');
      expect(e.eventSourceConfirmed, key(e)).toBe(expected);
    }
  });
});
