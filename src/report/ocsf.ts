// The OCSF report: one Detection Finding (class 2004, category Findings, OCSF 1.4.0 as Prowler and
// Security Hub write it) per finding, as a JSON array. finding_info.uid is a hash of what does not change
// between runs (rule id, principal, sorted event ids), so investigating the same evidence again gives the
// same uid and a consumer can update instead of duplicate.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { attackTechnique } from '../analysis/outcomes.js';
import type { Finding } from '../analysis/run-rules.js';
import type { TimelineEvent } from '../app/investigate/investigate.js';
import type { Severity } from '../core/severity.js';
import type { InvestigationDocument } from './model.js';
import { containmentAction } from './playbook.js';
import { isRecord, scalar } from './view.js';

export const OCSF_VERSION = '1.4.0';
const CLASS_UID = 2004;
const CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;
const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_CAPTION: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };
/** Evidence artifacts per finding (the event ids are all in finding_info.related_events). */
const MAX_EVIDENCES = 25;

const TACTICS: Record<string, { uid: string; name: string }> = {
  reconnaissance: { uid: 'TA0043', name: 'Reconnaissance' },
  'resource-development': { uid: 'TA0042', name: 'Resource Development' },
  'initial-access': { uid: 'TA0001', name: 'Initial Access' },
  execution: { uid: 'TA0002', name: 'Execution' },
  persistence: { uid: 'TA0003', name: 'Persistence' },
  'privilege-escalation': { uid: 'TA0004', name: 'Privilege Escalation' },
  'defense-evasion': { uid: 'TA0005', name: 'Defense Evasion' },
  'credential-access': { uid: 'TA0006', name: 'Credential Access' },
  discovery: { uid: 'TA0007', name: 'Discovery' },
  'lateral-movement': { uid: 'TA0008', name: 'Lateral Movement' },
  collection: { uid: 'TA0009', name: 'Collection' },
  'command-and-control': { uid: 'TA0011', name: 'Command and Control' },
  exfiltration: { uid: 'TA0010', name: 'Exfiltration' },
  impact: { uid: 'TA0040', name: 'Impact' },
};

let productVersion: string | undefined;
function qirVersion(): string {
  if (productVersion === undefined) {
    try {
      productVersion = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      productVersion = '0.0.0';
    }
  }
  return productVersion;
}

/** The run-independent id of a finding. */
export function findingUid(f: Pick<Finding, 'ruleId' | 'principalArn' | 'eventIds'>): string {
  const content = [f.ruleId, f.principalArn, ...[...f.eventIds].sort()].join('\n');
  return `qir-${createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

const toMs = (iso: string | null | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
};
const dt = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export function toOcsf(doc: InvestigationDocument): object[] {
  const timeline = new Map<string, TimelineEvent>();
  for (const e of doc.timeline ?? []) if (!timeline.has(e.eventId)) timeline.set(e.eventId, e);
  const created = toMs(doc.createdAt) ?? Date.now();
  const principalKeys = new Map((doc.principals ?? []).map((p) => [p.arn, p.accessKeyIds ?? []]));
  const q1 = Array.isArray((doc.questions as unknown as Record<string, unknown>)?.resourcesCreatedDeleted)
    ? ((doc.questions as unknown as Record<string, unknown>).resourcesCreatedDeleted as unknown[]).filter(isRecord)
    : [];
  const accounts = isRecord(doc.coverage) && Array.isArray((doc.coverage as Record<string, unknown>).accounts) ? ((doc.coverage as Record<string, unknown>).accounts as unknown[]) : [];

  return (doc.findings ?? []).map((f) => {
    const severityId = SEVERITY_ID[f.severity] ?? 0;
    const events = f.eventIds.map((id) => timeline.get(id)).filter((e): e is TimelineEvent => !!e);
    const start = toMs(f.firstSeen);
    const end = toMs(f.lastSeen);
    const uid = findingUid(f);
    const account = accountOf(f.principalArn) ?? (accounts.length === 1 ? scalar(accounts[0]) : null);
    const region = events.find((e) => e.awsRegion)?.awsRegion ?? undefined;
    const eventSet = new Set(f.eventIds);
    const touched = q1.filter((r) => eventSet.has(String(r.eventId)) && r.failed !== true && scalar(r.resourceId));
    const actions = f.containment.map((id) => containmentAction(id));
    return prune({
      activity_id: ACTIVITY_CREATE,
      activity_name: 'Create',
      category_uid: CATEGORY_UID,
      category_name: 'Findings',
      class_uid: CLASS_UID,
      class_name: 'Detection Finding',
      type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
      type_name: 'Detection Finding: Create',
      severity_id: severityId,
      severity: SEVERITY_CAPTION[severityId] ?? 'Unknown',
      status_id: 1,
      status: 'New',
      is_alert: severityId >= SEVERITY_ID.medium,
      time: created,
      time_dt: dt(created),
      start_time: start,
      start_time_dt: dt(start),
      end_time: end,
      end_time_dt: dt(end),
      count: f.eventIds.length,
      message: `${f.title}: ${f.principalArn}`,
      metadata: {
        version: OCSF_VERSION,
        product: { name: 'qir', uid: 'qir', vendor_name: 'qir', version: qirVersion() },
        profiles: ['cloud', 'datetime'],
        event_code: f.ruleId,
      },
      finding_info: {
        uid,
        title: f.title,
        desc: f.details.length ? f.details.join('; ') : f.title,
        types: [f.amazonQ ? 'Amazon Q' : 'AWS CloudTrail'],
        product_uid: 'qir',
        created_time: created,
        first_seen_time: start,
        last_seen_time: end,
        analytic: { uid: f.ruleId, name: f.title, type_id: 1, type: 'Rule' },
        attacks: attacks(f.attack),
        related_events: f.eventIds.map((id) => ({ uid: id, product_uid: 'aws-cloudtrail', type: 'AWS CloudTrail event' })),
      },
      cloud: prune({
        provider: 'AWS',
        region,
        account: account ? { uid: account, type_id: 10, type: 'AWS Account' } : undefined,
      }),
      resources: [
        prune({ uid: f.principalArn, name: f.principalArn.split('/').pop(), type: principalType(f.principalArn), region, cloud_partition: partitionOf(f.principalArn) }),
        ...touched.map((r) => prune({ uid: String(r.resourceId), name: scalar(r.resourceName) ?? undefined, type: scalar(r.resourceType) ?? 'Other', region })),
      ],
      evidences: f.eventIds.slice(0, MAX_EVIDENCES).map((id) => evidence(id, f, timeline.get(id), principalKeys.get(f.principalArn) ?? [])),
      remediation: actions.length
        ? prune({
            desc: actions.map((a) => `${a.title}: ${a.steps}`).join(' '),
            references: [...new Set(actions.map((a) => a.reference?.url).filter((u): u is string => !!u))],
          })
        : undefined,
      unmapped: {
        qir: {
          rule_id: f.ruleId,
          principal_arn: f.principalArn,
          people: f.people,
          amazon_q: f.amazonQ,
          details: f.details,
          containment: f.containment,
          run_id: doc.runId,
        },
      },
    });
  });
}

export const renderOcsf = (doc: InvestigationDocument): string => JSON.stringify(toOcsf(doc), null, 2) + '\n';

function attacks(techniques: readonly string[]): object[] {
  const out: object[] = [];
  for (const id of techniques) {
    const parent = id.split('.')[0] as string;
    const t = attackTechnique(id);
    const parentName = attackTechnique(parent)?.name ?? (t?.name.split(':')[0] || undefined);
    const technique = prune({ uid: parent, name: parentName });
    const sub = id.includes('.') ? prune({ uid: id, name: t?.name }) : undefined;
    const tactics = (t?.tactics ?? []).map((x) => TACTICS[x]).filter((x): x is { uid: string; name: string } => !!x);
    if (!tactics.length) out.push(prune({ technique, sub_technique: sub }));
    for (const tactic of tactics) out.push(prune({ technique, sub_technique: sub, tactic: { ...tactic } }));
  }
  return out;
}

function evidence(eventId: string, f: Finding, e: TimelineEvent | undefined, keys: readonly string[]): object {
  const user = prune({ uid: f.principalArn, name: f.principalArn.split('/').pop(), credential_uid: keys.length === 1 ? keys[0] : undefined });
  if (!e) return { uid: eventId, actor: { user } };
  const src = e.sourceIp && isIP(e.sourceIp) ? { ip: e.sourceIp } : e.sourceIp && /^[a-z0-9.-]+\.amazonaws\.com$/i.test(e.sourceIp) ? { hostname: e.sourceIp } : undefined;
  return prune({
    uid: eventId,
    name: e.eventName,
    actor: { user },
    api: prune({
      operation: e.eventName,
      service: { name: e.eventSource },
      response: e.errorCode ? prune({ error: e.errorCode, error_message: e.errorMessage ?? undefined }) : undefined,
    }),
    src_endpoint: src,
    data: prune({ event_time: e.eventTime, aws_region: e.awsRegion ?? undefined, user_agent: e.userAgent ?? undefined, person: e.person ?? undefined }),
  });
}

const accountOf = (arn: string): string | null => /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(arn)?.[1] ?? null;
const partitionOf = (arn: string): string | undefined => /^arn:(aws[a-z-]*):/.exec(arn)?.[1];

function principalType(arn: string): string {
  if (/:assumed-role\//.test(arn)) return 'AWS::STS::AssumedRoleSession';
  if (/:user\//.test(arn) && /^arn:aws[a-z-]*:iam:/.test(arn)) return 'AWS::IAM::User';
  if (/:role\//.test(arn)) return 'AWS::IAM::Role';
  if (/:root$/.test(arn)) return 'AWS::IAM::RootUser';
  if (/^arn:aws[a-z-]*:identitystore:/.test(arn)) return 'AWS::IdentityStore::User';
  return 'Other';
}

/** Drops undefined members and empty arrays/objects (OCSF omits absent attributes). */
function prune<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isRecord(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}
