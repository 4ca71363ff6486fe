// The report's content, worked out once from the investigation document for the Markdown and HTML
// renderers: the playbook's sections filled from the evidence. Values stay raw here (record values are
// hostile); each renderer escapes them for its format.
//
// The questions and coverage parts of the document are read tolerantly (fields named in issue 3, extra
// fields shown as they come), so a report still renders a run stored by an older or newer qir.
import { attackTechnique } from '../analysis/outcomes.js';
import type { PrincipalVerdict } from '../analysis/principals.js';
import type { Finding } from '../analysis/run-rules.js';
import type { TimelineEvent } from '../app/investigate/investigate.js';
import type { Severity } from '../core/severity.js';
import { SEVERITIES, isSeverity, severityRank } from '../core/severity.js';
import type { CaseInfo, CaseNote, InvestigationDocument, RenderContext } from './model.js';
import type { ContainmentAction, ProtectionNote } from './playbook.js';
import { ANALYSIS_QUESTIONS, CLASSIFICATION, ESCALATION_QUESTIONS, PROTECTION_NOTES, containmentAction } from './playbook.js';
import { DETERMINATIONS } from './sections.js';

export type Row = Record<string, unknown>;

export const isRecord = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const recordOf = (v: unknown): Row => (isRecord(v) ? v : {});
const rowsOf = (v: unknown): Row[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A scalar as a string; null for missing, empty or non-scalar values. */
export function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return null;
}

const strings = (v: unknown): string[] => arrayOf(v).map(scalar).filter((s): s is string => s !== null);

/** Any value as one line of raw text for a table cell (the renderer escapes it). */
export function displayValue(v: unknown): string {
  const s = scalar(v);
  if (s !== null) return s;
  if (Array.isArray(v)) return v.map(displayValue).filter(Boolean).join(', ');
  if (isRecord(v)) {
    return Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${k}: ${displayValue(x)}`)
      .join('; ');
  }
  return '';
}

/** A camelCase or snake_case field name as words; other keys (event sources, resource types) as they are. */
export const labelOf = (key: string): string => {
  if (!/^[a-z][A-Za-z0-9_]*$/.test(key)) return key;
  const words = key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export type StepStatus = 'done' | 'to do' | 'outside qir';

export interface ResponseStep {
  n: string;
  stage: string;
  text: string;
  status: StepStatus;
  detail: string;
}

export interface AttackRef {
  id: string;
  name: string | null;
  tactics: string[];
}

export interface FindingView extends Finding {
  attackRefs: AttackRef[];
  suspiciousPrincipal: boolean;
}

export interface Column {
  key: string;
  label: string;
}

export interface Gap {
  question: string;
  reason: string;
}

/** Rows a report table shows; the rest are counted, and the JSON report has them all. */
export const MAX_TABLE_ROWS = 200;

/** The first MAX_TABLE_ROWS rows and how many were left out. */
export function shown<T>(rows: readonly T[]): { rows: T[]; omitted: number } {
  return { rows: rows.slice(0, MAX_TABLE_ROWS), omitted: Math.max(0, rows.length - MAX_TABLE_ROWS) };
}

/** Rows of the suspicious principals first, otherwise in their order. */
export function suspiciousFirst<T extends { principalArn: string }>(rows: readonly T[], v: ReportView): T[] {
  const arns = new Set(v.suspicious.map((p) => p.arn));
  return [...rows].sort((a, b) => Number(arns.has(b.principalArn)) - Number(arns.has(a.principalArn)));
}

export const omittedNote = (omitted: number): string =>
  `${omitted.toLocaleString('en-US')} more row(s) not shown here: the JSON report (qir report --format json) has them all.`;

export interface AnswerTable {
  title: string;
  rows: Row[];
  /** Rows left out of `rows` (see MAX_TABLE_ROWS). */
  omitted: number;
  columns: Column[];
  /** Fields of the rows beyond the known columns, shown together in one "Other fields" column. */
  otherKeys: string[];
}

/** The column holding a row's other fields. */
export const OTHER_FIELDS = '*';

/** A cell of an answer table as raw text. */
export function cellText(table: AnswerTable, row: Row, column: Column): string {
  if (column.key !== OTHER_FIELDS) return displayValue(row[column.key]);
  return displayValue(Object.fromEntries(table.otherKeys.filter((k) => hasValue(row[k])).map((k) => [k, row[k]])));
}

export interface QuestionView extends AnswerTable {
  n: number;
  key: string;
  text: string;
  /** Further answers the document gives for this question (question 4: calls Amazon Q made for people). */
  more: AnswerTable[];
  /** The event ids proving a row. */
  evidence: (row: Row) => string[];
  answer: string;
  gaps: Gap[];
}

export interface ContainmentView {
  id: string;
  action: ContainmentAction;
  severity: Severity;
  findings: string[];
  principals: string[];
  accessKeyIds: string[];
  resources: Array<{ resourceType: string; resourceId: string; action: string; eventId: string | null }>;
}

export interface ProtectionView extends ProtectionNote {
  applies: string | null;
}

export interface DeterminationItem {
  text: string;
  detail: string[];
  /** Event ids (and rule ids) supporting it. */
  evidence: string[];
}

export interface Determination {
  key: string;
  title: string;
  items: DeterminationItem[];
}

export interface ReportView {
  doc: InvestigationDocument;
  notes: CaseNote[];
  caseInfo: CaseInfo;
  title: string;
  incidentSeverity: Severity | null;
  suspicious: PrincipalVerdict[];
  attackerFirst: string | null;
  attackerLast: string | null;
  classification: Array<[string, string]>;
  steps: ResponseStep[];
  escalation: Array<{ question: string; why: string | null }>;
  findingsBySeverity: Array<{ severity: Severity; findings: FindingView[] }>;
  determinations: Determination[];
  questions: QuestionView[];
  coverage: { entries: Array<[string, unknown]>; gaps: Gap[] };
  containment: ContainmentView[];
  protection: ProtectionView[];
  /** Event ids present in the timeline (the HTML links evidence to these rows). */
  timelineIds: Set<string>;
}

/** Column order per question (issue 3's fields); other fields of a row follow. */
const QUESTION_COLUMNS: Record<string, string[]> = {
  resourcesCreatedDeleted: ['action', 'resourceType', 'resourceId', 'resourceName', 'eventName', 'eventTime', 'principalArn', 'person', 'failed', 'errorCode'],
  pluginsUsed: ['how', 'applicationId', 'pluginId', 'name', 'type', 'serverUrl', 'eventCount', 'principals', 'people', 'firstSeen', 'lastSeen', 'failed'],
  applicationsAccessible: ['applicationId', 'indexes', 'retrievers', 'dataSources', 'plugins', 'webExperiences'],
  applicationsAccessed: ['applicationId', 'eventCount', 'principals', 'people'],
  filesUploaded: ['via', 'applicationId', 'indexId', 'documentId', 'name', 'contentType', 'eventTime', 'principalArn', 'person', 'failed'],
  ideAccess: ['principalArn', 'person', 'client', 'eventCount', 'firstSeen', 'lastSeen'],
};
const EVIDENCE_KEYS = ['eventId', 'eventIds', 'firstEventId'];

export function buildView(doc: InvestigationDocument, ctx: RenderContext = {}): ReportView {
  const notes = [...(ctx.notes ?? [])];
  const caseInfo = ctx.caseInfo ?? {};
  const principals: PrincipalVerdict[] = rowsOf(doc.principals) as unknown as PrincipalVerdict[];
  const findings: Finding[] = rowsOf(doc.findings) as unknown as Finding[];
  const timeline: TimelineEvent[] = rowsOf(doc.timeline) as unknown as TimelineEvent[];
  const suspicious = principals.filter((p) => p.suspicious === true);
  const suspiciousArns = new Set(suspicious.map((p) => p.arn));

  const findingViews: FindingView[] = findings.map((f) => ({
    ...f,
    attack: strings(f.attack),
    eventIds: strings(f.eventIds),
    details: strings(f.details),
    containment: strings(f.containment),
    people: strings(f.people),
    severity: isSeverity(f.severity) ? f.severity : 'info',
    attackRefs: strings(f.attack).map((id) => {
      const t = attackTechnique(id);
      return { id, name: t?.name ?? null, tactics: t?.tactics ?? [] };
    }),
    suspiciousPrincipal: suspiciousArns.has(f.principalArn),
  }));

  // The attacker's first and last event: the suspicious principals' timeline, else their findings.
  const attackerTimes = timeline.filter((e) => suspiciousArns.has(e.principalArn)).map((e) => e.eventTime);
  if (!attackerTimes.length) {
    for (const f of findingViews.filter((x) => x.suspiciousPrincipal)) attackerTimes.push(f.firstSeen, f.lastSeen);
  }
  const sortedTimes = attackerTimes.filter((t) => typeof t === 'string' && !Number.isNaN(Date.parse(t))).sort();
  const attackerFirst = sortedTimes[0] ?? null;
  const attackerLast = sortedTimes[sortedTimes.length - 1] ?? null;

  const actorFindings = findingViews.filter((f) => f.suspiciousPrincipal);
  const incidentSeverity = maxOf((actorFindings.length ? actorFindings : findingViews).map((f) => f.severity));

  const coverage = recordOf(doc.coverage);
  const gaps: Gap[] = rowsOf(coverage.gaps).map((g) => ({
    question: scalar(g.question) ?? scalar(g.questionKey) ?? '',
    reason: displayValue(g.reason ?? g.message ?? g),
  }));
  const questions = buildQuestions(recordOf(doc.questions), gaps);
  const q1 = questions[0]?.rows ?? [];

  return {
    doc,
    notes,
    caseInfo,
    title: `Amazon Q incident report: ${doc.runId}`,
    incidentSeverity,
    suspicious,
    attackerFirst,
    attackerLast,
    classification: [
      ...CLASSIFICATION,
      ['Severity (from the evidence)', incidentSeverity ? `${incidentSeverity}${actorFindings.length ? ', from the suspicious principals\' findings' : ''}` : 'no findings'],
      ['Amazon Q involved', `${doc.counts?.amazonQEvents ?? 0} Amazon Q event(s) in the window; ${findingViews.filter((f) => f.amazonQ).length} Amazon Q finding(s)`],
      ['Attacker activity', attackerFirst ? `${attackerFirst} .. ${attackerLast}` : 'no suspicious principal'],
    ],
    steps: responseSteps(doc, caseInfo, notes, findingViews, suspicious, q1),
    escalation: escalation(findingViews, gaps, questions),
    findingsBySeverity: [...SEVERITIES]
      .reverse()
      .map((severity) => ({ severity, findings: findingViews.filter((f) => f.severity === severity) }))
      .filter((g) => g.findings.length > 0),
    determinations: determinations(recordOf(doc.outcomes)),
    questions,
    coverage: { entries: Object.entries(coverage).filter(([k]) => k !== 'gaps'), gaps },
    containment: containmentViews(findingViews, principals, q1),
    protection: protectionNotes(findingViews, timeline, questions, doc),
    timelineIds: new Set(timeline.map((e) => e.eventId)),
  };
}

function maxOf(severities: Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) if (!best || severityRank(s) > severityRank(best)) best = s;
  return best;
}

/** Answers in the document beyond the six, shown under a question (or at the end when unknown). */
const MORE_ANSWERS: Record<string, { question: number; title: string; columns: string[] }> = {
  callsByQ: { question: 4, title: 'AWS calls Amazon Q made with people\'s sessions', columns: ['eventTime', 'invokedBy', 'eventSource', 'eventName', 'principalArn', 'person', 'region', 'failed', 'errorCode'] },
};

function answerTable(title: string, rows: Row[], preferred: string[]): AnswerTable {
  const present = (k: string) => rows.some((r) => hasValue(r[k]));
  const extra = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!preferred.includes(k) && !EVIDENCE_KEYS.includes(k)) extra.add(k);
  const otherKeys = [...extra].filter(present);
  const columns = preferred.filter(present).map((k) => ({ key: k, label: labelOf(k) }));
  if (otherKeys.length) columns.push({ key: OTHER_FIELDS, label: 'Other fields' });
  return { title, ...shown(rows), columns, otherKeys };
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

function buildQuestions(q: Row, gaps: Gap[]): QuestionView[] {
  const known = new Set<string>([...ANALYSIS_QUESTIONS.map((x) => x.key as string), ...Object.keys(MORE_ANSWERS)]);
  const unknown = Object.keys(q).filter((k) => !known.has(k) && Array.isArray(q[k]));
  return ANALYSIS_QUESTIONS.map(({ n, key, text }) => {
    const rows = rowsOf(q[key]);
    const own = gaps.filter((g) => g.question === String(n) || g.question === key || g.question === `Q${n}` || g.question === `q${n}`);
    const more = Object.entries(MORE_ANSWERS)
      .filter(([k, m]) => m.question === n && rowsOf(q[k]).length > 0)
      .map(([k, m]) => answerTable(m.title, rowsOf(q[k]), m.columns));
    // Answers this version of qir does not know yet go under the last question rather than nowhere.
    if (n === ANALYSIS_QUESTIONS.length) for (const k of unknown) if (rowsOf(q[k]).length) more.push(answerTable(labelOf(k), rowsOf(q[k]), []));
    return { ...answerTable(text, rows, QUESTION_COLUMNS[key] ?? []), n, key, text, more, evidence: evidenceOf, answer: answerText(key, rows, own), gaps: own };
  });
}

const evidenceOf = (row: Row): string[] => [...new Set(EVIDENCE_KEYS.flatMap((k) => (Array.isArray(row[k]) ? strings(row[k]) : scalar(row[k]) ? [scalar(row[k]) as string] : [])))];

function answerText(key: string, rows: Row[], gaps: Gap[]): string {
  const count = (field: string, value: string) => rows.filter((r) => r[field] === value).length;
  let answer: string;
  if (!rows.length) answer = gaps.length ? 'Nothing in the evidence, but the answer is incomplete (see below): this is not a "no".' : 'No: nothing in the evidence.';
  else if (key === 'resourcesCreatedDeleted') answer = `${count('action', 'created')} created, ${count('action', 'updated')} changed, ${count('action', 'deleted')} deleted.`;
  else if (key === 'pluginsUsed') answer = `${new Set(rows.map((r) => scalar(r.pluginId))).size} plugin(s): ${['created', 'updated', 'deleted', 'invoked'].map((h) => `${count('how', h)} ${h}`).join(', ')}.`;
  else if (key === 'applicationsAccessible') answer = `${rows.length} application(s) known from the evidence.`;
  else if (key === 'applicationsAccessed') answer = `${rows.length} application(s) used, ${rows.reduce((n, r) => n + (Number(r.eventCount) || 0), 0)} event(s).`;
  else if (key === 'filesUploaded') answer = `Yes: ${rows.length} file(s).`;
  else if (key === 'ideAccess') answer = `Yes: ${rows.length} principal/client pair(s) used Amazon Q Developer.`;
  else answer = `${rows.length} row(s).`;
  return rows.length && gaps.length ? `${answer} The answer may be incomplete (see below).` : answer;
}

function responseSteps(
  doc: InvestigationDocument,
  caseInfo: CaseInfo,
  notes: CaseNote[],
  findings: FindingView[],
  suspicious: PrincipalVerdict[],
  q1: Row[],
): ResponseStep[] {
  const suspiciousArns = new Set(suspicious.map((p) => p.arn));
  const keys = [...new Set(suspicious.flatMap((p) => strings(p.accessKeyIds)))];
  const created = q1.filter((r) => r.action === 'created' && suspiciousArns.has(String(r.principalArn)) && r.failed !== true);
  const stored = caseInfo.storedEvents ?? doc.counts?.events ?? 0;
  const unrecognized = rowsOf(doc.unrecognized).length;
  const actions = new Set(findings.filter((f) => f.suspiciousPrincipal || severityRank(f.severity) >= severityRank('medium')).flatMap((f) => f.containment));
  return [
    {
      n: '1-3',
      stage: 'Preparation',
      text: 'Collect the evidence (CloudTrail) into a case',
      status: stored > 0 ? 'done' : 'to do',
      detail:
        caseInfo.storedEvents !== undefined
          ? `qir ingest stored ${stored} event(s)${caseInfo.evidenceFiles !== undefined ? ` from ${caseInfo.evidenceFiles} evidence file(s)` : ''} in the case.`
          : `qir ingest stored the evidence: ${stored} event(s) in the investigation window.`,
    },
    {
      n: '4',
      stage: 'Detection & Analysis',
      text: 'Perform detection and analyze CloudTrail for unrecognized API events',
      status: 'done',
      detail: `qir investigate (run ${doc.runId}): ${findings.length} finding(s), ${unrecognized} unrecognized API event group(s), ${suspicious.length} suspicious principal(s).`,
    },
    {
      n: '5',
      stage: 'Detection & Analysis',
      text: 'Perform detection and analyze CloudWatch for unrecognized events',
      status: 'outside qir',
      detail: 'qir reads CloudTrail only: review CloudWatch logs and alarms for the same window and principals.',
    },
    {
      n: '6',
      stage: 'Containment & Eradication',
      text: 'Delete or rotate IAM User Keys',
      status: 'to do',
      detail: keys.length ? `Access key(s) used by the suspicious principals: ${keys.join(', ')}.` : 'No access key is attributed to a suspicious principal; confirm before closing this step.',
    },
    {
      n: '7',
      stage: 'Containment & Eradication',
      text: 'Delete or rotate unrecognized resources',
      status: 'to do',
      detail: `${created.length} resource(s) created by the suspicious principals (question 1); ${unrecognized} unrecognized API event group(s) to review.`,
    },
    {
      n: '-',
      stage: 'Containment & Eradication',
      text: 'Carry out the recommended containment actions',
      status: 'to do',
      detail: `${actions.size} action(s) recommended by the findings (see "Containment and recovery").`,
    },
    { n: '-', stage: 'Recovery', text: 'Return to the original and hardened configuration', status: 'to do', detail: 'See "Containment and recovery".' },
    {
      n: '-',
      stage: 'Post-Incident Activity',
      text: 'Record lessons learned',
      status: notes.length ? 'done' : 'to do',
      detail: notes.length ? `${notes.length} note(s) in the case.` : 'No notes yet: qir note add "…" --case DIR.',
    },
  ];
}

function escalation(findings: FindingView[], gaps: Gap[], questions: QuestionView[]): Array<{ question: string; why: string | null }> {
  const ids = (pred: (id: string) => boolean) => [...new Set(findings.filter((f) => pred(f.ruleId)).map((f) => f.ruleId))];
  const ec2 = ids((id) => id.startsWith('ec2-') || id.startsWith('instance-'));
  const blind = ids((id) => id === 'cloudtrail-logging-tampered' || id === 'detection-service-disabled');
  const urgent = findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
  const exposure = ids((id) => id === 'q-conversations-of-other-users-read' || id === 'q-plugin-created-or-changed' || id === 'q-documents-changed-by-person' || id === 'q-data-source-created-or-changed');
  const uploads = questions.find((q) => q.key === 'filesUploaded')?.rows.length ?? 0;
  const support = ids((id) => id === 'root-account-used' || id === 'organizations-leave-or-account-escape');
  const why = [
    ec2.length ? `EC2 credentials or password data were involved (${ec2.join(', ')}).` : null,
    blind.length || gaps.length
      ? [blind.length ? `logging or detection was tampered with (${blind.join(', ')})` : '', gaps.length ? `${gaps.length} answer(s) incomplete because events were not logged` : '']
          .filter(Boolean)
          .join('; ') + '.'
      : null,
    urgent.length ? `${urgent.length} high or critical finding(s) to act on now.` : null,
    exposure.length || uploads ? `People's data may have been exposed or sent outside (${[...exposure, uploads ? `${uploads} uploaded file(s)` : ''].filter(Boolean).join(', ')}).` : null,
    support.length ? `Account-level compromise signs (${support.join(', ')}).` : null,
  ];
  return ESCALATION_QUESTIONS.map((question, i) => ({ question, why: why[i] ?? null }));
}

function containmentViews(findings: FindingView[], principals: PrincipalVerdict[], q1: Row[]): ContainmentView[] {
  const byId = new Map<string, ContainmentView>();
  const keysOf = new Map(principals.map((p) => [p.arn, strings(p.accessKeyIds)]));
  // What the actor did calls for containment: findings of suspicious principals, and anything of medium or
  // higher severity. A low finding of an ordinary administrator (say, guardrails tightened) does not.
  const ordered = findings
    .filter((f) => f.suspiciousPrincipal || severityRank(f.severity) >= severityRank('medium'))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  for (const f of ordered) {
    const events = new Set(f.eventIds);
    for (const id of f.containment) {
      let v = byId.get(id);
      if (!v) {
        v = { id, action: containmentAction(id), severity: f.severity, findings: [], principals: [], accessKeyIds: [], resources: [] };
        byId.set(id, v);
      }
      if (!v.findings.includes(f.ruleId)) v.findings.push(f.ruleId);
      if (!v.principals.includes(f.principalArn)) v.principals.push(f.principalArn);
      if (id === 'revoke-access-key' || id === 'revoke-session') {
        for (const k of keysOf.get(f.principalArn) ?? []) if (!v.accessKeyIds.includes(k)) v.accessKeyIds.push(k);
      }
      for (const r of q1) {
        const eventId = scalar(r.eventId);
        if (!eventId || !events.has(eventId) || r.failed === true) continue;
        const resourceId = scalar(r.resourceId) ?? '(id not in the record)';
        if (v.resources.some((x) => x.resourceId === resourceId && x.eventId === eventId)) continue;
        v.resources.push({ resourceType: scalar(r.resourceType) ?? '', resourceId, action: scalar(r.action) ?? '', eventId });
      }
    }
  }
  return [...byId.values()];
}

function protectionNotes(findings: FindingView[], timeline: TimelineEvent[], questions: QuestionView[], doc: InvestigationDocument): ProtectionView[] {
  const rules = new Set(findings.map((f) => f.ruleId));
  const rowsFor = (key: string) => questions.find((q) => q.key === key)?.rows ?? [];
  const named = rowsFor('resourcesCreatedDeleted').filter((r) => (r.action === 'created' || r.action === 'updated') && scalar(r.resourceName));
  const chats = timeline.filter((e) => /^(Chat|ChatSync|SendMessage|StartConversation|GetConversation|ListMessages|ListConversations)$/.test(String(e.eventName)));
  const accessed = rowsFor('applicationsAccessed');
  const consoleQ = timeline.filter((e) => e.eventSource === 'q.amazonaws.com').length;
  const denied = timeline.filter((e) => /AccessDenied|Unauthorized/i.test(String(e.errorCode ?? ''))).length;
  const applies: Record<string, string | null> = {
    'no-sensitive-names': named.length ? `${named.length} resource(s) were created or changed with a name: check names and tags for sensitive data.` : null,
    'q-stores-conversations':
      rules.has('q-conversations-of-other-users-read') || chats.length || accessed.length
        ? `Amazon Q holds the conversations of the applications used here (${accessed.length} application(s) accessed, ${chats.length} chat or conversation event(s) by suspicious principals): treat them as data the actor may have read.`
        : null,
    'q-data-us-region': (doc.counts?.amazonQEvents ?? 0) > 0 ? `${doc.counts.amazonQEvents} Amazon Q event(s) in the window: their conversation data is held in the US regions named here.` : null,
    'amazonq-full-access':
      rules.has('q-iam-persistence') || rules.has('iam-persistence') ? 'The actor changed IAM permissions (q-iam-persistence / iam-persistence): check who holds AmazonQFullAccess or qbusiness:*/q:* now.' : null,
    'console-chat-permissions': consoleQ ? `${consoleQ} Amazon Q console (q.amazonaws.com) event(s) by suspicious principals.` : null,
    'permission-errors': rules.has('q-access-denied-burst') || denied ? `${denied} AccessDenied error(s) by suspicious principals: the actor tried actions their policies did not allow.` : null,
  };
  return PROTECTION_NOTES.map((n) => ({ ...n, applies: applies[n.id] ?? null }));
}

function determinations(o: Row): Determination[] {
  const items: Record<string, DeterminationItem[]> = {
    vulnerabilitiesExploited: rowsOf(o.vulnerabilitiesExploited).map((v) => ({ text: displayValue(v.what), detail: [], evidence: strings(v.evidence) })),
    toolsObserved: rowsOf(o.toolsObserved).map((t) => ({
      text: `${displayValue(t.family)} (${displayValue(t.kind)}), used by ${strings(t.principals).join(', ') || 'unknown principals'}`,
      detail: strings(t.userAgents).map((ua) => `user agent: ${ua}`),
      evidence: [],
    })),
    intent: rowsOf(o.intent).map((i) => ({
      text: `${labelOf(displayValue(i.tactic).replace(/-/g, ' '))}: ${strings(i.techniques)
        .map((id) => `${id}${attackTechnique(id) ? ` (${attackTechnique(id)!.name})` : ''}`)
        .join(', ')}`,
      detail: strings(i.findings).length ? [`findings: ${strings(i.findings).join(', ')}`] : [],
      evidence: [],
    })),
    attribution: Object.entries(recordOf(o.attribution))
      .filter(([, v]) => strings(v).length > 0)
      .map(([k, v]) => ({ text: `${labelOf(k)}: ${strings(v).join(', ')}`, detail: [], evidence: [] })),
    damage: rowsOf(o.damage).map((d) => ({ text: `[${displayValue(d.severity)}] ${displayValue(d.what)}`, detail: [], evidence: strings(d.eventIds) })),
  };
  return DETERMINATIONS.map(({ key, title }) => ({ key, title, items: items[key] ?? [] }));
}
