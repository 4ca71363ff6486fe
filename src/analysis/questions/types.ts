// The answers to the playbook's six Analysis questions, each item carrying the events that prove it.
//
// A principal key (principalArn) is what src/analysis/principal.ts computes: userIdentity.arn (the session ARN for
// assumed roles), else arn:aws:identitystore:::user/<onBehalfOf.userId>, else the principal id or invoking service.
// A person is an IAM Identity Center user id (userIdentity.onBehalfOf.userId). Values the service redacted are kept
// as written (HIDDEN_DUE_TO_SECURITY_REASONS) and the item says `redacted: true`; nothing is guessed.

export type ChangeAction = 'created' | 'updated' | 'deleted';

/** Question 1: a resource created, changed or deleted, or an attempt to (failed). */
export interface ResourceChange {
  /** The service, as the first label of its event source: qbusiness, qapps, codewhisperer, q, iam, cloudtrail. */
  service: string;
  /** CloudFormation-style type: AWS::QBusiness::Plugin, AWS::IAM::AccessKey, AWS::QBusiness::Document... */
  resourceType: string;
  /** The id the API uses; null when a failed create returned none. */
  resourceId: string | null;
  /** A display name or other request member that names the resource (policy ARN attached, key's user...). */
  resourceName: string | null;
  action: ChangeAction;
  eventTime: string;
  principalArn: string;
  person: string | null;
  sourceIp: string | null;
  eventId: string;
  eventSource: string;
  eventName: string;
  /** True when the call failed (errorCode) or the service refused this document: an attempt, not a change. */
  failed: boolean;
  errorCode: string | null;
  /** True for Amazon Q resources (Q Business, Q Apps, Q Developer), false for IAM and CloudTrail. */
  amazonQ: boolean;
  redacted?: true;
}

export type PluginHow = 'created' | 'updated' | 'deleted' | 'invoked';

/** Question 2: one way one plugin was used, with every event that shows it. */
export interface PluginUse {
  /** The Q Business application; null for Amazon Q Developer console plugins. */
  applicationId: string | null;
  pluginId: string | null;
  /** From the events themselves or the latest create/update in the evidence; null when the evidence never names it. */
  name: string | null;
  type: string | null;
  serverUrl: string | null;
  how: PluginHow;
  eventIds: string[];
  eventCount: number;
  principals: string[];
  people: string[];
  firstSeen: string;
  lastSeen: string;
  failed: boolean;
  eventSource: string;
  redacted?: true;
}

/** An AWS resource a Q Business application reaches: the roles it runs as, buckets, Kendra indexes. */
export interface ReachedResource {
  type: 'AWS::IAM::Role' | 'AWS::S3::Bucket' | 'AWS::Kendra::Index';
  id: string;
  eventId: string;
}

/** Question 3: an application seen in the evidence and everything the evidence ties to it. */
export interface ApplicationInventory {
  applicationId: string;
  indexes: string[];
  retrievers: string[];
  dataSources: string[];
  plugins: string[];
  webExperiences: string[];
  awsResourcesReachedByQ: ReachedResource[];
  /** URLs outside AWS the application calls or crawls: plugin servers, web crawler seed URLs. */
  externalEndpoints: string[];
  eventCount: number;
  firstSeen: string;
  lastSeen: string;
}

/** One caller of one application. */
export interface ApplicationCaller {
  principalArn: string;
  person: string | null;
  eventCount: number;
  failedCount: number;
  firstSeen: string;
  lastSeen: string;
  eventNames: string[];
  sourceIps: string[];
  firstEventId: string;
}

/** Question 4: who used an application, through which principals and for which people. */
export interface ApplicationAccess {
  applicationId: string;
  principals: string[];
  people: string[];
  eventCount: number;
  failedCount: number;
  firstSeen: string;
  lastSeen: string;
  callers: ApplicationCaller[];
}

export type UploadVia = 'BatchPutDocument' | 'ChatSync attachment' | 'Q Apps import' | 'CreateUploadUrl';

/** Question 5: a file given to Amazon Q. */
export interface FileUpload {
  /** The Q Business application (Q Apps instance); for CreateUploadUrl, the Q Developer profile ARN. */
  applicationId: string | null;
  indexId: string | null;
  /** Document id, attachment name, Q Apps file id, or CreateUploadUrl uploadId. */
  documentId: string | null;
  name: string | null;
  contentType: string | null;
  via: UploadVia;
  /** s3://bucket/key, blob, or the conversation an attachment was copied from. */
  source: string | null;
  /** The role BatchPutDocument used, the conversation an attachment went to, the Q App, or the upload intent. */
  detail: string | null;
  eventTime: string;
  principalArn: string;
  person: string | null;
  sourceIp: string | null;
  eventId: string;
  failed: boolean;
  errorCode: string | null;
  redacted?: true;
}

export type ClientFamily =
  | 'VS Code'
  | 'JetBrains'
  | 'Visual Studio'
  | 'Eclipse'
  | 'CLI'
  | 'console'
  | 'AWS CLI'
  | 'SDK'
  | 'other';

/** Question 6: one principal's use of Amazon Q Developer from one client family. */
export interface IdeAccess {
  principalArn: string;
  person: string | null;
  client: ClientFamily;
  /** True for IDE plugins and the Q Developer CLI; false for the console, AWS CLI, SDKs. */
  ide: boolean;
  /** Client product tokens from the user agents, e.g. AmazonQ-For-VSCode/1.46.0. */
  clientTokens: string[];
  eventCount: number;
  failedCount: number;
  firstSeen: string;
  lastSeen: string;
  sourceIps: string[];
  eventNames: string[];
  profiles: string[];
  firstEventId: string;
}

/** Question 4, Q Developer side: an AWS call Amazon Q made with someone's session. */
export interface CallByQ {
  principalArn: string;
  person: string | null;
  eventSource: string;
  eventName: string;
  eventId: string;
  eventTime: string;
  region: string | null;
  /** The Q service that made it (q.amazonaws.com...). */
  invokedBy: string;
  failed: boolean;
  errorCode: string | null;
  accessKeyId: string | null;
  requestParameters: string | null;
}

export interface Questions {
  /** 1. What resources were created and deleted? */
  resourcesCreatedDeleted: ResourceChange[];
  /** 2. What plugins were utilised? */
  pluginsUsed: PluginUse[];
  /** 3. What applications did Q have access to? */
  applicationsAccessible: ApplicationInventory[];
  /** 4. Were these applications accessed (and by whom)? */
  applicationsAccessed: ApplicationAccess[];
  /** 5. Was any type of file uploaded to Q? */
  filesUploaded: FileUpload[];
  /** 6. Does Q have access to any IDE environment? */
  ideAccess: IdeAccess[];
  /** 4, Q Developer side: AWS calls Amazon Q made on someone's behalf. */
  callsByQ: CallByQ[];
}

/** The canned queries (content/queries/<id>) each answer comes from. */
export const QUESTION_QUERIES = {
  resourcesCreatedDeleted: 'q1-resources-changed',
  pluginsUsed: 'q2-plugins-used',
  applicationsAccessible: 'q3-applications-accessible',
  applicationsAccessed: 'q4-applications-accessed',
  callsByQ: 'q4-calls-by-q',
  filesUploaded: 'q5-files-uploaded',
  ideAccess: 'q6-ide-access',
} as const satisfies Record<keyof Questions, string>;
