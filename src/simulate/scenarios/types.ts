// Shapes of a simulated incident: the CloudTrail records an attacker leaves and the answers an investigator must reach.

import type { CloudTrailRecord, Json, JsonObject } from '../../core/cloudtrail.js';

/** Any JSON value, as CloudTrail writes it. */
export type JsonValue = Json;
export type { CloudTrailRecord, JsonObject };

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** A behaviour that MUST appear in a finding of at least `minSeverity`. */
export interface ExpectedDetection {
  /** Plain words, no rule id: what happened and why it matters. */
  behaviour: string;
  /** eventIDs of the records that show the behaviour. */
  eventIds: string[];
  minSeverity: Severity;
  /** MITRE ATT&CK technique ids that fit the behaviour. */
  attack?: string[];
}

/** Decoy events: none may be part of a finding of severity medium or above. */
export interface ExpectedNonFinding {
  why: string;
  eventIds: string[];
}

/** An assumed-role session that acted for a person (userIdentity.onBehalfOf). */
export interface PersonAttribution {
  /** The principal key of the session (see `suspiciousPrincipals`). */
  principalArn: string;
  /** onBehalfOf.userId: the IAM Identity Center user behind the session. */
  userId: string;
}

/** A resource the suspicious principals created, changed or deleted: what containment must revert. */
export interface ResourceChange {
  /** CloudFormation-style type, e.g. AWS::QBusiness::Plugin, AWS::IAM::User; see README for the few non-CloudFormation ones. */
  resourceType: string;
  /** The id the API uses: a Q Business UUID, an IAM user name, an access key id, `user/policyName`, a trail ARN. */
  resourceId: string;
  action: 'created' | 'updated' | 'deleted';
}

/** A plugin created, updated, deleted or invoked (ChatSync in PLUGIN_MODE) by anyone in the records. */
export interface PluginUse {
  applicationId: string;
  pluginId: string;
  how: 'created' | 'updated' | 'deleted' | 'invoked';
}

/** Everything a Q Business application could reach, as far as the records show it. */
export interface ApplicationInventory {
  applicationId: string;
  indexes: string[];
  retrievers: string[];
  dataSources: string[];
  plugins: string[];
}

/** Who called an application: onBehalfOf userIds, or the principal key of callers without onBehalfOf; AWS services excluded. */
export interface ApplicationAccess {
  applicationId: string;
  people: string[];
}

/** A file given to Amazon Q by anyone in the records. */
export interface FileUpload {
  /** The Q Business application id; for Amazon Q Developer uploads, the Q Developer profile ARN. */
  applicationId: string;
  /** BatchPutDocument document id, ChatSync attachment name, or CreateUploadUrl uploadId. */
  documentId: string;
  /** The Q Business ContentType when the request gives one. */
  contentType?: string;
  via: 'BatchPutDocument' | 'ChatSync attachment' | 'CreateUploadUrl';
}

/** A principal that used Amazon Q Developer from an IDE or CLI client. */
export interface IdeAccess {
  principalArn: string;
  /** The client product token from the user agent, e.g. AmazonQ-For-VSCode/1.46.0. */
  client: string;
}

/** An AWS call that Amazon Q made on a person's behalf (userIdentity.invokedBy q.amazonaws.com), PassRequest excluded. */
export interface CallByQ {
  principalArn: string;
  eventSource: string;
  eventName: string;
  eventId: string;
}

/**
 * What a competent investigator must conclude from the records, stated without any rule id.
 * A principal key is userIdentity.arn (for assumed roles the session ARN); for identities that carry no arn
 * but act for a person (IdentityCenterUser), it is the identity-store user ARN arn:aws:identitystore:::user/<userId>.
 */
export interface ExpectedAnswers {
  /** Principal keys the attacker acted as. A compromised person's key stays here even when decoy events share it. */
  suspiciousPrincipals: string[];
  /** Principal keys of decoys that did nothing wrong. */
  notSuspiciousPrincipals: string[];
  /** onBehalfOf attribution of every session that acted for a person. */
  people: PersonAttribution[];
  /** Every event the attacker caused, including calls Amazon Q made for the attacker. */
  attackerEventIds: string[];
  detections: ExpectedDetection[];
  mustNotFlag: ExpectedNonFinding[];
  /** Playbook question 1: what resources were created and deleted. */
  resourcesCreatedDeleted: ResourceChange[];
  /** Playbook question 2: what plugins were utilised. */
  pluginsUsed: PluginUse[];
  /** Playbook question 3: what applications Q had access to. */
  applicationsAccessible: ApplicationInventory[];
  /** Playbook question 4: were these applications accessed (and by whom). */
  applicationsAccessed: ApplicationAccess[];
  /** Playbook question 4, Amazon Q Developer side: AWS calls Q made for people. */
  callsByQ: CallByQ[];
  /** Playbook question 5: was any file uploaded to Q. */
  filesUploaded: FileUpload[];
  /** Playbook question 6: does Q have access to an IDE environment. */
  ideAccess: IdeAccess[];
  /** eventTime of the attacker's first and last events (ISO-8601, seconds, Z). */
  window: { attackStart: string; attackEnd: string };
}

export interface ScenarioBuildOptions {
  /** Same seed and start give the same records. */
  seed: number;
  /** Beginning of the day the records cover. */
  start: Date;
}

export interface ScenarioBuild {
  records: CloudTrailRecord[];
  expected: ExpectedAnswers;
}

export interface Scenario {
  /** kebab-case id, equal to the file name. */
  name: string;
  title: string;
  summary: string;
  build(opts: ScenarioBuildOptions): ScenarioBuild;
}
