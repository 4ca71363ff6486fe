// Typed factory for realistic CloudTrail records (shapes taken from real S3 delivery files and the Amazon Q docs), with a seeded PRNG.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SessionIssuer {
  type: 'Role';
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface SessionContext {
  sessionIssuer: SessionIssuer | Record<string, never>;
  webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, string> };
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
  ec2RoleDelivery?: '2.0';
}

/** The IAM Identity Center user an identity-enhanced session or Identity Center credential acts for. */
export interface OnBehalfOf {
  userId: string;
  identityStoreArn: string;
}

export type IdentityType = 'IAMUser' | 'AssumedRole' | 'AWSService' | 'Root' | 'IdentityCenterUser';

export interface UserIdentity {
  type?: IdentityType;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: SessionContext;
  invokedBy?: string;
  onBehalfOf?: OnBehalfOf;
  credentialId?: string;
}

export interface Resource {
  accountId?: string;
  type?: string;
  ARN: string;
}

export interface TlsDetails {
  tlsVersion: 'TLSv1.2' | 'TLSv1.3';
  cipherSuite: string;
  clientProvidedHostHeader: string;
}

export type EventType = 'AwsApiCall' | 'AwsServiceEvent' | 'AwsConsoleSignIn';
export type EventCategory = 'Management' | 'Data';

/** One CloudTrail record; keys are declared (and built) in the order CloudTrail writes them. */
export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  requestID?: string;
  eventID: string;
  readOnly: boolean;
  resources?: Resource[];
  eventType: EventType;
  apiVersion?: string;
  managementEvent: boolean;
  recipientAccountId: string;
  sharedEventID?: string;
  vpcEndpointId?: string;
  serviceEventDetails?: JsonObject;
  eventCategory: EventCategory;
  tlsDetails?: TlsDetails;
  sessionCredentialFromConsole?: 'true';
}

const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Characters of IAM unique IDs and access key IDs (base32). */
export const IAM_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** sfc32: small, fast, 128-bit state; the same seed always yields the same sequence. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.float() * alphabet.length)]!;
    return s;
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  /** RFC 4122 version-4 UUID, lower case. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = this.uint32();
    const w3 = this.uint32();
    return (
      BYTE_HEX[w0 >>> 24]! + BYTE_HEX[(w0 >>> 16) & 255]! + BYTE_HEX[(w0 >>> 8) & 255]! + BYTE_HEX[w0 & 255]! + '-' +
      BYTE_HEX[w1 >>> 24]! + BYTE_HEX[(w1 >>> 16) & 255]! + '-' +
      BYTE_HEX[0x40 | ((w1 >>> 8) & 0x0f)]! + BYTE_HEX[w1 & 255]! + '-' +
      BYTE_HEX[0x80 | (w2 >>> 26)]! + BYTE_HEX[(w2 >>> 16) & 255]! + '-' +
      BYTE_HEX[(w2 >>> 8) & 255]! + BYTE_HEX[w2 & 255]! +
      BYTE_HEX[w3 >>> 24]! + BYTE_HEX[(w3 >>> 16) & 255]! + BYTE_HEX[(w3 >>> 8) & 255]! + BYTE_HEX[w3 & 255]!
    );
  }
}

/** Picks from weighted choices in O(log n) with a precomputed cumulative table. */
export function weighted<T>(choices: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of choices) cumulative.push((total += w));
  return (rng) => {
    const x = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return choices[lo]![0];
  };
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = NaN;
let cachedDate = '';

/** CloudTrail's eventTime format: ISO-8601, whole seconds, `Z`. */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  const day = Math.floor(second / 86400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const s = second - day * 86400;
  return cachedDate + TWO_DIGITS[Math.floor(s / 3600)]! + ':' + TWO_DIGITS[Math.floor(s / 60) % 60]! + ':' + TWO_DIGITS[s % 60]! + 'Z';
}

export interface RoleRef {
  accountId: string;
  name: string;
  /** IAM role unique ID (AROA…). */
  roleId: string;
  /** Path between `role/` and the name, e.g. `aws-reserved/sso.amazonaws.com/`. */
  path?: string;
}

export function roleArn(role: RoleRef): string {
  return `arn:aws:iam::${role.accountId}:role/${role.path ?? ''}${role.name}`;
}

export function iamUserIdentity(u: { accountId: string; userName: string; userId: string; accessKeyId: string }): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: u.userId,
    arn: `arn:aws:iam::${u.accountId}:user/${u.userName}`,
    accountId: u.accountId,
    accessKeyId: u.accessKeyId,
    userName: u.userName,
  };
}

export interface RoleSession {
  role: RoleRef;
  sessionName: string;
  /** Temporary key (ASIA…). */
  accessKeyId: string;
  creationDate: string;
  ec2RoleDelivery?: boolean;
  invokedBy?: string;
  /** Identity-enhanced session (IAM Identity Center trusted identity propagation), as Q Business web experiences use. */
  onBehalfOf?: OnBehalfOf;
}

export function assumedRoleIdentity(s: RoleSession): UserIdentity {
  const { role } = s;
  const identity: UserIdentity = {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${s.sessionName}`,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${s.sessionName}`,
    accountId: role.accountId,
    accessKeyId: s.accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: role.roleId, arn: roleArn(role), accountId: role.accountId, userName: role.name },
      webIdFederationData: {},
      attributes: { creationDate: s.creationDate, mfaAuthenticated: 'false' },
      ...(s.ec2RoleDelivery ? { ec2RoleDelivery: '2.0' as const } : {}),
    },
  };
  if (s.invokedBy) identity.invokedBy = s.invokedBy;
  if (s.onBehalfOf) identity.onBehalfOf = s.onBehalfOf;
  return identity;
}

export function awsServiceIdentity(invokedBy: string): UserIdentity {
  return { type: 'AWSService', invokedBy };
}

export function rootIdentity(accountId: string, session?: { accessKeyId: string; creationDate: string; mfaAuthenticated: boolean }): UserIdentity {
  const identity: UserIdentity = { type: 'Root', principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId };
  if (session) {
    identity.accessKeyId = session.accessKeyId;
    identity.sessionContext = {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: session.creationDate, mfaAuthenticated: session.mfaAuthenticated ? 'true' : 'false' },
    };
  }
  return identity;
}

/** A request made with IAM Identity Center credentials directly (Amazon Q Developer in the IDE). */
export function identityCenterUserIdentity(accountId: string, onBehalfOf: OnBehalfOf, credentialId: string): UserIdentity {
  return { type: 'IdentityCenterUser', accountId, onBehalfOf, credentialId };
}

export function tlsDetails(host: string, tls13: boolean): TlsDetails {
  return tls13
    ? { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host }
    : { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', clientProvidedHostHeader: host };
}

/** Who makes the calls of a run of records: the defaults a RecordSpec may override. */
export interface Caller {
  identity: UserIdentity;
  ip: string;
  userAgent: string;
  fromConsole?: boolean;
}

export interface RecordSpec {
  source: string;
  name: string;
  region: string;
  identity?: UserIdentity;
  ip?: string;
  userAgent?: string;
  recipientAccountId?: string;
  readOnly: boolean;
  request?: JsonObject | null;
  response?: JsonObject | null;
  additionalEventData?: JsonObject;
  error?: { code: string; message?: string };
  resources?: Resource[];
  eventType?: EventType;
  category?: EventCategory;
  eventVersion?: string;
  apiVersion?: string;
  /** Defaults to a UUID; S3 uses 16-character IDs, service events have none. */
  requestID?: string | null;
  sharedEventID?: string;
  vpcEndpointId?: string;
  serviceEventDetails?: JsonObject;
  tls?: TlsDetails;
  fromConsole?: boolean;
}

/**
 * Builds a record with CloudTrail's field order. Every record has every key (one object shape, which keeps
 * generation and JSON.stringify fast); fields a record does not have are `undefined`, so they are absent
 * from its JSON, as in CloudTrail's own files.
 */
export function makeRecord(rng: Rng, s: RecordSpec, time: number, caller: Caller, accountId: string): CloudTrailRecord {
  const category = s.category ?? 'Management';
  const requestID = s.requestID === undefined ? rng.uuid() : (s.requestID ?? undefined);
  return {
    eventVersion: s.eventVersion ?? '1.09',
    userIdentity: s.identity ?? caller.identity,
    eventTime: isoSeconds(time),
    eventSource: s.source,
    eventName: s.name,
    awsRegion: s.region,
    sourceIPAddress: s.ip ?? caller.ip,
    userAgent: s.userAgent ?? caller.userAgent,
    errorCode: s.error?.code,
    errorMessage: s.error?.message,
    requestParameters: s.request ?? null,
    responseElements: s.error ? null : (s.response ?? null),
    additionalEventData: s.additionalEventData,
    requestID,
    eventID: rng.uuid(),
    readOnly: s.readOnly,
    resources: s.resources,
    eventType: s.eventType ?? 'AwsApiCall',
    apiVersion: s.apiVersion,
    managementEvent: category === 'Management',
    recipientAccountId: s.recipientAccountId ?? accountId,
    sharedEventID: s.sharedEventID,
    vpcEndpointId: s.vpcEndpointId,
    serviceEventDetails: s.serviceEventDetails,
    eventCategory: category,
    tlsDetails: s.tls,
    sessionCredentialFromConsole: (s.fromConsole ?? caller.fromConsole) ? 'true' : undefined,
  };
}
