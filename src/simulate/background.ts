// Streams deterministic background CloudTrail activity: ordinary AWS account noise plus ordinary Amazon Q use.

import {
  ALNUM,
  IAM_ID_CHARS,
  Rng,
  UPPER_ALNUM,
  assumedRoleIdentity,
  awsServiceIdentity,
  iamUserIdentity,
  identityCenterUserIdentity,
  isoSeconds,
  makeRecord,
  roleArn,
  rootIdentity,
  tlsDetails,
  weighted,
} from './records.js';
import type {
  Caller,
  CloudTrailRecord,
  JsonObject,
  OnBehalfOf,
  RecordSpec,
  Resource,
  RoleRef,
  RoleSession,
  UserIdentity,
} from './records.js';

/** Bump whenever the records generated for a given seed change. */
export const GENERATOR_VERSION = 1;

export const DEFAULT_ACCOUNTS: readonly string[] = ['381492087235', '604127759318', '927356418402'];
export const DEFAULT_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1'];

export interface BackgroundOptions {
  seed: number;
  count: number;
  start: Date | string | number;
  end: Date | string | number;
  accounts?: readonly string[];
  regions?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The simulated organisation: accounts, people, principals, resources.

interface Person {
  email: string;
  userId: string;
  ip: string;
  browser: string;
  cli: string;
  /** Amazon Q Developer IDE plug-in user agent, for developers. */
  ide?: string;
  admin: boolean;
}

interface IamUser {
  accountId: string;
  userName: string;
  userId: string;
  accessKeyId: string;
  userAgent: string;
  ip: string;
}

interface Account {
  id: string;
  stem: string;
  /** Region of global services (IAM, STS global endpoint, sign-in). */
  globalRegion: string;
  regions: readonly string[];
  pickRegion: (rng: Rng) => string;
  terraform: IamUser;
  backup: IamUser;
  reporting: IamUser;
  ciRole: RoleRef;
  appRole: RoleRef;
  instanceRole: RoleRef;
  ssoAdmin: RoleRef;
  ssoReadOnly: RoleRef;
  serviceRoles: ReadonlyArray<{ service: string; role: RoleRef; sessionPrefix: string }>;
  vpcs: string[];
  instances: Array<{ id: string; ip: string; privateIp: string; az: string }>;
  amis: string[];
  buckets: string[];
  kmsKeys: string[];
  secrets: string[];
  parameters: string[];
  logGroups: string[];
  trail: string;
  vpce: string;
  ciIps: string[];
}

interface QBusinessApp {
  accountId: string;
  region: string;
  applicationId: string;
  indexId: string;
  retrieverId: string;
  webExperienceId: string;
  dataSources: string[];
  webRole: RoleRef;
  dataSourceRole: RoleRef;
  dataSourceSecret: string;
}

interface World {
  accounts: Account[];
  people: Person[];
  identityStoreArn: string;
  qbusiness: QBusinessApp;
  qDeveloper: { accountId: string; region: string; profileArn: string };
  /** Region of the Amazon Q (console chat) endpoint. */
  qRegion: string;
}

const FIRST = ['maria', 'james', 'wei', 'aisha', 'lukas', 'sofia', 'rahul', 'emma', 'kenji', 'olivia', 'diego', 'hannah'];
const LAST = ['garcia', 'okafor', 'chen', 'patel', 'novak', 'rossi', 'sharma', 'jones', 'tanaka', 'smith', 'lopez', 'berg'];

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
];

const CLIS = [
  'aws-cli/2.15.38 Python/3.11.8 Linux/6.5.0-1018-aws exe/x86_64.ubuntu.22 prompt/off command/',
  'aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#',
  'aws-cli/2.16.1 Python/3.11.8 Windows/10 exe/AMD64 prompt/off command/',
];

const IDES = [
  'aws-sdk-js/3.596.0 ua/2.0 os/darwin#23.5.0 lang/js md/nodejs#20.14.0 api/codewhispererstreaming#3.596.0 AmazonQ-For-VSCode/1.14.0 Visual-Studio-Code/1.90.2 ClientId/',
  'aws-sdk-js/3.540.0 ua/2.0 os/win32#10.0.22631 lang/js md/nodejs#18.18.2 api/codewhisperer#3.540.0 AWS-Toolkit-For-VSCode/1.99.0 Visual-Studio-Code/1.88.1 ClientId/',
  'aws-sdk-java/2.25.40 Linux/6.5.0-28-generic OpenJDK_64-Bit_Server_VM/17.0.10+8-b1207.12 Java/17.0.10 vendor/JetBrains_s.r.o. io/async http/NettyNio cfg/retry-mode/standard aws-toolkit-jetbrains/3.4-241 IntelliJ-IDEA/2024.1 ClientId/',
  'aws-sdk-js/3.596.0 ua/2.0 os/linux#6.5.0-35-generic lang/js md/nodejs#20.14.0 api/codewhispererstreaming#3.596.0 AmazonQ-For-VSCode/1.13.0 Visual-Studio-Code/1.90.0 ClientId/',
];

const TERRAFORM_UA =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.46.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.51.21 (go1.22.1; linux; amd64)';
const BOTO3_UA =
  'Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#6.1.84-99.169.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84';
const SDK_JS_UA = 'aws-sdk-js/3.565.0 ua/2.0 os/linux#5.10.215-203.850.amzn2.x86_64 lang/js md/nodejs#20.12.2 api/';
const SSM_AGENT_UA = 'aws-sdk-go/1.51.21 (go1.21.9; linux; amd64) amazon-ssm-agent/3.3.380.0';
const S3_CONSOLE_UA =
  '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.705 Linux/5.10.215-181.850.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard]';
const AWS_INTERNAL = 'AWS Internal';
/** What CloudTrail writes in place of sensitive request and response fields. */
const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

function prefer(regions: readonly string[], preferred: readonly string[]): string {
  return preferred.find((r) => regions.includes(r)) ?? regions[0]!;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function publicIp(rng: Rng, firstOctets: readonly number[]): string {
  return `${rng.pick(firstOctets)}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function buildAccount(id: string, seed: number, regions: readonly string[]): Account {
  const rng = new Rng(seed ^ hashString(id));
  const stem = rng.chars(IAM_ID_CHARS, 8);
  const uid = (prefix: string) => prefix + stem + rng.chars(IAM_ID_CHARS, 9);
  const akid = () => 'AKIA' + stem + rng.chars(IAM_ID_CHARS, 8);
  const role = (name: string, path?: string): RoleRef => ({ accountId: id, name, roleId: uid('AROA'), ...(path ? { path } : {}) });
  const ciIps = [publicIp(rng, [4, 20, 52]), publicIp(rng, [4, 20, 52])];
  const officeIp = publicIp(rng, [62, 81, 185]);
  const user = (userName: string, userAgent: string, ip: string): IamUser => ({
    accountId: id, userName, userId: uid('AIDA'), accessKeyId: akid(), userAgent, ip,
  });
  const home = regions[0]!;
  const weights = regions.map((r) => [r, r === home ? 6 : 4 / Math.max(1, regions.length - 1)] as const);
  const ssoPath = 'aws-reserved/sso.amazonaws.com/';
  const suffix = () => rng.hex(16);
  return {
    id,
    stem,
    globalRegion: prefer(regions, ['us-east-1']),
    regions,
    pickRegion: weighted(weights),
    terraform: user('terraform-deployer', TERRAFORM_UA, ciIps[0]!),
    backup: user('backup-agent', BOTO3_UA, publicIp(rng, [3, 18, 54])),
    reporting: user('svc-reporting', SDK_JS_UA, officeIp),
    ciRole: role('github-actions-deploy'),
    appRole: role('orders-api-task-role'),
    instanceRole: role('ec2-ssm-instance-role'),
    ssoAdmin: role(`AWSReservedSSO_AdministratorAccess_${suffix()}`, ssoPath),
    ssoReadOnly: role(`AWSReservedSSO_ReadOnlyAccess_${suffix()}`, ssoPath),
    serviceRoles: [
      { service: 'inspector2.amazonaws.com', role: role('AWSServiceRoleForAmazonInspector2', 'aws-service-role/inspector2.amazonaws.com/'), sessionPrefix: 'MandoService-' },
      { service: 'config.amazonaws.com', role: role('AWSServiceRoleForConfig', 'aws-service-role/config.amazonaws.com/'), sessionPrefix: 'AWSConfig-Describe' },
      { service: 'lambda.amazonaws.com', role: role('orders-rotation-lambda-role'), sessionPrefix: 'orders-secret-rotation' },
      { service: 'guardduty.amazonaws.com', role: role('AWSServiceRoleForAmazonGuardDuty', 'aws-service-role/guardduty.amazonaws.com/'), sessionPrefix: 'GuardDuty' },
    ],
    vpcs: [`vpc-0${rng.hex(16)}`, `vpc-0${rng.hex(16)}`],
    instances: Array.from({ length: 6 }, () => ({
      id: `i-0${rng.hex(16)}`,
      ip: publicIp(rng, [3, 18, 34, 44, 54]),
      privateIp: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(4, 254)}`,
      az: rng.pick(['a', 'b', 'c']),
    })),
    amis: [`ami-0${rng.hex(16)}`, `ami-0${rng.hex(16)}`],
    buckets: ['orders-artifacts', 'cloudtrail-logs', 'data-lake-raw', 'terraform-state'].map((b) => `${b}-${id}`),
    kmsKeys: Array.from({ length: 3 }, () => rng.uuid()),
    secrets: ['prod/orders/db', 'prod/orders/stripe-api', 'shared/confluence-connector'].map((s) => `${s}-${rng.chars(ALNUM, 6)}`),
    parameters: ['/orders/prod/db-host', '/orders/prod/feature-flags', '/platform/ami/latest', '/platform/vpc/id'],
    logGroups: ['/aws/lambda/orders-secret-rotation', '/ecs/orders-api', '/aws/ssm/session-logs', '/platform/vpc-flow-logs'],
    trail: 'org-management-trail',
    vpce: `vpce-0${rng.hex(16)}`,
    ciIps,
  };
}

function buildWorld(seed: number, accountIds: readonly string[], regions: readonly string[]): World {
  const accounts = accountIds.map((id) => buildAccount(id, seed, regions));
  const rng = new Rng(seed ^ 0x5bd1e995);
  const main = accounts[0]!;
  const people: Person[] = FIRST.map((first, i) => {
    const developer = i % 3 !== 2;
    return {
      email: `${first}.${LAST[i]!}@example.com`,
      userId: rng.uuid(),
      ip: publicIp(rng, [62, 81, 86, 92, 185, 212]),
      browser: rng.pick(BROWSERS),
      cli: rng.pick(CLIS),
      ...(developer ? { ide: rng.pick(IDES) + rng.uuid() } : {}),
      admin: i < 4,
    };
  });
  const qRegion = prefer(regions, ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']);
  const role = (name: string): RoleRef => ({ accountId: main.id, name, roleId: 'AROA' + main.stem + rng.chars(IAM_ID_CHARS, 9) });
  const appSuffix = rng.chars('abcdefghijklmnopqrstuvwxyz', 4);
  return {
    accounts,
    people,
    identityStoreArn: `arn:aws:identitystore::${main.id}:identitystore/d-${rng.chars('0123456789', 10)}`,
    qbusiness: {
      accountId: main.id,
      region: qRegion,
      applicationId: rng.uuid(),
      indexId: rng.uuid(),
      retrieverId: rng.uuid(),
      webExperienceId: rng.uuid(),
      dataSources: [rng.uuid(), rng.uuid(), rng.uuid()],
      webRole: role(`QBusiness-WebExperience-${appSuffix}`),
      dataSourceRole: role(`QBusiness-DataSource-${appSuffix}`),
      dataSourceSecret: main.secrets[2]!,
    },
    qDeveloper: {
      accountId: main.id,
      region: prefer(regions, ['us-east-1', 'eu-central-1']),
      profileArn: `arn:aws:codewhisperer:${prefer(regions, ['us-east-1', 'eu-central-1'])}:${main.id}:profile/${rng.chars(UPPER_ALNUM, 12)}`,
    },
    qRegion: prefer(regions, ['us-east-1']),
  };
}

// ---------------------------------------------------------------------------------------------
// Episodes: short bursts of related calls by one actor (a Terraform plan, a chat, an IDE session).

interface Ctx {
  rng: Rng;
  world: World;
  endMs: number;
}

/** The actor of an episode: who calls, from where, with what, in which account. */
interface Actor extends Caller {
  account: Account;
}

type Call = RecordSpec;

/** Longest an episode may last; so records are never more than this out of time order. */
export const MAX_DISORDER_MS = 15 * 60_000;

/** A clock that only moves forward, within the episode's time limit and the requested range. */
class Clock {
  private t: number;
  private readonly limit: number;
  private readonly rng: Rng;

  constructor(t0: number, ctx: Ctx) {
    this.t = t0;
    this.limit = Math.min(ctx.endMs - 1, t0 + MAX_DISORDER_MS);
    this.rng = ctx.rng;
  }

  now(): number {
    return this.t;
  }

  advance(loMs: number, hiMs: number): void {
    this.t = Math.min(this.t + this.rng.int(loMs, hiMs), this.limit);
  }
}

function record(ctx: Ctx, clock: Clock, actor: Actor, call: Call): CloudTrailRecord {
  return makeRecord(ctx.rng, call, clock.now(), actor, actor.account.id);
}

function tempKey(rng: Rng, account: Account): string {
  return 'ASIA' + account.stem + rng.chars(IAM_ID_CHARS, 8);
}

function session(ctx: Ctx, clock: Clock, account: Account, role: RoleRef, sessionName: string, extra: Partial<RoleSession> = {}): UserIdentity {
  return assumedRoleIdentity({
    role,
    sessionName,
    accessKeyId: tempKey(ctx.rng, account),
    creationDate: isoSeconds(clock.now() - ctx.rng.int(5_000, 3_000_000)),
    ...extra,
  });
}

/** `us-east-1` → `use1`, `ap-southeast-2` → `apse2`, as in availability-zone IDs. */
function azIdPrefix(region: string): string {
  const [area = '', direction = '', n = ''] = region.split('-');
  return area + direction.replace('north', 'n').replace('south', 's').replace('east', 'e').replace('west', 'w').replace('central', 'c') + n;
}

const host = (service: string, region: string) => `${service}.${region}.amazonaws.com`;
const vpcFilter = (vpc: string) => ({ items: [{ name: 'vpc-id', valueSet: { items: [{ value: vpc }] } }] });

function accessDenied(actor: Actor, action: string, resource: string): { code: string; message: string } {
  return {
    code: 'AccessDenied',
    message: `User: ${actor.identity.arn ?? ''} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  };
}

// --- per-service call builders ----------------------------------------------------------------

type Ec2Describe = readonly [name: string, params: (a: Account, rng: Rng) => JsonObject];
const EC2_DESCRIBES: readonly Ec2Describe[] = [
  ['DescribeInstances', () => ({ instancesSet: {}, filterSet: {} })],
  ['DescribeInstances', (a, r) => ({ instancesSet: { items: [{ instanceId: r.pick(a.instances).id }] }, filterSet: {} })],
  ['DescribeRouteTables', (a, r) => ({ routeTableIdSet: {}, filterSet: vpcFilter(r.pick(a.vpcs)) })],
  ['DescribeVpcs', (a, r) => ({ vpcSet: { items: [{ vpcId: r.pick(a.vpcs) }] }, filterSet: {} })],
  ['DescribeSubnets', (a, r) => ({ subnetSet: {}, filterSet: vpcFilter(r.pick(a.vpcs)) })],
  ['DescribeSecurityGroups', (a, r) => ({ securityGroupSet: {}, securityGroupIdSet: {}, filterSet: vpcFilter(r.pick(a.vpcs)) })],
  ['DescribeNatGateways', (_a, r) => ({ DescribeNatGatewaysRequest: { NatGatewayId: { tag: 1, content: `nat-0${r.hex(16)}` } } })],
  ['DescribeVpcAttribute', (a, r) => ({ vpcId: r.pick(a.vpcs), attribute: r.pick(['enableDnsSupport', 'enableDnsHostnames']) })],
  ['DescribeAvailabilityZones', () => ({ availabilityZoneSet: {}, availabilityZoneIdSet: {}, filterSet: { items: [{ name: 'state', valueSet: { items: [{ value: 'available' }] } }] } })],
  ['DescribeAccountAttributes', () => ({ accountAttributeNameSet: { items: [{ attributeName: 'supported-platforms' }] }, filterSet: {} })],
  ['DescribeInternetGateways', (a, r) => ({ internetGatewayIdSet: {}, filterSet: { items: [{ name: 'attachment.vpc-id', valueSet: { items: [{ value: r.pick(a.vpcs) }] } }] } })],
  ['DescribeNetworkAcls', (a, r) => ({ networkAclIdSet: {}, filterSet: vpcFilter(r.pick(a.vpcs)) })],
  ['DescribeImages', (a, r) => ({ executableBySet: {}, imagesSet: { items: [{ imageId: r.pick(a.amis) }] }, ownersSet: {}, filterSet: {} })],
  ['DescribeVolumes', () => ({ volumeSet: {}, filterSet: {} })],
  ['DescribeInstanceStatus', () => ({ instancesSet: {}, filterSet: {}, includeAllInstances: false })],
  ['DescribeAddresses', () => ({ publicIpsSet: {}, allocationIdsSet: {}, filterSet: {} })],
  ['DescribeKeyPairs', () => ({ keySet: {}, filterSet: {} })],
  ['DescribeInstanceAttribute', (a, r) => ({ instanceId: r.pick(a.instances).id, attribute: r.pick(['disableApiTermination', 'instanceInitiatedShutdownBehavior', 'userData']) })],
];

function ec2Describe(ctx: Ctx, actor: Actor, region: string): Call {
  const [name, params] = ctx.rng.pick(EC2_DESCRIBES);
  const throttled = ctx.rng.chance(0.004);
  return {
    source: 'ec2.amazonaws.com', name, region, readOnly: true, eventVersion: '1.08',
    request: params(actor.account, ctx.rng),
    ...(throttled ? { error: { code: 'Client.RequestLimitExceeded', message: 'Request limit exceeded.' } } : {}),
    tls: tlsDetails(host('ec2', region), false),
  };
}

type IamRead = readonly [name: string, params: (a: Account, rng: Rng) => JsonObject | null];
const IAM_READS: readonly IamRead[] = [
  ['GetUser', (a, r) => ({ userName: r.pick([a.terraform, a.backup, a.reporting]).userName })],
  ['ListUsers', () => null],
  ['ListRoles', () => null],
  ['GetRole', (a, r) => ({ roleName: r.pick([a.ciRole, a.appRole, a.instanceRole]).name })],
  ['ListAttachedRolePolicies', (a, r) => ({ roleName: r.pick([a.ciRole, a.appRole, a.instanceRole]).name })],
  ['ListRolePolicies', (a, r) => ({ roleName: r.pick([a.ciRole, a.appRole, a.instanceRole]).name })],
  ['GetPolicy', (a) => ({ policyArn: `arn:aws:iam::${a.id}:policy/orders-api-access` })],
  ['GetPolicyVersion', (a, r) => ({ policyArn: `arn:aws:iam::${a.id}:policy/orders-api-access`, versionId: `v${r.int(1, 6)}` })],
  ['ListAccessKeys', (a, r) => ({ userName: r.pick([a.terraform, a.backup, a.reporting]).userName })],
  ['ListInstanceProfilesForRole', (a) => ({ roleName: a.instanceRole.name })],
  ['GetAccountPasswordPolicy', () => null],
];

function iamRead(ctx: Ctx, actor: Actor): Call {
  const [name, params] = ctx.rng.pick(IAM_READS);
  return {
    source: 'iam.amazonaws.com', name, region: actor.account.globalRegion, readOnly: true, eventVersion: '1.08',
    request: params(actor.account, ctx.rng), tls: tlsDetails('iam.amazonaws.com', false),
  };
}

const S3_BUCKET_READS = ['GetBucketAcl', 'GetBucketPolicy', 'GetBucketLocation', 'GetBucketVersioning', 'GetBucketEncryption', 'GetBucketPublicAccessBlock', 'GetBucketTagging', 'GetBucketLogging'] as const;

function s3BucketRead(ctx: Ctx, actor: Actor, region: string): Call {
  const { rng } = ctx;
  const bucket = rng.pick(actor.account.buckets);
  const name = rng.pick(S3_BUCKET_READS);
  const bucketHost = `${bucket}.s3.${region}.amazonaws.com`;
  const subresource = name.slice(9).toLowerCase().replace('publicaccessblock', 'publicAccessBlock');
  const missing = name === 'GetBucketPolicy' ? rng.chance(0.5) : name === 'GetBucketTagging' && rng.chance(0.3);
  return {
    source: 's3.amazonaws.com', name, region, readOnly: true, eventVersion: '1.09',
    request: { bucketName: bucket, Host: bucketHost, [subresource]: '' },
    additionalEventData: {
      SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': rng.chars(ALNUM + '+/', 76) + '==', bytesTransferredOut: missing ? 0 : rng.int(180, 1400),
    },
    requestID: rng.chars(UPPER_ALNUM, 16),
    resources: [{ accountId: actor.account.id, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    ...(missing
      ? { error: name === 'GetBucketPolicy' ? { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' } : { code: 'NoSuchTagSet', message: 'The TagSet does not exist' } }
      : {}),
    tls: tlsDetails(bucketHost, true),
  };
}

const keyArn = (a: Account, region: string, key: string) => `arn:aws:kms:${region}:${a.id}:key/${key}`;
const secretArn = (a: Account, region: string, secret: string) => `arn:aws:secretsmanager:${region}:${a.id}:secret:${secret}`;
const upperUuid = (rng: Rng) => rng.uuid().toUpperCase();

/** GetSecretValue, then the KMS Decrypt Secrets Manager makes with the caller's credentials. */
function* secretRead(ctx: Ctx, clock: Clock, actor: Actor, region: string, secret: string, viaEndpoint: boolean): Generator<CloudTrailRecord> {
  const a = actor.account;
  const arn = secretArn(a, region, secret);
  yield record(ctx, clock, actor, {
    source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', region, readOnly: true, eventVersion: '1.08',
    request: { secretId: arn },
    ...(viaEndpoint ? { vpcEndpointId: a.vpce } : {}),
    tls: tlsDetails(host('secretsmanager', region), true),
  });
  clock.advance(5, 80);
  yield record(ctx, clock, actor, {
    identity: { ...actor.identity, invokedBy: 'secretsmanager.amazonaws.com' },
    ip: 'secretsmanager.amazonaws.com', userAgent: 'secretsmanager.amazonaws.com',
    source: 'kms.amazonaws.com', name: 'Decrypt', region, readOnly: true, eventVersion: '1.08',
    request: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { SecretARN: arn, SecretVersionId: upperUuid(ctx.rng) } },
    resources: [{ accountId: a.id, type: 'AWS::KMS::Key', ARN: keyArn(a, region, a.kmsKeys[1]!) }],
    vpcEndpointId: `vpce-0${ctx.rng.hex(16)}`,
  });
}

function kmsCall(ctx: Ctx, actor: Actor, region: string): Call {
  const { rng } = ctx;
  const a = actor.account;
  const key = rng.pick(a.kmsKeys);
  const name = rng.pick(['DescribeKey', 'GenerateDataKey', 'Decrypt', 'Encrypt', 'ListAliases', 'GetKeyRotationStatus'] as const);
  const bucket = rng.pick(a.buckets);
  const request: JsonObject | null =
    name === 'ListAliases' ? null
      : name === 'DescribeKey' || name === 'GetKeyRotationStatus' ? { keyId: keyArn(a, region, key) }
        : name === 'GenerateDataKey' ? { keyId: keyArn(a, region, key), keySpec: 'AES_256', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${bucket}` } }
          : { keyId: keyArn(a, region, key), encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${bucket}` } };
  return {
    source: 'kms.amazonaws.com', name, region, readOnly: name !== 'Encrypt', eventVersion: '1.08', request,
    ...(name === 'ListAliases' ? {} : { resources: [{ accountId: a.id, type: 'AWS::KMS::Key', ARN: keyArn(a, region, key) }] }),
    tls: tlsDetails(host('kms', region), false),
  };
}

function ssmCall(ctx: Ctx, actor: Actor, region: string): Call {
  const { rng } = ctx;
  const a = actor.account;
  const param = rng.pick(a.parameters);
  const name = rng.pick(['GetParameter', 'GetParameter', 'GetParameters', 'DescribeParameters', 'ListTagsForResource', 'DescribeInstanceInformation'] as const);
  const request: JsonObject =
    name === 'GetParameter' ? { name: param, withDecryption: rng.chance(0.6) }
      : name === 'GetParameters' ? { names: [param, rng.pick(a.parameters)], withDecryption: true }
        : name === 'DescribeParameters' ? { parameterFilters: [{ key: 'Name', option: 'Equals', values: [param] }] }
          : name === 'ListTagsForResource' ? { resourceType: 'Parameter', resourceId: param }
            : { maxResults: 50 };
  const resources: Resource[] | undefined =
    name === 'GetParameter' ? [{ accountId: a.id, ARN: `arn:aws:ssm:${region}:${a.id}:parameter${param}` }] : undefined;
  return {
    source: 'ssm.amazonaws.com', name, region, readOnly: true, eventVersion: '1.08', request,
    ...(resources ? { resources } : {}),
    tls: tlsDetails(host('ssm', region), false),
  };
}

function secretsMeta(ctx: Ctx, actor: Actor, region: string): Call {
  const name = ctx.rng.pick(['DescribeSecret', 'GetResourcePolicy', 'ListSecrets'] as const);
  const secret = secretArn(actor.account, region, ctx.rng.pick(actor.account.secrets));
  return {
    source: 'secretsmanager.amazonaws.com', name, region, readOnly: true, eventVersion: '1.08',
    request: name === 'ListSecrets' ? { maxResults: 100 } : { secretId: secret },
    tls: tlsDetails(host('secretsmanager', region), true),
  };
}

function logsCall(ctx: Ctx, actor: Actor, region: string): Call {
  const group = ctx.rng.pick(actor.account.logGroups);
  const name = ctx.rng.pick(['DescribeLogGroups', 'DescribeLogStreams', 'DescribeMetricFilters', 'ListTagsLogGroup'] as const);
  const request: JsonObject =
    name === 'DescribeLogGroups' ? { logGroupNamePrefix: group }
      : name === 'DescribeLogStreams' ? { logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 50 }
        : { logGroupName: group };
  return {
    source: 'logs.amazonaws.com', name, region, readOnly: true, eventVersion: '1.08', apiVersion: '20140328', request,
    tls: tlsDetails(host('logs', region), false),
  };
}

function cloudtrailCall(ctx: Ctx, actor: Actor, region: string): Call {
  const a = actor.account;
  const trailArn = `arn:aws:cloudtrail:${a.globalRegion}:${a.id}:trail/${a.trail}`;
  const name = ctx.rng.pick(['DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'ListTrails', 'LookupEvents'] as const);
  const request: JsonObject | null =
    name === 'DescribeTrails' ? { trailNameList: [], includeShadowTrails: true }
      : name === 'GetTrailStatus' ? { name: trailArn }
        : name === 'GetEventSelectors' ? { trailName: trailArn }
          : name === 'LookupEvents' ? { maxResults: 50, lookupAttributes: [{ attributeKey: 'ReadOnly', attributeValue: 'false' }] }
            : null;
  return {
    source: 'cloudtrail.amazonaws.com', name, region, readOnly: true, eventVersion: '1.09', request,
    tls: tlsDetails(host('cloudtrail', region), false),
  };
}

function callerIdentity(actor: Actor, regional: string | null): Call {
  return {
    source: 'sts.amazonaws.com', name: 'GetCallerIdentity', region: regional ?? actor.account.globalRegion, readOnly: true, eventVersion: '1.08',
    request: null, tls: tlsDetails(regional ? host('sts', regional) : 'sts.amazonaws.com', false),
  };
}

function sessionToken(rng: Rng): string {
  return 'IQoJb3JpZ2luX2Vj' + rng.chars(ALNUM + '+/', 620) + '==';
}

function stsExpiration(ms: number): string {
  const d = new Date(ms);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** An STS AssumeRole call handing out `accessKeyId` (the key the new session's calls then carry). */
function assumeRole(ctx: Ctx, clock: Clock, account: Account, role: RoleRef, sessionName: string, region: string, accessKeyId: string): Call {
  const { rng } = ctx;
  const arn = roleArn(role);
  return {
    source: 'sts.amazonaws.com', name: 'AssumeRole', region, readOnly: true, eventVersion: '1.08',
    request: { roleArn: arn, roleSessionName: sessionName, durationSeconds: 3600 },
    response: {
      credentials: { accessKeyId, sessionToken: sessionToken(rng), expiration: stsExpiration(clock.now() + 3_600_000) },
      assumedRoleUser: { assumedRoleId: `${role.roleId}:${sessionName}`, arn: `arn:aws:sts::${account.id}:assumed-role/${role.name}/${sessionName}` },
    },
    resources: [{ accountId: account.id, type: 'AWS::IAM::Role', ARN: arn }],
    sharedEventID: rng.uuid(),
  };
}

// --- episodes ---------------------------------------------------------------------------------

type Episode = (ctx: Ctx, t0: number) => Generator<CloudTrailRecord>;

/** Terraform plan/refresh from CI: a burst of reads across many services, as in the invictus data. */
function* terraformRun(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(ctx.world.accounts);
  const viaCiRole = rng.chance(0.6);
  const ip = rng.pick(account.ciIps);
  const identity = viaCiRole
    ? session(ctx, clock, account, account.ciRole, 'GitHubActions', {})
    : iamUserIdentity(account.terraform);
  const actor: Actor = { identity, account, ip, userAgent: TERRAFORM_UA };
  const region = account.pickRegion(rng);
  yield record(ctx, clock, actor, callerIdentity(actor, null));
  const n = rng.int(8, 60);
  const pickCall = weighted<(c: Ctx, a: Actor, r: string) => Call>([
    [ec2Describe, 10], [(c, a) => iamRead(c, a), 3], [s3BucketRead, 3], [kmsCall, 1.5], [ssmCall, 2], [secretsMeta, 1.2], [logsCall, 1], [cloudtrailCall, 0.4],
  ]);
  for (let i = 0; i < n; i++) {
    clock.advance(40, 1500);
    yield record(ctx, clock, actor, pickCall(rng)(ctx, actor, region));
  }
  if (rng.chance(0.15)) {
    clock.advance(500, 4000);
    const param = rng.pick(account.parameters);
    yield record(ctx, clock, actor, {
      source: 'ssm.amazonaws.com', name: 'PutParameter', region, readOnly: false, eventVersion: '1.08',
      request: { name: param, value: HIDDEN, type: 'String', overwrite: true, allowedPattern: '', tier: 'Standard' },
      response: { version: rng.int(2, 40), tier: 'Standard' },
      tls: tlsDetails(host('ssm', region), false),
    });
    clock.advance(100, 900);
    yield record(ctx, clock, actor, {
      source: 'ec2.amazonaws.com', name: 'CreateTags', region, readOnly: false, eventVersion: '1.08',
      request: { resourcesSet: { items: [{ resourceId: rng.pick(account.instances).id }] }, tagSet: { items: [{ key: 'LastDeployed', value: isoSeconds(clock.now()) }] } },
      response: { requestId: rng.uuid(), _return: true },
      tls: tlsDetails(host('ec2', region), false),
    });
  }
}

/** An engineer running a few CLI commands (sometimes with long-term keys, sometimes through SSO). */
function* cliSession(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(world.accounts);
  const person = rng.pick(world.people);
  const region = account.pickRegion(rng);
  const sso = person.admin ? account.ssoAdmin : account.ssoReadOnly;
  const useKey = rng.chance(0.25);
  const keyUser = rng.pick([account.backup, account.reporting]);
  const actor: Actor = useKey
    ? { identity: iamUserIdentity(keyUser), account, ip: keyUser.ip, userAgent: keyUser.userAgent }
    : { identity: session(ctx, clock, account, sso, person.email), account, ip: person.ip, userAgent: person.cli };
  const cliUa = (cmd: string) => (useKey ? (keyUser.userAgent === SDK_JS_UA ? SDK_JS_UA + cmd.split('.')[0] + '#3.565.0' : keyUser.userAgent) : person.cli + cmd);
  const n = rng.int(1, 8);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 9);
    let call: Call;
    if (kind <= 3) call = ec2Describe(ctx, actor, region);
    else if (kind <= 5) call = iamRead(ctx, actor);
    else if (kind === 6) call = s3BucketRead(ctx, actor, region);
    else if (kind === 7) call = ssmCall(ctx, actor, region);
    else if (kind === 8) call = logsCall(ctx, actor, region);
    else call = callerIdentity(actor, region);
    if (!person.admin && !useKey && call.source === 'iam.amazonaws.com' && rng.chance(0.2)) {
      call = { ...call, error: accessDenied(actor, `iam:${call.name}`, `arn:aws:iam::${account.id}:role/`) };
    }
    const cmd = `${call.source.split('.')[0]}.${call.name.replace(/[A-Z]/g, (c, off: number) => (off ? '-' : '') + c.toLowerCase())}`;
    yield record(ctx, clock, actor, { ...call, userAgent: cliUa(cmd) });
    clock.advance(2_000, 45_000);
  }
}

/** An application role reading its secrets and parameters from inside a VPC. */
function* appRuntime(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(ctx.world.accounts);
  const region = account.regions[0]!;
  const task = rng.hex(32);
  const identity = session(ctx, clock, account, account.appRole, task);
  const actor: Actor = { identity, account, ip: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(4, 254)}`, userAgent: SDK_JS_UA + 'secrets-manager#3.565.0' };
  yield* secretRead(ctx, clock, actor, region, rng.pick(account.secrets.slice(0, 2)), true);
  const n = rng.int(0, 3);
  for (let i = 0; i < n; i++) {
    clock.advance(20, 2000);
    const call = rng.chance(0.6) ? ssmCall(ctx, actor, region) : kmsCall(ctx, actor, region);
    yield record(ctx, clock, actor, { ...call, vpcEndpointId: account.vpce, userAgent: SDK_JS_UA + call.source.split('.')[0] + '#3.565.0' });
  }
  if (rng.chance(0.3)) {
    clock.advance(100, 3000);
    const backup: Actor = { identity: iamUserIdentity(account.backup), account, ip: account.backup.ip, userAgent: BOTO3_UA };
    yield record(ctx, clock, backup, s3BucketRead(ctx, backup, region));
  }
}

/** The SSM agent on an instance checking in with its instance-profile credentials. */
function* ssmAgent(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(ctx.world.accounts);
  const region = account.regions[0]!;
  const inst = rng.pick(account.instances);
  const identity = session(ctx, clock, account, account.instanceRole, inst.id, { ec2RoleDelivery: true });
  const actor: Actor = { identity, account, ip: inst.ip, userAgent: SSM_AGENT_UA };
  const instanceResource: Resource[] = [{ accountId: account.id, ARN: `arn:aws:ec2:${region}:${account.id}:instance/${inst.id}` }];
  yield record(ctx, clock, actor, {
    source: 'ssm.amazonaws.com', name: 'UpdateInstanceInformation', region, readOnly: false, eventVersion: '1.08',
    request: {
      instanceId: inst.id, agentVersion: '3.3.380.0', agentStatus: 'Active', platformType: 'Linux', platformName: 'Amazon Linux',
      platformVersion: '2023', iPAddress: inst.privateIp, computerName: `ip-${inst.privateIp.replaceAll('.', '-')}.${region}.compute.internal`,
      agentName: 'amazon-ssm-agent', availabilityZone: region + inst.az, availabilityZoneId: `${azIdPrefix(region)}-az${rng.int(1, 6)}`,
    },
    tls: tlsDetails(host('ssm', region), false),
  });
  clock.advance(200, 30_000);
  yield record(ctx, clock, actor, {
    source: 'ssm.amazonaws.com', name: 'ListInstanceAssociations', region, readOnly: true, eventVersion: '1.08',
    request: { instanceId: inst.id, maxResults: 20 }, resources: instanceResource,
    tls: tlsDetails(host('ssm', region), false),
  });
  if (rng.chance(0.4)) {
    clock.advance(200, 10_000);
    yield record(ctx, clock, actor, {
      source: 'logs.amazonaws.com', name: 'CreateLogStream', region, readOnly: false, eventVersion: '1.08', apiVersion: '20140328',
      request: { logGroupName: '/aws/ssm/session-logs', logStreamName: `${inst.id}/${rng.hex(16)}` },
      tls: tlsDetails(host('logs', region), false),
    });
  }
}

/** A person clicking around the console: reads recorded with the browser, some as "AWS Internal". */
function* consoleBrowsing(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(world.accounts);
  const person = rng.pick(world.people);
  const region = account.pickRegion(rng);
  const role = person.admin ? account.ssoAdmin : account.ssoReadOnly;
  const identity = session(ctx, clock, account, role, person.email);
  const actor: Actor = { identity, account, ip: person.ip, userAgent: person.browser, fromConsole: true };
  const n = rng.int(3, 14);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 11);
    if (kind <= 4) {
      yield record(ctx, clock, actor, ec2Describe(ctx, actor, region));
    } else if (kind === 5) {
      yield record(ctx, clock, actor, { ...s3BucketRead(ctx, actor, region), ip: AWS_INTERNAL, userAgent: S3_CONSOLE_UA, tls: undefined });
    } else if (kind === 6) {
      yield record(ctx, clock, actor, { ...cloudtrailCall(ctx, actor, region), userAgent: AWS_INTERNAL });
    } else if (kind === 7) {
      yield record(ctx, clock, actor, iamRead(ctx, actor));
    } else if (kind === 8) {
      yield record(ctx, clock, actor, {
        identity: { ...identity, invokedBy: 'health.amazonaws.com' }, ip: 'health.amazonaws.com', userAgent: AWS_INTERNAL,
        source: 'health.amazonaws.com', name: 'DescribeEventAggregates', region: account.globalRegion, readOnly: true, eventVersion: '1.08',
        request: { filter: { eventStatusCodes: ['open', 'upcoming'] }, aggregateField: 'eventTypeCategory' },
      });
    } else if (kind === 9) {
      yield record(ctx, clock, actor, secretsMeta(ctx, actor, region));
    } else if (kind === 10 && !person.admin) {
      const inst = rng.pick(account.instances);
      yield record(ctx, clock, actor, {
        source: 'ec2.amazonaws.com', name: 'StopInstances', region, readOnly: false, eventVersion: '1.08',
        request: { instancesSet: { items: [{ instanceId: inst.id }] }, force: false },
        error: { code: 'Client.UnauthorizedOperation', message: `You are not authorized to perform this operation. User: ${identity.arn ?? ''} is not authorized to perform: ec2:StopInstances on resource: arn:aws:ec2:${region}:${account.id}:instance/${inst.id} because no identity-based policy allows the ec2:StopInstances action. Encoded authorization failure message: ${rng.chars(ALNUM + '-_', 180)}` },
        tls: tlsDetails(host('ec2', region), true),
      });
    } else {
      yield record(ctx, clock, actor, logsCall(ctx, actor, region));
    }
    clock.advance(1_500, 40_000);
  }
}

/** AWS services acting in the account: service-role AssumeRole, scheduled describes, service events. */
function* serviceActivity(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(ctx.world.accounts);
  const region = account.pickRegion(rng);
  const kind = rng.int(0, 9);
  if (kind <= 5) {
    const svc = rng.pick(account.serviceRoles);
    const sessionName = svc.sessionPrefix === 'MandoService-' ? svc.sessionPrefix + String(rng.int(1e9, 9e9)) + String(rng.int(1e8, 9e8)) : svc.sessionPrefix;
    const actor: Actor = { identity: awsServiceIdentity(svc.service), account, ip: svc.service, userAgent: svc.service };
    const accessKeyId = tempKey(rng, account);
    yield record(ctx, clock, actor, assumeRole(ctx, clock, account, svc.role, sessionName, region, accessKeyId));
    const roleActor: Actor = {
      identity: session(ctx, clock, account, svc.role, sessionName, { invokedBy: svc.service, accessKeyId, creationDate: isoSeconds(clock.now()) }),
      account, ip: svc.service, userAgent: svc.service,
    };
    const follow = rng.int(0, 4);
    for (let i = 0; i < follow; i++) {
      clock.advance(100, 5_000);
      const call = rng.chance(0.7) ? ec2Describe(ctx, roleActor, region) : iamRead(ctx, roleActor);
      yield record(ctx, clock, roleActor, { ...call, tls: undefined });
    }
  } else if (kind <= 7) {
    const key = rng.pick(account.kmsKeys);
    const actor: Actor = { identity: { accountId: account.id, invokedBy: 'kms.amazonaws.com' }, account, ip: 'kms.amazonaws.com', userAgent: 'kms.amazonaws.com' };
    yield record(ctx, clock, actor, {
      source: 'kms.amazonaws.com', name: 'RotateKey', region, readOnly: false, eventVersion: '1.08', eventType: 'AwsServiceEvent', requestID: null,
      additionalEventData: { keyId: keyArn(account, region, key) },
      resources: [{ accountId: account.id, type: 'AWS::KMS::Key', ARN: keyArn(account, region, key) }],
      sharedEventID: rng.uuid(),
    });
  } else {
    const secret = secretArn(account, region, rng.pick(account.secrets));
    const actor: Actor = { identity: { accountId: account.id, invokedBy: 'secretsmanager.amazonaws.com' }, account, ip: 'secretsmanager.amazonaws.com', userAgent: 'secretsmanager.amazonaws.com' };
    yield record(ctx, clock, actor, {
      source: 'secretsmanager.amazonaws.com', name: 'RotationSucceeded', region, readOnly: false, eventVersion: '1.08', eventType: 'AwsServiceEvent', requestID: null,
      additionalEventData: { SecretId: secret },
    });
  }
}

/** The root user signing in (rare). */
function* rootSignIn(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(world.accounts);
  const person = world.people[0]!;
  const actor: Actor = { identity: rootIdentity(account.id), account, ip: person.ip, userAgent: person.browser };
  yield record(ctx, clock, actor, {
    source: 'signin.amazonaws.com', name: 'ConsoleLogin', region: account.globalRegion, readOnly: false, eventVersion: '1.09',
    eventType: 'AwsConsoleSignIn', requestID: null, request: null, response: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true', MobileVersion: 'No', MFAUsed: 'Yes' },
    tls: tlsDetails('signin.aws.amazon.com', true),
  });
  const consoleRoot: Actor = {
    ...actor,
    identity: rootIdentity(account.id, { accessKeyId: tempKey(rng, account), creationDate: isoSeconds(clock.now()), mfaAuthenticated: true }),
    fromConsole: true,
  };
  clock.advance(3_000, 20_000);
  yield record(ctx, clock, consoleRoot, { source: 'iam.amazonaws.com', name: 'GetAccountSummary', region: account.globalRegion, readOnly: true, eventVersion: '1.08', request: null, tls: tlsDetails('iam.amazonaws.com', true) });
}

// --- Amazon Q ---------------------------------------------------------------------------------

function onBehalfOf(world: World, person: Person): OnBehalfOf {
  return { userId: person.userId, identityStoreArn: world.identityStoreArn };
}

/** A workforce user chatting in the Q Business web experience: shared role, identity-enhanced session. */
function* qBusinessChat(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const app = world.qbusiness;
  const account = world.accounts[0]!;
  const person = rng.pick(world.people);
  const identity = session(ctx, clock, account, app.webRole, String(rng.int(1e9, 9e9)) + String(rng.int(1e8, 9e8)), { onBehalfOf: onBehalfOf(world, person) });
  const actor: Actor = { identity, account, ip: person.ip, userAgent: person.browser };
  const region = app.region;
  const base = { source: 'qbusiness.amazonaws.com', region, eventVersion: '1.09', tls: tlsDetails(`qbusiness.${region}.api.aws`, true) };
  yield record(ctx, clock, actor, { ...base, name: 'GetChatControlsConfiguration', readOnly: true, request: { applicationId: app.applicationId } });
  clock.advance(100, 1500);
  yield record(ctx, clock, actor, { ...base, name: 'ListConversations', readOnly: true, request: { applicationId: app.applicationId, maxResults: 100 } });
  let conversationId: string | null = null;
  if (rng.chance(0.35)) {
    conversationId = rng.uuid();
    clock.advance(1_000, 20_000);
    yield record(ctx, clock, actor, { ...base, name: 'ListMessages', readOnly: true, request: { applicationId: app.applicationId, conversationId, maxResults: 100 } });
  }
  const turns = rng.int(1, 6);
  let parent: string | null = null;
  for (let i = 0; i < turns; i++) {
    clock.advance(8_000, 90_000);
    const systemMessageId = rng.uuid();
    const request: JsonObject = { applicationId: app.applicationId, userMessage: HIDDEN, clientToken: rng.uuid(), chatMode: 'RETRIEVAL_MODE' };
    if (conversationId) request.conversationId = conversationId;
    if (parent) request.parentMessageId = parent;
    conversationId ??= rng.uuid();
    const denied = rng.chance(0.004);
    yield record(ctx, clock, actor, {
      ...base, name: 'ChatSync', readOnly: false, request,
      response: { conversationId, systemMessage: HIDDEN, systemMessageId, userMessageId: rng.uuid(), sourceAttributions: HIDDEN },
      ...(denied ? { error: { code: 'AccessDeniedException', message: 'User is not authorized to perform this action on the application.' } } : {}),
    });
    parent = systemMessageId;
  }
  if (conversationId && rng.chance(0.15)) {
    clock.advance(2_000, 30_000);
    yield record(ctx, clock, actor, {
      ...base, name: 'PutFeedback', readOnly: false,
      request: { applicationId: app.applicationId, conversationId, messageId: parent ?? rng.uuid(), messageUsefulness: { usefulness: rng.pick(['USEFUL', 'NOT_USEFUL']), submittedAt: isoSeconds(clock.now()) } },
    });
  }
}

/** A scheduled data-source sync run by the Q Business service with the data source role. */
function* qBusinessSync(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const app = world.qbusiness;
  const account = world.accounts[0]!;
  const region = app.region;
  const dataSourceId = rng.pick(app.dataSources);
  const svc: Actor = { identity: awsServiceIdentity('qbusiness.amazonaws.com'), account, ip: 'qbusiness.amazonaws.com', userAgent: 'qbusiness.amazonaws.com' };
  const executionId = rng.uuid();
  yield record(ctx, clock, svc, {
    source: 'qbusiness.amazonaws.com', name: 'StartDataSourceSyncJob', region, readOnly: false, eventVersion: '1.09',
    request: { applicationId: app.applicationId, indexId: app.indexId, dataSourceId },
    response: { executionId },
  });
  clock.advance(500, 8_000);
  const sessionName = `QBusiness-DataSourceSync-${rng.hex(12)}`;
  const accessKeyId = tempKey(rng, account);
  yield record(ctx, clock, svc, assumeRole(ctx, clock, account, app.dataSourceRole, sessionName, region, accessKeyId));
  const roleActor: Actor = {
    identity: session(ctx, clock, account, app.dataSourceRole, sessionName, { invokedBy: 'qbusiness.amazonaws.com', accessKeyId, creationDate: isoSeconds(clock.now()) }),
    account, ip: 'qbusiness.amazonaws.com', userAgent: 'qbusiness.amazonaws.com',
  };
  clock.advance(200, 3_000);
  yield* secretRead(ctx, clock, roleActor, region, app.dataSourceSecret, false);
  const batches = rng.int(0, 8);
  for (let i = 0; i < batches; i++) {
    clock.advance(2_000, 15_000);
    yield record(ctx, clock, roleActor, {
      source: 'qbusiness.amazonaws.com', name: rng.chance(0.85) ? 'BatchPutDocument' : 'BatchDeleteDocument', region, readOnly: false, eventVersion: '1.09',
      request: { applicationId: app.applicationId, indexId: app.indexId, dataSourceSyncId: executionId, documents: HIDDEN },
      response: { failedDocuments: [] },
    });
  }
}

/** An administrator looking at the Q Business application in the console. */
function* qBusinessAdmin(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const app = world.qbusiness;
  const account = world.accounts[0]!;
  const person = rng.pick(world.people.filter((p) => p.admin));
  const actor: Actor = { identity: session(ctx, clock, account, account.ssoAdmin, person.email), account, ip: person.ip, userAgent: person.browser, fromConsole: true };
  const base = { source: 'qbusiness.amazonaws.com', region: app.region, eventVersion: '1.09', readOnly: true, tls: tlsDetails(`qbusiness.${app.region}.api.aws`, true) };
  const calls: Array<[string, JsonObject]> = [
    ['ListApplications', { maxResults: 100 }],
    ['GetApplication', { applicationId: app.applicationId }],
    ['ListIndices', { applicationId: app.applicationId }],
    ['ListRetrievers', { applicationId: app.applicationId }],
    ['ListDataSources', { applicationId: app.applicationId, indexId: app.indexId }],
    ['ListWebExperiences', { applicationId: app.applicationId }],
    ['GetWebExperience', { applicationId: app.applicationId, webExperienceId: app.webExperienceId }],
    ['ListDataSourceSyncJobs', { applicationId: app.applicationId, indexId: app.indexId, dataSourceId: rng.pick(app.dataSources) }],
    ['GetIndex', { applicationId: app.applicationId, indexId: app.indexId }],
    ['ListPlugins', { applicationId: app.applicationId }],
  ];
  const n = rng.int(2, 7);
  for (let i = 0; i < n; i++) {
    const [name, request] = i < 2 ? calls[i]! : rng.pick(calls);
    yield record(ctx, clock, actor, { ...base, name, request });
    clock.advance(1_000, 25_000);
  }
}

/** Amazon Q chat in the AWS console, sometimes making calls on the user's behalf. */
function* qConsoleChat(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const account = rng.pick(world.accounts);
  const person = rng.pick(world.people);
  const role = person.admin ? account.ssoAdmin : account.ssoReadOnly;
  const identity = session(ctx, clock, account, role, person.email);
  const actor: Actor = { identity, account, ip: person.ip, userAgent: person.browser, fromConsole: true };
  const region = world.qRegion;
  const origin = 'https://conversational-experience-worker.widget.console.aws.amazon.com';
  const base = { source: 'q.amazonaws.com', region, eventVersion: '1.09', tls: tlsDetails(host('q', region), true) };
  const conversationId = rng.uuid();
  yield record(ctx, clock, actor, {
    ...base, name: 'StartConversation', readOnly: false, request: { Origin: origin, source: 'CONSOLE', dryRun: false },
    response: { conversationId, conversationToken: '***', expiresAt: isoSeconds(clock.now() + 86_400_000 * 7) },
  });
  const turns = rng.int(1, 5);
  for (let i = 0; i < turns; i++) {
    clock.advance(5_000, 80_000);
    yield record(ctx, clock, actor, {
      ...base, name: 'SendMessage', readOnly: false,
      request: { Origin: origin, conversationId, source: 'CONSOLE', conversationToken: '***', utterance: '***' },
      response: {
        result: { content: { text: { body: '***', references: [] } }, format: 'PLAINTEXT', intents: {}, type: 'TEXT' },
        'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
        metadata: { conversationExpirationTime: isoSeconds(clock.now() + 86_400_000 * 7), conversationId, conversationToken: '***', utteranceId: rng.uuid() },
        resultCode: 'LLM',
      },
      additionalEventData: { quickAction: rng.pick(['none', 'none', 'dev', 'transform']) },
    });
    if (rng.chance(0.25)) {
      clock.advance(300, 3_000);
      const onBehalf: Actor = { ...actor, identity: { ...identity, invokedBy: 'q.amazonaws.com' }, ip: 'q.amazonaws.com', userAgent: 'q.amazonaws.com', fromConsole: false };
      yield record(ctx, clock, onBehalf, { ...base, name: 'PassRequest', readOnly: false, request: null, tls: undefined });
      clock.advance(50, 800);
      yield record(ctx, clock, onBehalf, rng.chance(0.5)
        ? { ...ec2Describe(ctx, onBehalf, account.pickRegion(rng)), tls: undefined }
        : {
          source: 's3.amazonaws.com', name: 'ListBuckets', region: account.globalRegion, readOnly: true, eventVersion: '1.09',
          request: { Host: 's3.amazonaws.com' },
          additionalEventData: { SignatureVersion: 'SigV4', CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': rng.chars(ALNUM + '+/', 76) + '==', bytesTransferredOut: rng.int(900, 6000) },
          requestID: rng.chars(UPPER_ALNUM, 16), vpcEndpointId: `vpce-0${rng.hex(16)}`,
        });
    }
  }
  if (rng.chance(0.3)) {
    clock.advance(2_000, 60_000);
    yield record(ctx, clock, actor, { ...base, name: 'GetConversation', readOnly: true, request: { Origin: origin, conversationId, maxResults: 50 } });
  }
}

/** Amazon Q Developer in an IDE: inline completions, chat, telemetry (CloudTrail data events). */
function* ideSession(ctx: Ctx, t0: number): Generator<CloudTrailRecord> {
  const { rng, world } = ctx;
  const clock = new Clock(t0, ctx);
  const developers = world.people.filter((p) => p.ide);
  const person = rng.pick(developers);
  const q = world.qDeveloper;
  const account = world.accounts.find((a) => a.id === q.accountId)!;
  const identity = identityCenterUserIdentity(q.accountId, onBehalfOf(world, person), rng.uuid());
  const clientId = person.ide!.slice(-36);
  const actor: Actor = { identity, account, ip: person.ip, userAgent: person.ide! };
  const base = {
    source: 'codewhisperer.amazonaws.com', region: q.region, eventVersion: '1.09', category: 'Data' as const,
    resources: [{ accountId: q.accountId, type: 'AWS::CodeWhisperer::Profile', ARN: q.profileArn }],
    tls: tlsDetails(host('codewhisperer', q.region), true),
  };
  const language = rng.pick(['python', 'typescript', 'java', 'go', 'javascript', 'tf']);
  const userContext = { ideCategory: person.ide!.includes('jetbrains') ? 'JETBRAINS' : 'VSCODE', operatingSystem: person.ide!.includes('darwin') ? 'MAC' : person.ide!.includes('win32') ? 'WINDOWS' : 'LINUX', product: 'CodeWhisperer' };
  yield record(ctx, clock, actor, { ...base, name: 'ListAvailableCustomizations', readOnly: true, request: { profileArn: q.profileArn } });
  clock.advance(50, 800);
  yield record(ctx, clock, actor, { ...base, name: 'ListFeatureEvaluations', readOnly: true, request: { userContext, profileArn: q.profileArn } });
  const n = rng.int(4, 30);
  for (let i = 0; i < n; i++) {
    clock.advance(1_500, 25_000);
    const kind = rng.int(0, 19);
    if (kind <= 13) {
      const throttled = rng.chance(0.003);
      yield record(ctx, clock, actor, {
        ...base, name: 'GenerateCompletions', readOnly: false,
        request: { fileContext: { leftFileContent: HIDDEN, rightFileContent: HIDDEN, filename: HIDDEN, programmingLanguage: { languageName: language } }, maxResults: 5, nextToken: '', referenceTrackerConfiguration: { recommendationsWithReferences: 'BLOCK' }, profileArn: q.profileArn },
        response: { completions: HIDDEN, nextToken: '' },
        ...(throttled ? { error: { code: 'ThrottlingException', message: 'Rate exceeded' } } : {}),
      });
    } else if (kind <= 17) {
      yield record(ctx, clock, actor, {
        ...base, name: 'SendTelemetryEvent', readOnly: false,
        request: { clientToken: rng.uuid(), telemetryEvent: HIDDEN, optOutPreference: 'OPTIN', userContext: { ...userContext, clientId }, profileArn: q.profileArn },
      });
    } else {
      yield record(ctx, clock, actor, {
        ...base, name: 'GenerateAssistantResponse', readOnly: false,
        request: { conversationState: HIDDEN, profileArn: q.profileArn },
        response: { conversationId: rng.uuid(), generateAssistantResponseResponse: HIDDEN },
      });
    }
  }
}

const EPISODES: ReadonlyArray<readonly [Episode, number]> = [
  [terraformRun, 3],
  [cliSession, 10],
  [appRuntime, 12],
  [ssmAgent, 9],
  [consoleBrowsing, 5],
  [serviceActivity, 7],
  [rootSignIn, 0.05],
  [qBusinessChat, 2.2],
  [qBusinessSync, 0.4],
  [qBusinessAdmin, 0.5],
  [qConsoleChat, 1.2],
  [ideSession, 1],
];

function toMs(t: Date | string | number): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`generateBackground: bad time ${String(t)}`);
  return ms;
}

/**
 * Yields exactly `count` records with eventTime in [start, end), near-sorted by time: episodes (bursts of
 * related calls) follow one another in time, and no record is more than MAX_DISORDER_MS older than a
 * record yielded before it. The same options give the same records.
 */
export function* generateBackground(options: BackgroundOptions): Generator<CloudTrailRecord, void, undefined> {
  const startMs = Math.floor(toMs(options.start) / 1000) * 1000;
  const endMs = toMs(options.end);
  if (!(endMs > startMs)) throw new Error('generateBackground: end must be after start');
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const regions = options.regions ?? DEFAULT_REGIONS;
  if (accounts.length === 0 || regions.length === 0) throw new Error('generateBackground: need at least one account and one region');
  const ctx: Ctx = { rng: new Rng(options.seed), world: buildWorld(options.seed, accounts, regions), endMs };
  const pickEpisode = weighted(EPISODES);
  const span = endMs - startMs;
  let emitted = 0;
  while (emitted < options.count) {
    const t0 = startMs + Math.floor((span * emitted) / options.count);
    for (const rec of pickEpisode(ctx.rng)(ctx, t0)) {
      yield rec;
      if (++emitted >= options.count) return;
    }
  }
}
