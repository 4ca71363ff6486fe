// Deterministic building blocks for simulated CloudTrail: seeded ids, time cursors, identities and API-call records.
import type { CloudTrailRecord, JsonObject, JsonValue } from './types.js';

/** What CloudTrail writes in place of a sensitive request or response value. */
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** AWS access key ids and unique ids use upper-case letters and the digits 2-7. */
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Seeded source of every random choice in a scenario (mulberry32), so a seed always gives the same records. */
export class Ids {
  private state: number;
  private readonly issued = new Set<string>();

  /** `salt` (the scenario name) keeps two scenarios built with one seed from sharing ids. */
  constructor(seed: number, salt = '') {
    let hash = 0x811c9dc5;
    for (let i = 0; i < salt.length; i += 1) hash = Math.imul(hash ^ salt.charCodeAt(i), 0x01000193);
    this.state = (Math.trunc(seed) ^ hash ^ 0x9e3779b9) >>> 0;
  }

  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick() needs at least one item');
    return item;
  }

  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet.charAt(this.int(0, alphabet.length - 1));
    return out;
  }

  hex(length: number): string {
    return this.chars(length, HEX);
  }

  upper(length: number): string {
    return this.chars(length, UPPER_ALNUM);
  }

  private unique(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.issued.has(value)) {
        this.issued.add(value);
        return value;
      }
    }
  }

  /** RFC 4122 version-4 UUID. */
  uuid(): string {
    return this.unique(
      () => `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`,
    );
  }

  accountId(): string {
    return this.unique(() => `${this.int(1, 9)}${this.chars(11, '0123456789')}`);
  }

  /** AKIA… for long-term keys, ASIA… for temporary credentials. */
  accessKeyId(kind: 'AKIA' | 'ASIA'): string {
    return this.unique(() => `${kind}${this.chars(16, KEY_ALPHABET)}`);
  }

  /** AIDA… for IAM users, AROA… for roles. */
  uniqueId(kind: 'AIDA' | 'AROA'): string {
    return this.unique(() => `${kind}${this.chars(17, KEY_ALPHABET)}`);
  }

  /** The 16-character request id S3 writes. */
  s3RequestId(): string {
    return this.unique(() => this.upper(16));
  }

  /** IAM Identity Center user id in the form identity stores issue (…-70xx-…). */
  identityCenterUserId(): string {
    return this.unique(() => `${this.hex(8)}-${this.hex(4)}-70${this.hex(2)}-${this.hex(4)}-${this.hex(12)}`);
  }

  identityStoreId(): string {
    return this.unique(() => `d-${this.hex(10)}`);
  }
}

/** ISO-8601 to the second with a Z, the way CloudTrail writes eventTime. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + Math.round(seconds) * 1000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date format IAM uses in CloudTrail responseElements, e.g. "Jul 10, 2023 12:23:05 PM". */
export function iamResponseDate(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${twelve}:${pad(date.getUTCMinutes())}:${pad(
    date.getUTCSeconds(),
  )} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** A moving point in time: each step waits a human- or script-like pause. */
export class Cursor {
  private current: Date;

  constructor(
    private readonly ids: Ids,
    from: Date,
  ) {
    this.current = new Date(from.getTime());
  }

  get now(): Date {
    return new Date(this.current.getTime());
  }

  /** Moves forward between min and max seconds and returns the new time. */
  wait(minSeconds: number, maxSeconds: number): Date {
    this.current = addSeconds(this.current, this.ids.int(minSeconds, maxSeconds));
    return this.now;
  }
}

/** Who makes a call, from where and with what client. */
export interface Actor {
  identity: JsonObject;
  sourceIPAddress: string;
  userAgent: string;
  /** Calls an AWS service makes for a principal or for itself carry no tlsDetails. */
  viaService?: boolean;
  /** Calls from an AWS console session carry sessionCredentialFromConsole. */
  console?: boolean;
}

export function iamUserIdentity(p: { account: string; userName: string; principalId: string; accessKeyId: string }): JsonObject {
  return {
    type: 'IAMUser',
    principalId: p.principalId,
    arn: `arn:aws:iam::${p.account}:user/${p.userName}`,
    accountId: p.account,
    accessKeyId: p.accessKeyId,
    userName: p.userName,
  };
}

/** An IAM role as a session issuer. */
export interface RoleRef {
  account: string;
  roleName: string;
  /** '/' for ordinary roles, '/aws-reserved/sso.amazonaws.com/' for IAM Identity Center permission sets. */
  path: string;
  principalId: string;
}

export function roleArn(role: RoleRef): string {
  return `arn:aws:iam::${role.account}:role${role.path}${role.roleName}`;
}

export function sessionArn(role: RoleRef, sessionName: string): string {
  return `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${sessionName}`;
}

export interface SessionOptions {
  sessionName: string;
  accessKeyId: string;
  creationDate: Date;
  mfaAuthenticated?: boolean;
  onBehalfOf?: { userId: string; identityStoreArn: string };
  invokedBy?: string;
}

export function roleSessionIdentity(role: RoleRef, s: SessionOptions): JsonObject {
  const identity: JsonObject = {
    type: 'AssumedRole',
    principalId: `${role.principalId}:${s.sessionName}`,
    arn: sessionArn(role, s.sessionName),
    accountId: role.account,
    accessKeyId: s.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.principalId,
        arn: roleArn(role),
        accountId: role.account,
        userName: role.roleName,
      },
      attributes: {
        creationDate: isoSeconds(s.creationDate),
        mfaAuthenticated: s.mfaAuthenticated === true ? 'true' : 'false',
      },
    },
  };
  if (s.onBehalfOf) identity.onBehalfOf = { userId: s.onBehalfOf.userId, identityStoreArn: s.onBehalfOf.identityStoreArn };
  if (s.invokedBy) identity.invokedBy = s.invokedBy;
  return identity;
}

/** The same session, as it appears when an AWS service calls on its behalf. */
export function invokedByIdentity(identity: JsonObject, service: string): JsonObject {
  return { ...identity, invokedBy: service };
}

export function awsServiceIdentity(service: string): JsonObject {
  return { type: 'AWSService', invokedBy: service };
}

/** A person signed in through IAM Identity Center calling with a bearer token (Amazon Q Developer in the IDE). */
export function identityCenterUserIdentity(account: string, userId: string, identityStoreArn: string): JsonObject {
  return { type: 'IdentityCenterUser', accountId: account, onBehalfOf: { userId, identityStoreArn } };
}

export function identityStoreUserArn(userId: string): string {
  return `arn:aws:identitystore:::user/${userId}`;
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** The principal key of a record: userIdentity.arn, else the identity-store user ARN of onBehalfOf. */
export function principalOf(record: CloudTrailRecord): string | undefined {
  const identity = asObject(record.userIdentity);
  if (!identity) return undefined;
  if (typeof identity.arn === 'string') return identity.arn;
  const onBehalfOf = asObject(identity.onBehalfOf);
  if (onBehalfOf && typeof onBehalfOf.userId === 'string') return identityStoreUserArn(onBehalfOf.userId);
  return undefined;
}

/** AWS CLI v2 user agent; `command` is service.operation as the CLI writes it, e.g. qbusiness.list-applications. */
export function awsCliUserAgent(command: string, host: 'linux-vps' | 'macos-laptop' = 'linux-vps'): string {
  const platform =
    host === 'linux-vps'
      ? 'os/linux#6.5.0-1016-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22'
      : 'os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe';
  return `aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 ${platform} md/prompt#off md/command#${command}`;
}

export const BOTO3_USER_AGENT =
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0-1016-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69';

export const BROWSER = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
} as const;

/** One API call to record. */
export interface Call {
  at: Date;
  actor: Actor;
  eventSource: string;
  eventName: string;
  /** Defaults to the log's region. */
  region?: string;
  request?: JsonObject | null;
  response?: JsonObject | null;
  error?: { code: string; message: string };
  readOnly: boolean;
  /** Resources of a data event; giving them makes the record a data event. */
  dataResources?: JsonObject[];
  /** Resources listed on a management event. */
  resources?: JsonObject[];
  additionalEventData?: JsonObject;
  /** tlsDetails.clientProvidedHostHeader; defaults from the event source. */
  host?: string;
  requestId?: string;
  eventVersion?: string;
  vpcEndpointId?: string;
}

function defaultHost(eventSource: string, region: string): string {
  const service = eventSource.replace(/\.amazonaws\.com$/, '');
  if (service === 'iam') return 'iam.amazonaws.com';
  if (service === 's3') return 's3.amazonaws.com';
  if (service === 'qbusiness') return `qbusiness.${region}.api.aws`;
  return `${service}.${region}.amazonaws.com`;
}

/** Collects the records of one scenario and hands out their eventIDs. */
export class RecordLog {
  private readonly list: CloudTrailRecord[] = [];
  private readonly times = new Map<string, string>();

  constructor(
    private readonly ids: Ids,
    readonly account: string,
    readonly region: string,
  ) {}

  /** Records the call and returns its eventID. */
  call(c: Call): string {
    const region = c.region ?? this.region;
    const eventID = this.ids.uuid();
    const eventTime = isoSeconds(c.at);
    const isData = c.dataResources !== undefined;
    const record: CloudTrailRecord = {
      eventVersion: c.eventVersion ?? (isData ? '1.09' : '1.08'),
      userIdentity: c.actor.identity,
      eventTime,
      eventSource: c.eventSource,
      eventName: c.eventName,
      awsRegion: region,
      sourceIPAddress: c.actor.sourceIPAddress,
      userAgent: c.actor.userAgent,
    };
    if (c.error) {
      record.errorCode = c.error.code;
      record.errorMessage = c.error.message;
    }
    record.requestParameters = c.request ?? null;
    record.responseElements = c.error ? null : (c.response ?? null);
    if (c.additionalEventData) record.additionalEventData = c.additionalEventData;
    record.requestID = c.requestId ?? this.ids.uuid();
    record.eventID = eventID;
    record.readOnly = c.readOnly;
    const resources = isData ? c.dataResources : c.resources;
    if (resources && resources.length > 0) record.resources = resources;
    record.eventType = 'AwsApiCall';
    record.managementEvent = !isData;
    record.recipientAccountId = this.account;
    if (c.vpcEndpointId) record.vpcEndpointId = c.vpcEndpointId;
    record.eventCategory = isData ? 'Data' : 'Management';
    if (!c.actor.viaService) {
      record.tlsDetails = {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: c.host ?? defaultHost(c.eventSource, region),
      };
    }
    if (c.actor.console) record.sessionCredentialFromConsole = 'true';
    this.list.push(record);
    this.times.set(eventID, eventTime);
    return eventID;
  }

  timeOf(eventId: string): string {
    const time = this.times.get(eventId);
    if (time === undefined) throw new Error(`no record with eventID ${eventId}`);
    return time;
  }

  /** The records in eventTime order (ties keep the order they were made in). */
  records(): CloudTrailRecord[] {
    return this.list
      .map((record, index) => ({ record, index }))
      .sort((a, b) => {
        const byTime = String(a.record.eventTime).localeCompare(String(b.record.eventTime));
        return byTime !== 0 ? byTime : a.index - b.index;
      })
      .map(({ record }) => record);
  }
}

/** The error message IAM-authorised services write for an identity-policy denial. */
export function notAuthorized(principalArn: string, action: string, resource: string, explicitDeny = false): string {
  return explicitDeny
    ? `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`
    : `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}
