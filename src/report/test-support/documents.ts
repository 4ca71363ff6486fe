// Investigation documents for report tests, made the real way: a simulated incident's CloudTrail records
// ingested into an in-memory case and investigated. The hostile variant rewrites the attacker's records so
// that user agents, error messages, request parameters and resource names carry markup, script links,
// terminal escapes, spreadsheet formulas and CSV metacharacters.
import type { InvestigationDocument } from '../../app/investigate/investigate.js';
import { investigateStore } from '../../app/investigate/investigate.js';
import { ingestRecords } from '../../app/ingest/ingest-records.js';
import type { CloudTrailRecord } from '../../simulate/scenarios/index.js';
import { getScenario } from '../../simulate/scenarios/index.js';
import { openMemoryStore } from '../../store/case-store.js';
import type { CaseNote, RenderContext } from '../model.js';

export const SCENARIO = 'stolen-key-q-business';
export const START = new Date('2025-06-03T07:00:00Z');

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  jsLink: 'javascript:alert(1)',
  ansi: '\u001b[31m',
  formula: "=cmd|' /C calc'!A0",
  quoted: '"quoted, with comma"',
} as const;
export const HOSTILE_STRINGS: readonly string[] = Object.values(HOSTILE);

export function scenarioRecords(name = SCENARIO): { records: CloudTrailRecord[]; attacker: string } {
  const { records, expected } = getScenario(name).build({ seed: 42, start: START });
  return { records, attacker: expected.suspiciousPrincipals[0]! };
}

export async function investigateRecords(records: CloudTrailRecord[]): Promise<InvestigationDocument> {
  const store = await openMemoryStore();
  try {
    await ingestRecords(store, records);
    return await investigateStore(store, { case: '/cases/demo' });
  } finally {
    store.close();
  }
}

const cache = new Map<string, Promise<InvestigationDocument>>();

/** The investigation of a scenario, as qir stores it (computed once per test file). */
export function scenarioDocument(name = SCENARIO): Promise<InvestigationDocument> {
  if (!cache.has(name)) cache.set(name, investigateRecords(scenarioRecords(name).records));
  return cache.get(name)!;
}

const USER_AGENTS = [
  HOSTILE.script,
  HOSTILE.img,
  HOSTILE.jsLink,
  `aws-cli/2.15.30 ${HOSTILE.ansi}red${HOSTILE.ansi}`,
  HOSTILE.formula,
  HOSTILE.quoted,
  `${HOSTILE.quoted} ${HOSTILE.script}`,
];

type Json = CloudTrailRecord[string];
const obj = (v: Json | undefined): Record<string, Json> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** The scenario with every hostile string in the attacker's records. */
export function hostileRecords(): { records: CloudTrailRecord[]; attacker: string } {
  const { records, attacker } = scenarioRecords();
  let i = 0;
  const out = records.map((r) => {
    if (obj(r.userIdentity).arn !== attacker) return r;
    const copy = structuredClone(r);
    copy.userAgent = USER_AGENTS[i++ % USER_AGENTS.length]!;
    if (copy.errorCode) copy.errorMessage = `${HOSTILE.formula} ${HOSTILE.script} ${HOSTILE.ansi}denied`;
    const params = obj(copy.requestParameters);
    if (copy.eventName === 'CreatePlugin') {
      params.displayName = `${HOSTILE.img} ${HOSTILE.quoted}`;
      params.serverUrl = HOSTILE.jsLink;
    }
    if (copy.eventName === 'CreateDataSource') params.displayName = HOSTILE.formula;
    if (copy.eventName === 'CreateUser') params.userName = `x${HOSTILE.img}`;
    return copy;
  });
  return { records: out, attacker };
}

let hostile: Promise<InvestigationDocument> | undefined;
export function hostileDocument(): Promise<InvestigationDocument> {
  hostile ??= investigateRecords(hostileRecords().records);
  return hostile;
}

export const hostileNotes: CaseNote[] = [
  { createdAt: '2025-06-04T09:00:00.000Z', author: HOSTILE.script, text: `Pasted from the logs: ${HOSTILE_STRINGS.join(' | ')}` },
  { createdAt: '2025-06-04T10:00:00.000Z', author: 'responder', text: 'Rotate the deployer key before the next release.' },
];

export const hostileContext: RenderContext = { notes: hostileNotes, caseInfo: { dir: `/cases/${HOSTILE.img}`, evidenceFiles: 1 } };
