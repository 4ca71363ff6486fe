// A Q Business deployment and the people who use it: ids, ARNs and the web-experience calls staff make every day.
import type { JsonObject } from './types.js';
import type { Actor, Ids, RecordLog, RoleRef } from './record-kit.js';
import { HIDDEN, addSeconds, awsServiceIdentity, roleSessionIdentity, sessionArn } from './record-kit.js';

const QBUSINESS = 'qbusiness.amazonaws.com';

/** Someone with an IAM Identity Center user who chats in the application's web experience. */
export interface Person {
  name: string;
  email: string;
  userId: string;
  ip: string;
  browser: string;
  /** The identity-aware web-experience role session acting for this person. */
  web: Actor;
  webSessionArn: string;
}

export interface ChatOptions {
  conversationId?: string;
  parentMessageId?: string;
  /** Ask a plugin (chatMode PLUGIN_MODE). */
  pluginId?: string;
  /** Names of files attached to the message. */
  attachments?: string[];
}

export interface ChatResult {
  eventId: string;
  conversationId: string;
  systemMessageId: string;
}

export interface EstateOptions {
  applicationName: string;
  /** ISO-like label for the identity store domain, e.g. corp.example.com (used only in emails). */
  mailDomain: string;
}

/** One Q Business application with its index, retriever, web experience and identity store. */
export class QBusinessEstate {
  readonly account: string;
  readonly region: string;
  readonly applicationName: string;
  readonly applicationId: string;
  readonly indexId: string;
  readonly retrieverId: string;
  readonly webExperienceId: string;
  readonly identityStoreArn: string;
  readonly webRole: RoleRef;
  readonly mailDomain: string;

  constructor(
    private readonly ids: Ids,
    private readonly log: RecordLog,
    opts: EstateOptions,
  ) {
    this.account = log.account;
    this.region = log.region;
    this.applicationName = opts.applicationName;
    this.mailDomain = opts.mailDomain;
    this.applicationId = ids.uuid();
    this.indexId = ids.uuid();
    this.retrieverId = ids.uuid();
    this.webExperienceId = ids.uuid();
    this.identityStoreArn = `arn:aws:identitystore::${this.account}:identitystore/${ids.identityStoreId()}`;
    this.webRole = {
      account: this.account,
      roleName: `QBusiness-WebExperience-${ids.chars(5, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
      path: '/service-role/',
      principalId: ids.uniqueId('AROA'),
    };
  }

  get applicationArn(): string {
    return `arn:aws:qbusiness:${this.region}:${this.account}:application/${this.applicationId}`;
  }

  get indexArn(): string {
    return `${this.applicationArn}/index/${this.indexId}`;
  }

  dataSourceArn(dataSourceId: string): string {
    return `${this.indexArn}/data-source/${dataSourceId}`;
  }

  pluginArn(pluginId: string): string {
    return `${this.applicationArn}/plugin/${pluginId}`;
  }

  /** The resources block of a Q Business data event. */
  dataResources(opts: { index?: boolean; dataSourceId?: string } = {}): JsonObject[] {
    const out: JsonObject[] = [{ accountId: this.account, type: 'AWS::QBusiness::Application', ARN: this.applicationArn }];
    if (opts.index || opts.dataSourceId) out.push({ accountId: this.account, type: 'AWS::QBusiness::Index', ARN: this.indexArn });
    if (opts.dataSourceId) {
      out.push({ accountId: this.account, type: 'AWS::QBusiness::DataSource', ARN: this.dataSourceArn(opts.dataSourceId) });
    }
    return out;
  }

  /** A person with a web-experience session that started at signedInAt. */
  person(name: string, ip: string, browser: string, signedInAt: Date): Person {
    const userId = this.ids.identityCenterUserId();
    const sessionName = this.ids.hex(32);
    const identity = roleSessionIdentity(this.webRole, {
      sessionName,
      accessKeyId: this.ids.accessKeyId('ASIA'),
      creationDate: signedInAt,
      onBehalfOf: { userId, identityStoreArn: this.identityStoreArn },
    });
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${this.mailDomain}`;
    return {
      name,
      email,
      userId,
      ip,
      browser,
      web: { identity, sourceIPAddress: ip, userAgent: browser },
      webSessionArn: sessionArn(this.webRole, sessionName),
    };
  }

  /** ChatSync from the web experience; a new conversation unless one is given. */
  chat(person: Person, at: Date, opts: ChatOptions = {}): ChatResult {
    const conversationId = opts.conversationId ?? this.ids.uuid();
    const systemMessageId = this.ids.uuid();
    const request: JsonObject = { applicationId: this.applicationId, userMessage: HIDDEN };
    if (opts.conversationId) request.conversationId = opts.conversationId;
    if (opts.parentMessageId) request.parentMessageId = opts.parentMessageId;
    if (opts.attachments) request.attachments = opts.attachments.map((name) => ({ name, data: HIDDEN }));
    if (opts.pluginId) {
      request.chatMode = 'PLUGIN_MODE';
      request.chatModeConfiguration = { pluginConfiguration: { pluginId: opts.pluginId } };
    } else {
      request.chatMode = 'RETRIEVAL_MODE';
    }
    request.clientToken = this.ids.uuid();
    const response: JsonObject = {
      conversationId,
      systemMessage: HIDDEN,
      systemMessageId,
      userMessageId: this.ids.uuid(),
      sourceAttributions: HIDDEN,
    };
    if (opts.attachments) response.failedAttachments = [];
    const eventId = this.log.call({
      at,
      actor: person.web,
      eventSource: QBUSINESS,
      eventName: 'ChatSync',
      request,
      response,
      readOnly: false,
      dataResources: this.dataResources(),
    });
    return { eventId, conversationId, systemMessageId };
  }

  /** The web experience listing the signed-in person's own conversations (no userId parameter). */
  listOwnConversations(person: Person, at: Date): string {
    return this.log.call({
      at,
      actor: person.web,
      eventSource: QBUSINESS,
      eventName: 'ListConversations',
      request: { applicationId: this.applicationId, maxResults: 50 },
      readOnly: true,
      dataResources: this.dataResources(),
    });
  }

  /** The web experience opening one of the signed-in person's own conversations. */
  listOwnMessages(person: Person, at: Date, conversationId: string): string {
    return this.log.call({
      at,
      actor: person.web,
      eventSource: QBUSINESS,
      eventName: 'ListMessages',
      request: { conversationId, applicationId: this.applicationId, maxResults: 50 },
      readOnly: true,
      dataResources: this.dataResources(),
    });
  }

  /** A scheduled data source sync that Amazon Q Business starts itself. */
  serviceSync(at: Date, dataSourceId: string): string {
    return this.log.call({
      at,
      actor: {
        identity: awsServiceIdentity(QBUSINESS),
        sourceIPAddress: QBUSINESS,
        userAgent: QBUSINESS,
        viaService: true,
      },
      eventSource: QBUSINESS,
      eventName: 'StartDataSourceSyncJob',
      request: { dataSourceId, applicationId: this.applicationId, indexId: this.indexId },
      response: { executionId: this.ids.uuid() },
      readOnly: false,
      dataResources: this.dataResources({ dataSourceId }),
    });
  }

  /** A plain working day of chats: each person asks a few questions spread over the hours given. */
  workday(
    people: Person[],
    from: Date,
    hours: number,
    opts: { pluginId?: string; pluginShare?: number } = {},
  ): { chats: string[]; pluginChats: string[]; lists: string[] } {
    const chats: string[] = [];
    const pluginChats: string[] = [];
    const lists: string[] = [];
    for (const person of people) {
      const sessions = this.ids.int(2, 3);
      for (let s = 0; s < sessions; s += 1) {
        let at = addSeconds(from, this.ids.int(0, hours * 3600));
        lists.push(this.listOwnConversations(person, at));
        const usePlugin = opts.pluginId !== undefined && this.ids.float() < (opts.pluginShare ?? 0.4);
        const first = this.chat(person, addSeconds(at, this.ids.int(20, 90)), usePlugin ? { pluginId: opts.pluginId } : {});
        (usePlugin ? pluginChats : chats).push(first.eventId);
        at = addSeconds(at, this.ids.int(120, 400));
        const followUp = this.chat(person, at, {
          conversationId: first.conversationId,
          parentMessageId: first.systemMessageId,
          ...(usePlugin ? { pluginId: opts.pluginId } : {}),
        });
        (usePlugin ? pluginChats : chats).push(followUp.eventId);
        if (this.ids.float() < 0.5) {
          lists.push(this.listOwnMessages(person, addSeconds(at, this.ids.int(600, 3000)), first.conversationId));
        }
      }
    }
    return { chats, pluginChats, lists };
  }
}
