// The investigate use case: the playbook's detection and analysis over a case, stored as a run.
import { randomUUID } from 'node:crypto';
import { analysePrincipals } from '../../analysis/principals.js';
import type { PrincipalVerdict } from '../../analysis/principals.js';
import { determineOutcomes } from '../../analysis/outcomes.js';
import type { Outcomes } from '../../analysis/outcomes.js';
import { isAmazonQSql } from '../../analysis/q-sources.js';
import type { Questions } from '../../analysis/questions/answer-questions.js';
import { answerQuestions } from '../../analysis/questions/answer-questions.js';
import type { Coverage } from '../../analysis/questions/coverage.js';
import { coverage as measureCoverage } from '../../analysis/questions/coverage.js';
import type { Finding, RuleError } from '../../analysis/run-rules.js';
import { runRules } from '../../analysis/run-rules.js';
import type { UnrecognizedEvent } from '../../analysis/unrecognized.js';
import { findUnrecognized } from '../../analysis/unrecognized.js';
import { resolveWindow } from '../../analysis/window-spec.js';
import { personSql, principalSql } from '../../analysis/principal.js';
import { QirError } from '../../core/errors.js';
import type { InvestigationWindow } from '../../engine/window.js';
import { scopeToWindow } from '../../engine/window.js';
import { loadRules } from '../../rules/load-rules.js';
import type { CaseStore } from '../../store/case-store.js';
import { openCase } from '../../store/case-store.js';
import { writeReports } from '../report/report.js';

export const SCHEMA_VERSION = 1;

export interface InvestigationDocument {
  schemaVersion: number;
  runId: string;
  createdAt: string;
  case: string;
  window: { start: string | null; end: string | null };
  counts: { events: number; amazonQEvents: number; baselineEvents: number };
  coverage: Coverage;
  principals: PrincipalVerdict[];
  findings: Finding[];
  unrecognized: UnrecognizedEvent[];
  questions: Questions;
  outcomes: Outcomes;
  /** Events over time in the window, for charts: counts per bucket of `bucketSeconds`. */
  activity: { bucketSeconds: number; buckets: Array<{ start: string; events: number; amazonQ: number; errors: number }> };
  /** The suspicious principals' events, oldest first (at most TIMELINE_LIMIT; `timelineTruncated` says so). */
  timeline: TimelineEvent[];
  timelineTruncated: boolean;
  ruleErrors: RuleError[];
  /** The Markdown and HTML reports written into the case's reports/ folder for this run. */
  reports?: { markdown: string; html: string };
}

export interface TimelineEvent {
  eventTime: string;
  eventId: string;
  principalArn: string;
  person: string | null;
  eventSource: string;
  eventName: string;
  awsRegion: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  readOnly: string | null;
}

export const TIMELINE_LIMIT = 5000;

export interface InvestigateOptions {
  caseDir: string;
  since?: string;
  until?: string;
  waitSeconds?: number;
}

export async function investigate(opts: InvestigateOptions): Promise<InvestigationDocument> {
  const store = await openCase(opts.caseDir, { waitSeconds: opts.waitSeconds, command: 'qir investigate' });
  try {
    const doc = await investigateStore(store, opts);
    doc.reports = await writeReports(store, doc, store.dir);
    await store.run(`INSERT INTO investigations VALUES ($1, $2, $3)`, [doc.runId, doc.createdAt, JSON.stringify(doc)]);
    return doc;
  } finally {
    store.close();
  }
}

/** The investigation itself, on an open store (used by the demo and tests on in-memory stores too). */
export async function investigateStore(store: CaseStore, opts: { since?: string; until?: string; case?: string } = {}): Promise<InvestigationDocument> {
  const [range] = await store.all<{ newest: string | null; n: bigint }>(`SELECT max(eventtime) AS newest, count(*) AS n FROM cloudtrail`);
  if (!range || Number(range.n) === 0) {
    throw new QirError('NOTHING_TO_DO', 'the case holds no events: run `qir ingest PATH --case DIR` first');
  }
  const window = resolveWindow({ since: opts.since, until: opts.until }, range.newest);
  const [counts] = await store.all<{ events: bigint; q: bigint }>(
    scopeToWindow(`SELECT count(*) AS events, count_if(${isAmazonQSql('c')}) AS q FROM cloudtrail c`, window),
  );
  const [baseline] = window.start
    ? await store.all<{ n: bigint }>(scopeToWindow(`SELECT count(*) AS n FROM cloudtrail`, { end: window.start }))
    : [{ n: 0n }];
  const { findings, errors } = await runRules(store, loadRules(), window);
  const principals = await analysePrincipals(store, window, findings);
  const withFindings = new Set(findings.map((f) => f.principalArn));
  const suspicious = principals.filter((p) => p.suspicious).map((p) => p.arn);
  const timeline = await suspiciousTimeline(store, window, suspicious);
  const createdAt = new Date().toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: `inv-${createdAt.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`,
    createdAt,
    case: opts.case ?? store.dir,
    window: { start: window.start ?? null, end: window.end ?? null },
    counts: { events: Number(counts?.events ?? 0), amazonQEvents: Number(counts?.q ?? 0), baselineEvents: Number(baseline?.n ?? 0) },
    coverage: await measureCoverage(store, window),
    principals,
    findings,
    unrecognized: await findUnrecognized(store, window, withFindings),
    questions: await answerQuestions(store, window),
    outcomes: determineOutcomes(findings, principals),
    activity: await activityOverTime(store, window),
    timeline: timeline.slice(0, TIMELINE_LIMIT),
    timelineTruncated: timeline.length > TIMELINE_LIMIT,
    ruleErrors: errors,
  };
}

async function activityOverTime(store: CaseStore, window: InvestigationWindow): Promise<InvestigationDocument['activity']> {
  const [span] = await store.all<{ first: string | null; last: string | null }>(
    scopeToWindow(`SELECT min(eventtime) AS first, max(eventtime) AS last FROM cloudtrail`, window),
  );
  if (!span?.first || !span.last) return { bucketSeconds: 3600, buckets: [] };
  const seconds = (Date.parse(span.last) - Date.parse(span.first)) / 1000;
  // About a hundred buckets, on a round size.
  const sizes = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400];
  const bucketSeconds = sizes.find((s) => seconds / s <= 120) ?? 30 * 86_400;
  const rows = await store.all<{ b: number; events: bigint; q: bigint; errors: bigint }>(
    scopeToWindow(
      `SELECT floor(to_unixtime(from_iso8601_timestamp(eventtime)) / ${bucketSeconds}) * ${bucketSeconds} AS b,
              count(*) AS events, count_if(${isAmazonQSql('c')}) AS q, count_if(errorcode IS NOT NULL) AS errors
       FROM cloudtrail c GROUP BY 1 ORDER BY 1`,
      window,
    ),
  );
  return {
    bucketSeconds,
    buckets: rows.map((r) => ({ start: new Date(Number(r.b) * 1000).toISOString(), events: Number(r.events), amazonQ: Number(r.q), errors: Number(r.errors) })),
  };
}

async function suspiciousTimeline(store: CaseStore, window: InvestigationWindow, principals: string[]): Promise<TimelineEvent[]> {
  if (!principals.length) return [];
  const rows = await store.all<Record<keyof typeof TIMELINE_COLUMNS, string | null>>(
    scopeToWindow(
      `SELECT ${Object.keys(TIMELINE_COLUMNS).join(', ')}
       FROM (SELECT c.*, ${principalSql('c')} AS principal, ${personSql('c')} AS person FROM cloudtrail c) e
       WHERE principal IN (${principals.map(sqlString).join(', ')})
       ORDER BY eventtime, eventid
       LIMIT ${TIMELINE_LIMIT + 1}`,
      window,
    ),
  );
  return rows.map((r) => {
    const out: Record<string, string | null> = {};
    for (const [col, field] of Object.entries(TIMELINE_COLUMNS)) out[field] = r[col as keyof typeof TIMELINE_COLUMNS];
    return out as unknown as TimelineEvent;
  });
}

const TIMELINE_COLUMNS = {
  eventtime: 'eventTime',
  eventid: 'eventId',
  principal: 'principalArn',
  person: 'person',
  eventsource: 'eventSource',
  eventname: 'eventName',
  awsregion: 'awsRegion',
  sourceipaddress: 'sourceIp',
  useragent: 'userAgent',
  errorcode: 'errorCode',
  errormessage: 'errorMessage',
  readonly: 'readOnly',
} as const;

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A stored run: the latest by default. */
export async function loadInvestigation(store: CaseStore, runId?: string): Promise<InvestigationDocument> {
  const rows = await store.all<{ document: string }>(
    runId
      ? `SELECT document FROM investigations WHERE run_id = $1`
      : `SELECT document FROM investigations ORDER BY created_at DESC LIMIT 1`,
    runId ? [runId] : [],
  );
  if (!rows[0]) {
    throw new QirError('NOTHING_TO_DO', runId ? `no investigation run ${runId} in this case` : 'no investigation in this case yet: run `qir investigate --case DIR` first');
  }
  return JSON.parse(rows[0].document) as InvestigationDocument;
}
