// Answers the playbook's six Analysis questions from the case: runs their canned queries inside the window and
// shapes the rows. The SQL (content/queries/q*) does the finding; this file only names and groups.
import { loadCatalog } from '../../catalog/catalog.js';
import type { InvestigationWindow } from '../../engine/window.js';
import type { CaseStore } from '../../store/case-store.js';
import type { Row } from './load-queries.js';
import { runQuery } from './load-queries.js';
import { QUESTION_QUERIES } from './types.js';
import type {
  ApplicationAccess,
  ApplicationInventory,
  CallByQ,
  ChangeAction,
  ClientFamily,
  FileUpload,
  IdeAccess,
  PluginHow,
  PluginUse,
  Questions,
  ReachedResource,
  ResourceChange,
  UploadVia,
} from './types.js';

export type {
  ApplicationAccess,
  ApplicationCaller,
  ApplicationInventory,
  CallByQ,
  FileUpload,
  IdeAccess,
  PluginUse,
  Questions,
  ReachedResource,
  ResourceChange,
} from './types.js';
export { QUESTION_QUERIES } from './types.js';

/** What CloudTrail writes in place of a value the service keeps secret. */
export const REDACTED = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export async function answerQuestions(store: CaseStore, window: InvestigationWindow = {}): Promise<Questions> {
  const run = (key: keyof typeof QUESTION_QUERIES) => runQuery(store, QUESTION_QUERIES[key], window);
  // One connection: the queries run one after the other.
  const changes = await run('resourcesCreatedDeleted');
  const plugins = await run('pluginsUsed');
  const links = await run('applicationsAccessible');
  const access = await run('applicationsAccessed');
  const files = await run('filesUploaded');
  const ide = await run('ideAccess');
  const calls = await run('callsByQ');
  return {
    resourcesCreatedDeleted: byTime(changes.map(toResourceChange), (c) => c.eventTime),
    pluginsUsed: byTime(plugins.map(toPluginUse), (p) => p.firstSeen),
    applicationsAccessible: toInventories(links),
    applicationsAccessed: toAccesses(access),
    filesUploaded: byTime(files.map(toFileUpload), (f) => f.eventTime),
    ideAccess: byTime(ide.map(toIdeAccess), (i) => i.firstSeen),
    callsByQ: byTime(calls.map(toCallByQ), (c) => c.eventTime),
  };
}

// ── rows → answers ──────────────────────────────────────────────────────────────────────────────────────────

function toResourceChange(r: Row): ResourceChange {
  const eventSource = text(r.eventsource);
  return withRedaction({
    service: eventSource.split('.')[0] ?? eventSource,
    resourceType: text(r.resourcetype),
    resourceId: maybe(r.resourceid),
    resourceName: maybe(r.resourcename),
    action: text(r.action) as ChangeAction,
    eventTime: text(r.eventtime),
    principalArn: text(r.principal),
    person: maybe(r.person),
    sourceIp: maybe(r.sourceipaddress),
    eventId: text(r.eventid),
    eventSource,
    eventName: text(r.eventname),
    failed: r.failed === true,
    errorCode: maybe(r.errorcode),
    amazonQ: loadCatalog().isAmazonQSource(eventSource),
  });
}

function toPluginUse(r: Row): PluginUse {
  return withRedaction({
    applicationId: maybe(r.applicationid),
    pluginId: maybe(r.pluginid),
    name: maybe(r.name),
    type: maybe(r.type),
    serverUrl: maybe(r.serverurl),
    how: text(r.how) as PluginHow,
    // The query lists them in time order: keep it.
    eventIds: [...new Set(strings(r.eventids))],
    eventCount: count(r.events),
    principals: sorted(r.principals),
    people: sorted(r.people),
    firstSeen: text(r.first_seen),
    lastSeen: text(r.last_seen),
    failed: r.failed === true,
    eventSource: text(r.eventsource),
  });
}

const REACHED_TYPES: Readonly<Record<string, ReachedResource['type']>> = {
  'iam-role': 'AWS::IAM::Role',
  's3-bucket': 'AWS::S3::Bucket',
  'kendra-index': 'AWS::Kendra::Index',
};

function toInventories(rows: Row[]): ApplicationInventory[] {
  const apps = new Map<string, ApplicationInventory>();
  for (const r of rows) {
    const applicationId = text(r.applicationid);
    let app = apps.get(applicationId);
    if (!app) {
      app = {
        applicationId,
        indexes: [],
        retrievers: [],
        dataSources: [],
        plugins: [],
        webExperiences: [],
        awsResourcesReachedByQ: [],
        externalEndpoints: [],
        eventCount: 0,
        firstSeen: text(r.first_seen),
        lastSeen: text(r.last_seen),
      };
      apps.set(applicationId, app);
    }
    const id = text(r.id);
    const kind = text(r.kind);
    const lists: Record<string, string[]> = {
      index: app.indexes,
      retriever: app.retrievers,
      'data-source': app.dataSources,
      plugin: app.plugins,
      'web-experience': app.webExperiences,
      endpoint: app.externalEndpoints,
    };
    const reached = REACHED_TYPES[kind];
    if (kind === 'application') {
      app.eventCount = count(r.events);
      app.firstSeen = text(r.first_seen);
      app.lastSeen = text(r.last_seen);
    } else if (reached) {
      app.awsResourcesReachedByQ.push({ type: reached, id, eventId: text(r.first_eventid) });
    } else {
      lists[kind]?.push(id);
    }
  }
  return [...apps.values()].sort((a, b) => a.applicationId.localeCompare(b.applicationId));
}

function toAccesses(rows: Row[]): ApplicationAccess[] {
  const apps = new Map<string, ApplicationAccess>();
  for (const r of rows) {
    const applicationId = text(r.applicationid);
    const caller = {
      principalArn: text(r.principal),
      person: maybe(r.person),
      eventCount: count(r.events),
      failedCount: count(r.failed),
      firstSeen: text(r.first_seen),
      lastSeen: text(r.last_seen),
      eventNames: sorted(r.eventnames),
      sourceIps: sorted(r.sourceips),
      firstEventId: text(r.first_eventid),
    };
    const app = apps.get(applicationId) ?? {
      applicationId,
      principals: [],
      people: [],
      eventCount: 0,
      failedCount: 0,
      firstSeen: caller.firstSeen,
      lastSeen: caller.lastSeen,
      callers: [],
    };
    app.callers.push(caller);
    app.eventCount += caller.eventCount;
    app.failedCount += caller.failedCount;
    if (Date.parse(caller.firstSeen) < Date.parse(app.firstSeen)) app.firstSeen = caller.firstSeen;
    if (Date.parse(caller.lastSeen) > Date.parse(app.lastSeen)) app.lastSeen = caller.lastSeen;
    apps.set(applicationId, app);
  }
  return [...apps.values()]
    .map((app) => ({
      ...app,
      principals: sorted(app.callers.map((c) => c.principalArn)),
      people: sorted(app.callers.map((c) => c.person)),
      callers: byTime(app.callers, (c) => c.firstSeen),
    }))
    .sort((a, b) => a.applicationId.localeCompare(b.applicationId));
}

function toFileUpload(r: Row): FileUpload {
  return withRedaction({
    applicationId: maybe(r.applicationid),
    indexId: maybe(r.indexid),
    documentId: maybe(r.documentid),
    name: maybe(r.name),
    contentType: maybe(r.contenttype),
    via: text(r.via) as UploadVia,
    source: maybe(r.source),
    detail: maybe(r.detail),
    eventTime: text(r.eventtime),
    principalArn: text(r.principal),
    person: maybe(r.person),
    sourceIp: maybe(r.sourceipaddress),
    eventId: text(r.eventid),
    failed: r.failed === true,
    errorCode: maybe(r.errorcode),
  });
}

function toIdeAccess(r: Row): IdeAccess {
  return {
    principalArn: text(r.principal),
    person: maybe(r.person),
    client: text(r.client) as ClientFamily,
    ide: r.ide === true,
    clientTokens: sorted(r.clienttokens),
    eventCount: count(r.events),
    failedCount: count(r.failed),
    firstSeen: text(r.first_seen),
    lastSeen: text(r.last_seen),
    sourceIps: sorted(r.sourceips),
    eventNames: sorted(r.eventnames),
    profiles: sorted(r.profiles),
    firstEventId: text(r.first_eventid),
  };
}

function toCallByQ(r: Row): CallByQ {
  return {
    principalArn: text(r.principal),
    person: maybe(r.person),
    eventSource: text(r.eventsource),
    eventName: text(r.eventname),
    eventId: text(r.eventid),
    eventTime: text(r.eventtime),
    region: maybe(r.awsregion),
    invokedBy: text(r.invokedby),
    failed: maybe(r.errorcode) !== null,
    errorCode: maybe(r.errorcode),
    accessKeyId: maybe(r.accesskeyid),
    requestParameters: maybe(r.requestparameters),
  };
}

// ── values ──────────────────────────────────────────────────────────────────────────────────────────────────

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const maybe = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const count = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is NonNullable<unknown> => x !== null && x !== undefined && x !== '').map(String) : [];
const sorted = (v: unknown): string[] => [...new Set(strings(v))].sort();

/** Stable order by an ISO-8601 time (the engines' own order may differ for equal times). */
function byTime<T>(items: T[], time: (item: T) => string): T[] {
  return items
    .map((item, i) => ({ item, i, t: Date.parse(time(item)) }))
    .sort((a, b) => (a.t === b.t ? a.i - b.i : a.t - b.t))
    .map((x) => x.item);
}

/** Marks an answer whose values include a redacted one; the value itself stays as the service wrote it. */
function withRedaction<T extends object>(item: T): T & { redacted?: true } {
  return Object.values(item).some((v) => v === REDACTED) ? { ...item, redacted: true } : item;
}
