// What the evidence covers (accounts, regions, time, management and data events, Amazon Q's share) and, for each of
// the playbook's Analysis questions, why its answer may be incomplete: data events the trail did not select, or a
// change to what CloudTrail records inside the window.
import { loadCatalog } from '../../catalog/catalog.js';
import type { InvestigationWindow } from '../../engine/window.js';
import type { CaseStore } from '../../store/case-store.js';
import type { Row } from './load-queries.js';
import { runQuery } from './load-queries.js';

export type QuestionNumber = 1 | 2 | 3 | 4 | 5 | 6;

/** The Amazon Q services, as coverage tells them apart. */
export type QService = 'qbusiness' | 'qapps' | 'qdeveloper';

export interface CoverageGap {
  question: QuestionNumber;
  reason: string;
  /** Whose events are missing: one Q service, all of Amazon Q, or everything after a CloudTrail change. */
  service: QService | 'amazon-q' | 'cloudtrail';
  /** The operations whose events the answer needs and the evidence lacks. */
  operations?: string[];
  /** The resources.type values a trail's advanced event selectors must select to record them. */
  resourceTypes?: string[];
  /** The event that caused the gap (a CloudTrail change). */
  eventId?: string;
  since?: string;
}

export interface LoggingChange {
  eventId: string;
  eventTime: string;
  eventName: string;
  region: string | null;
  trail: string | null;
  /** 'all': logging stopped or the trail deleted; 'amazon-q-data': new selectors select no Amazon Q data events. */
  drops: 'all' | 'amazon-q-data' | null;
  principalArn: string;
}

export interface Coverage {
  accounts: string[];
  regions: string[];
  timeRange: { first: string; last: string } | null;
  events: number;
  managementEvents: number;
  dataEvents: number;
  /** Insight and network activity events. */
  otherEvents: number;
  amazonQ: {
    events: number;
    managementEvents: number;
    dataEvents: number;
    /** Events per Amazon Q event source, management and data. */
    eventSources: Record<string, { managementEvents: number; dataEvents: number }>;
    /** Amazon Q data events per resources.type ('(none)' for data events naming no resource). */
    dataEventsByResourceType: Record<string, number>;
  };
  /** All data events per resources.type, Amazon Q or not. */
  dataEventsByResourceType: Record<string, number>;
  loggingChanges: LoggingChange[];
  gaps: CoverageGap[];
}

export async function coverage(store: CaseStore, window: InvestigationWindow = {}): Promise<Coverage> {
  const events = await runQuery(store, 'coverage-events', window);
  const resources = await runQuery(store, 'coverage-data-resources', window);
  const changes = (await runQuery(store, 'coverage-logging-changes', window)).map(toLoggingChange);
  const catalog = loadCatalog();
  const isQ = (source: string) => catalog.isAmazonQSource(source);

  const accounts = new Set<string>();
  const regions = new Set<string>();
  let first: string | undefined;
  let last: string | undefined;
  const totals = { events: 0, management: 0, data: 0, other: 0 };
  const q = { events: 0, management: 0, data: 0 };
  const qSources: Coverage['amazonQ']['eventSources'] = {};
  const bySource = new Map<string, { management: number; data: number }>();
  for (const r of events) {
    const n = Number(r.events);
    const source = String(r.eventsource);
    const category = String(r.category);
    if (r.account) accounts.add(String(r.account));
    if (r.region) regions.add(String(r.region));
    if (!first || Date.parse(String(r.first_seen)) < Date.parse(first)) first = String(r.first_seen);
    if (!last || Date.parse(String(r.last_seen)) > Date.parse(last)) last = String(r.last_seen);
    totals.events += n;
    const kind = category === 'Management' ? 'management' : category === 'Data' ? 'data' : 'other';
    totals[kind] += n;
    const s = bySource.get(source) ?? { management: 0, data: 0 };
    if (kind !== 'other') s[kind] += n;
    bySource.set(source, s);
    if (isQ(source)) {
      q.events += n;
      if (kind !== 'other') q[kind] += n;
      const entry = (qSources[source] ??= { managementEvents: 0, dataEvents: 0 });
      if (kind === 'management') entry.managementEvents += n;
      if (kind === 'data') entry.dataEvents += n;
    }
  }

  const allTypes: Record<string, number> = {};
  const qTypes: Record<string, number> = {};
  for (const r of resources) {
    const type = r.resourcetype ? String(r.resourcetype) : '(none)';
    const n = Number(r.events);
    allTypes[type] = (allTypes[type] ?? 0) + n;
    if (isQ(String(r.eventsource)) || Q_RESOURCE_TYPE.test(type)) qTypes[type] = (qTypes[type] ?? 0) + n;
  }

  const count = (sources: readonly string[], kind: 'management' | 'data') =>
    sources.reduce((sum, s) => sum + (bySource.get(s)?.[kind] ?? 0), 0);
  const gaps = [
    ...(q.events === 0
      ? noAmazonQGaps()
      : SERVICES.flatMap((s) =>
          serviceGaps(s, {
            management: count(s.eventSources, 'management'),
            data: count(s.eventSources, 'data'),
            related: count(s.relatedSources, 'management') + count(s.relatedSources, 'data'),
          }),
        )),
    ...changes.flatMap(loggingGaps),
  ].sort((a, b) => a.question - b.question);

  return {
    accounts: [...accounts].sort(),
    regions: [...regions].sort(),
    timeRange: first && last ? { first, last } : null,
    events: totals.events,
    managementEvents: totals.management,
    dataEvents: totals.data,
    otherEvents: totals.other,
    amazonQ: {
      events: q.events,
      managementEvents: q.management,
      dataEvents: q.data,
      eventSources: qSources,
      dataEventsByResourceType: qTypes,
    },
    dataEventsByResourceType: allTypes,
    loggingChanges: changes,
    gaps,
  };
}

const Q_RESOURCE_TYPE = /^AWS::(QBusiness|QApps|CodeWhisperer|QDeveloper)::/;

// ── which data events each question needs, per Amazon Q service ────────────────────────────────────────────

interface QuestionNeed {
  question: QuestionNumber;
  /** What the answer misses, in words. */
  what: string;
  operations: readonly string[];
}

interface ServiceNeeds {
  service: QService;
  name: string;
  eventSources: readonly string[];
  resourceTypes: readonly string[];
  needs: readonly QuestionNeed[];
  /** Report this service's gaps even when it left no event at all (else only when a related service did). */
  always: boolean;
  relatedSources: readonly string[];
}

/**
 * The data events each question needs. Q Business and Q Apps operations are the catalog's documented data events
 * (the test checks it); Q Developer's IDE operations are data events on AWS::CodeWhisperer::Profile / ::Customization.
 */
export const SERVICES: readonly ServiceNeeds[] = [
  {
    service: 'qbusiness',
    name: 'Amazon Q Business',
    eventSources: ['qbusiness.amazonaws.com'],
    resourceTypes: ['AWS::QBusiness::Application', 'AWS::QBusiness::Index', 'AWS::QBusiness::DataSource'],
    always: true,
    relatedSources: [],
    needs: [
      {
        question: 1,
        what: 'documents put into or deleted from indexes, Q Business users and groups changed, and conversations started or deleted',
        operations: ['BatchPutDocument', 'BatchDeleteDocument', 'CreateUser', 'UpdateUser', 'DeleteUser', 'PutGroup', 'DeleteGroup', 'ChatSync', 'DeleteConversation'],
      },
      { question: 2, what: 'plugin invocations (chats in PLUGIN_MODE)', operations: ['ChatSync', 'Chat'] },
      {
        question: 3,
        what: 'data sources, indexes and plugins seen only through their use (sync jobs, documents, chats)',
        operations: ['StartDataSourceSyncJob', 'StopDataSourceSyncJob', 'ListDataSourceSyncJobs', 'BatchPutDocument', 'ChatSync'],
      },
      {
        question: 4,
        what: 'who used each application: chats, conversations, messages, feedback and documents',
        operations: ['ChatSync', 'Chat', 'ListConversations', 'ListMessages', 'DeleteConversation', 'PutFeedback', 'BatchPutDocument', 'ListDocuments'],
      },
      { question: 5, what: 'documents put into indexes and files attached to chats', operations: ['BatchPutDocument', 'ChatSync', 'Chat'] },
    ],
  },
  {
    service: 'qapps',
    name: 'Amazon Q Apps',
    eventSources: ['qapps.amazonaws.com'],
    resourceTypes: ['AWS::QApps::QApp'],
    always: false,
    relatedSources: ['qbusiness.amazonaws.com'],
    needs: [
      { question: 1, what: 'Q Apps created, copied, changed or deleted', operations: ['CreateQApp', 'CopyQApp', 'UpdateQApp', 'DeleteQApp'] },
      { question: 4, what: 'who used Q Apps', operations: ['StartQAppSession', 'GetQApp', 'ListQApps', 'UpdateQAppSession'] },
      {
        question: 5,
        what: 'files imported into Q Apps',
        operations: ['ImportDocument', 'ImportDocumentToQApp', 'ImportDocumentToQAppSession'],
      },
    ],
  },
  {
    service: 'qdeveloper',
    name: 'Amazon Q Developer',
    eventSources: ['codewhisperer.amazonaws.com', 'qdeveloper.amazonaws.com'],
    resourceTypes: ['AWS::CodeWhisperer::Profile', 'AWS::CodeWhisperer::Customization'],
    always: true,
    relatedSources: ['q.amazonaws.com'],
    needs: [
      { question: 1, what: 'code transformations started', operations: ['StartTransformation', 'StopTransformation'] },
      { question: 5, what: 'code uploaded for transformations, reviews and tests', operations: ['CreateUploadUrl'] },
      {
        question: 6,
        what: 'IDE and CLI use: completions, chat, customizations, transformations',
        operations: ['GenerateCompletions', 'SendMessage', 'GenerateAssistantResponse', 'ListAvailableProfiles', 'ListAvailableCustomizations', 'StartTransformation', 'CreateUploadUrl'],
      },
    ],
  },
];

/** The gaps of one service, from its management and data event counts and those of the services it goes with. */
function serviceGaps(s: ServiceNeeds, { management, data, related }: { management: number; data: number; related: number }): CoverageGap[] {
  if (data > 0) return [];
  if (!s.always && management === 0 && related === 0) return [];
  const types = s.resourceTypes.join(', ');
  return s.needs.map((need) => {
    const ops = need.operations.join(', ');
    const reason =
      management > 0
        ? `${s.name}: the evidence holds ${management} management event(s) but no data events, so the trail did not ` +
          `select them. ${cap(need.what)} are data events (${ops}): the answer may be incomplete until the trail's ` +
          `advanced event selectors select resources.type ${types} and those events are collected.`
        : `${s.name}: the evidence holds no ${s.name} data events. Either it was not used here, or its events were not ` +
          `collected: ${need.what} are data events (${ops}), which a trail records only when its advanced event ` +
          `selectors select resources.type ${types}.`;
    return { question: need.question, reason, service: s.service, operations: [...need.operations], resourceTypes: [...s.resourceTypes] };
  });
}

function noAmazonQGaps(): CoverageGap[] {
  const sources = loadCatalog().qEventSources.join(', ');
  return ([1, 2, 3, 4, 5, 6] as const).map((question) => {
    const needs = SERVICES.flatMap((s) => s.needs.filter((n) => n.question === question));
    const operations = [...new Set(needs.flatMap((n) => n.operations))];
    const resourceTypes = [...new Set(SERVICES.filter((s) => s.needs.some((n) => n.question === question)).flatMap((s) => s.resourceTypes))];
    const partial = question === 1 ? ' IAM and CloudTrail changes are still listed from management events.' : '';
    const data =
      operations.length > 0
        ? ` The Amazon Q data events it needs (${operations.join(', ')}) are recorded only when a trail's advanced event ` +
          `selectors select resources.type ${resourceTypes.join(', ')}.`
        : '';
    return {
      question,
      reason:
        `No Amazon Q events (${sources}) in the evidence: this question cannot be answered from Amazon Q events, ` +
        `management or data.${partial}${data}`,
      service: 'amazon-q' as const,
      ...(operations.length > 0 ? { operations, resourceTypes } : {}),
    };
  });
}

function loggingGaps(c: LoggingChange): CoverageGap[] {
  if (!c.drops) return [];
  const what = `${c.eventName} of ${c.trail ?? 'a trail'} at ${c.eventTime} by ${c.principalArn} (event ${c.eventId})`;
  if (c.drops === 'all') {
    return ([1, 2, 3, 4, 5, 6] as const).map((question) => ({
      question,
      reason: `CloudTrail logging was stopped or removed (${what}): events after it are missing from the evidence unless another trail recorded them.`,
      service: 'cloudtrail' as const,
      eventId: c.eventId,
      since: c.eventTime,
    }));
  }
  return ([1, 2, 4, 5, 6] as const).map((question) => ({
    question,
    reason:
      `The trail's event selectors were replaced (${what}) with selectors that select no Amazon Q data events: ` +
      'Q Business chats, documents and conversations, Q Apps and Q Developer IDE use after it are not in the evidence.',
    service: 'cloudtrail' as const,
    eventId: c.eventId,
    since: c.eventTime,
  }));
}

function toLoggingChange(r: Row): LoggingChange {
  const drops = r.drops === 'all' || r.drops === 'amazon-q-data' ? r.drops : null;
  return {
    eventId: String(r.eventid),
    eventTime: String(r.eventtime),
    eventName: String(r.eventname),
    region: r.awsregion ? String(r.awsregion) : null,
    trail: r.trail ? String(r.trail) : null,
    drops,
    principalArn: String(r.principal),
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
