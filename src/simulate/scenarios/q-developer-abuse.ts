// Scenario: a phished developer's Identity Center sign-in drives Q Developer from a VPS: IDE, transformation and console recon via Q.
import type { JsonObject, Scenario, ScenarioBuild, ScenarioBuildOptions } from './types.js';
import type { Actor, RoleRef } from './record-kit.js';
import {
  BROWSER,
  Cursor,
  HIDDEN,
  Ids,
  RecordLog,
  addSeconds,
  identityCenterUserIdentity,
  identityStoreUserArn,
  invokedByIdentity,
  isoSeconds,
  notAuthorized,
  roleSessionIdentity,
  sessionArn,
} from './record-kit.js';

const NAME = 'q-developer-abuse';
const CODEWHISPERER = 'codewhisperer.amazonaws.com';
const Q = 'q.amazonaws.com';
const CONSOLE_WIDGET = 'https://conversational-experience-worker.widget.console.aws.amazon.com';
const ATTACKER_IP = '198.51.100.23';

/** An IDE install: where it runs and how its Q plugin identifies itself. */
interface IdeClient {
  ip: string;
  /** Product token, e.g. AmazonQ-For-VSCode/1.46.0. */
  client: string;
  runtimeAgent: string;
  streamingAgent: string;
  userContext: JsonObject;
}

function vscode(ids: Ids, ip: string, os: 'darwin' | 'win32', version: string): IdeClient {
  const platform = os === 'darwin' ? 'os/darwin#23.4.0' : 'os/win32#10.0.22631';
  const client = `AmazonQ-For-VSCode/${version}`;
  return {
    ip,
    client,
    runtimeAgent: `aws-sdk-js/0.0.1 ua/2.0 ${platform} lang/js md/nodejs#20.18.1 api/codewhispererruntime#0.0.1 ${client}`,
    streamingAgent: `aws-sdk-js/0.0.1 ua/2.0 ${platform} lang/js md/nodejs#20.18.1 api/codewhispererstreaming#0.0.1 ${client}`,
    userContext: {
      ideCategory: 'VSCODE',
      operatingSystem: os === 'darwin' ? 'MAC' : 'WINDOWS',
      product: 'CodeWhisperer',
      clientId: ids.uuid(),
      ideVersion: '1.89.1',
    },
  };
}

function jetbrainsOnLinux(ids: Ids, ip: string): IdeClient {
  const client = 'AmazonQ-For-JetBrains/3.41';
  const base =
    'aws-sdk-java/2.26.25 ua/2.1 os/Linux#6.5.0-1016-aws lang/java#17.0.11 md/OpenJDK_64-Bit_Server_VM#17.0.11+1-b1207.24 md/vendor#JetBrains_s.r.o.';
  return {
    ip,
    client,
    runtimeAgent: `${base} api/codewhispererruntime#2.26.25 ${client}`,
    streamingAgent: `${base} api/codewhispererstreaming#2.26.25 ${client}`,
    userContext: {
      ideCategory: 'JETBRAINS',
      operatingSystem: 'LINUX',
      product: 'CodeWhisperer',
      clientId: ids.uuid(),
      ideVersion: 'IC-2024.1.4',
    },
  };
}

function build({ seed, start }: ScenarioBuildOptions): ScenarioBuild {
  const ids = new Ids(seed, NAME);
  const log = new RecordLog(ids, ids.accountId(), 'us-east-1');
  const account = log.account;
  const region = log.region;
  const at = (hours: number, minutes: number, seconds = 0) => addSeconds(start, hours * 3600 + minutes * 60 + seconds);
  const identityStoreArn = `arn:aws:identitystore::${account}:identitystore/${ids.identityStoreId()}`;
  const profileArn = `arn:aws:codewhisperer:${region}:${account}:profile/${ids.upper(12)}`;
  const customizationArn = `arn:aws:codewhisperer:${region}:${account}:customization/${ids.upper(12)}`;
  const ideHost = `codewhisperer.${region}.amazonaws.com`;

  const profileResource: JsonObject = { accountId: account, type: 'AWS::CodeWhisperer::Profile', ARN: profileArn };
  const customizationResource: JsonObject = { accountId: account, type: 'AWS::CodeWhisperer::Customization', ARN: customizationArn };

  // --- One IDE call: a Q Developer data event made with the person's Identity Center bearer token. ---
  const ideCall = (
    when: Date,
    userId: string,
    ide: IdeClient,
    eventName: string,
    request: JsonObject,
    opts: { streaming?: boolean; readOnly?: boolean; response?: JsonObject; customization?: boolean } = {},
  ): string =>
    log.call({
      at: when,
      actor: {
        identity: identityCenterUserIdentity(account, userId, identityStoreArn),
        sourceIPAddress: ide.ip,
        userAgent: opts.streaming ? ide.streamingAgent : ide.runtimeAgent,
      },
      eventSource: CODEWHISPERER,
      eventName,
      request,
      response: opts.response ?? null,
      readOnly: opts.readOnly ?? false,
      dataResources: opts.customization ? [profileResource, customizationResource] : [profileResource],
      host: ideHost,
    });

  const completion = (when: Date, userId: string, ide: IdeClient, language: string): string =>
    ideCall(
      when,
      userId,
      ide,
      'GenerateCompletions',
      {
        fileContext: { leftFileContent: HIDDEN, rightFileContent: HIDDEN, filename: HIDDEN, programmingLanguage: { languageName: language } },
        maxResults: 5,
        customizationArn,
        optOutPreference: 'OPTOUT',
        userContext: ide.userContext,
        profileArn,
      },
      { customization: true },
    );

  const chat = (when: Date, userId: string, ide: IdeClient, conversationId: string | undefined, language: string): string => {
    const conversationState: JsonObject = {
      currentMessage: {
        userInputMessage: {
          content: HIDDEN,
          userInputMessageContext: { editorState: { document: { programmingLanguage: { languageName: language } } } },
          origin: 'IDE',
        },
      },
      chatTriggerType: 'MANUAL',
      customizationArn,
    };
    if (conversationId) conversationState.conversationId = conversationId;
    return ideCall(when, userId, ide, 'SendMessage', { conversationState, profileArn, source: 'IDE' }, { streaming: true, customization: true });
  };

  /** A developer's ordinary day in the IDE. */
  const ordinaryDay = (userId: string, ide: IdeClient, from: Date, language: string): string[] => {
    const out: string[] = [];
    const c = new Cursor(ids, from);
    out.push(ideCall(c.now, userId, ide, 'ListAvailableProfiles', { maxResults: 10 }, { readOnly: true }));
    out.push(ideCall(c.wait(2, 6), userId, ide, 'ListAvailableCustomizations', { profileArn, maxResults: 50 }, { readOnly: true }));
    let conversationId: string | undefined;
    for (let i = 0; i < 16; i += 1) {
      out.push(completion(c.wait(120, 900), userId, ide, language));
      if (i % 5 === 2) {
        out.push(chat(c.wait(30, 240), userId, ide, conversationId, language));
        conversationId = conversationId ?? ids.uuid();
      }
    }
    return out;
  };

  // --- The people. ---
  const priya = { name: 'Priya Raman', userId: ids.identityCenterUserId(), email: 'priya.raman@corp.example.com' };
  const tom = { name: 'Tom Becker', userId: ids.identityCenterUserId(), email: 'tom.becker@corp.example.com' };
  const priyaIdc = identityStoreUserArn(priya.userId);
  const tomIdc = identityStoreUserArn(tom.userId);
  const priyaIde = vscode(ids, '192.0.2.140', 'darwin', '1.46.0');
  const tomIde = vscode(ids, '192.0.2.152', 'win32', '1.44.0');

  const developerRole: RoleRef = {
    account,
    roleName: `AWSReservedSSO_DeveloperAccess_${ids.hex(16)}`,
    path: '/aws-reserved/sso.amazonaws.com/',
    principalId: ids.uniqueId('AROA'),
  };
  const priyaSessionArn = sessionArn(developerRole, priya.email);
  const consoleSession = (signedInAt: Date, ip: string, browser: string): Actor => ({
    identity: roleSessionIdentity(developerRole, {
      sessionName: priya.email,
      accessKeyId: ids.accessKeyId('ASIA'),
      creationDate: signedInAt,
    }),
    sourceIPAddress: ip,
    userAgent: browser,
    console: true,
  });

  // Amazon Q chat in the console, and the AWS call Q then makes for the user.
  const startConversation = (when: Date, actor: Actor): { eventId: string; conversationId: string } => {
    const conversationId = ids.uuid();
    const eventId = log.call({
      at: when,
      actor,
      eventSource: Q,
      eventName: 'StartConversation',
      request: { Origin: CONSOLE_WIDGET, source: 'CONSOLE' },
      response: {
        conversationId,
        conversationToken: '***',
        conversationExpirationTime: isoSeconds(addSeconds(when, 30 * 24 * 3600)),
      },
      readOnly: false,
      host: `q.${region}.amazonaws.com`,
    });
    return { eventId, conversationId };
  };
  const askConsole = (when: Date, actor: Actor, conversationId: string): string =>
    log.call({
      at: when,
      actor,
      eventSource: Q,
      eventName: 'SendMessage',
      request: { Origin: CONSOLE_WIDGET, conversationId, source: 'CONSOLE', conversationToken: '***', utterance: '***' },
      response: {
        result: { content: { text: { body: '***', references: [] } }, format: 'PLAINTEXT', intents: {}, type: 'TEXT' },
        'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
        metadata: {
          conversationExpirationTime: isoSeconds(addSeconds(when, 30 * 24 * 3600)),
          conversationId,
          conversationToken: '***',
          utteranceId: ids.uuid(),
        },
        resultCode: 'LLM',
      },
      readOnly: false,
      host: `q.${region}.amazonaws.com`,
    });
  const viaQ = (actor: Actor): Actor => ({
    identity: invokedByIdentity(actor.identity, Q),
    sourceIPAddress: Q,
    userAgent: Q,
    viaService: true,
  });
  const passRequest = (when: Date, actor: Actor): string =>
    log.call({ at: when, actor: viaQ(actor), eventSource: Q, eventName: 'PassRequest', readOnly: false, eventVersion: '1.09' });
  const listBuckets = (when: Date, actor: Actor): string =>
    log.call({
      at: when,
      actor: viaQ(actor),
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      request: { Host: 's3.amazonaws.com' },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': `${ids.chars(56, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}=`,
        bytesTransferredOut: ids.int(2500, 9000),
      },
      readOnly: true,
      requestId: ids.s3RequestId(),
      eventVersion: '1.09',
    });

  // --- Ordinary day: Priya and Tom code with Q from the office; Priya asks Q in the console about S3 once. ---
  const priyaDay = ordinaryDay(priya.userId, priyaIde, at(0, 42, ids.int(0, 50)), 'java');
  const tomDay = ordinaryDay(tom.userId, tomIde, at(1, 5, ids.int(0, 50)), 'typescript');
  const priyaConsole = consoleSession(at(2, 10, ids.int(0, 50)), priyaIde.ip, BROWSER.chromeMac);
  const mc = new Cursor(ids, at(2, 14, ids.int(0, 50)));
  const morningConversation = startConversation(mc.now, priyaConsole);
  const morningAsk = askConsole(mc.wait(8, 25), priyaConsole, morningConversation.conversationId);
  const morningPass = passRequest(mc.wait(1, 2), priyaConsole);
  const morningBuckets = listBuckets(mc.wait(0, 1), priyaConsole);

  // --- The attacker: holds Priya's Identity Center session from a device-code phish, works from a VPS at night. ---
  const stolenIde = jetbrainsOnLinux(ids, ATTACKER_IP);
  const t = new Cursor(ids, at(13, 26, ids.int(0, 50)));
  const firstLook = ideCall(t.now, priya.userId, stolenIde, 'ListAvailableProfiles', { maxResults: 10 }, { readOnly: true });
  const listCustomizationsIde = ideCall(
    t.wait(2, 5),
    priya.userId,
    stolenIde,
    'ListAvailableCustomizations',
    { profileArn, maxResults: 50 },
    { readOnly: true },
  );

  // Mine the internal-code customization: chat and completions steered by file names from the payments codebase.
  const mining: string[] = [];
  const conversationId = ids.uuid();
  mining.push(chat(t.wait(20, 50), priya.userId, stolenIde, undefined, 'java'));
  for (let i = 0; i < 3; i += 1) mining.push(chat(t.wait(25, 70), priya.userId, stolenIde, conversationId, 'java'));
  for (let i = 0; i < 5; i += 1) mining.push(completion(t.wait(3, 12), priya.userId, stolenIde, 'java'));

  // Use the victim's Pro entitlement to transform the attacker's own code base.
  const uploadId = ids.uuid();
  const upload = ideCall(
    t.wait(90, 200),
    priya.userId,
    stolenIde,
    'CreateUploadUrl',
    { contentMd5: HIDDEN, artifactType: 'SourceCode', uploadIntent: 'TRANSFORMATION', profileArn },
    { response: { uploadId, uploadUrl: HIDDEN, kmsKeyArn: '' } },
  );
  const jobId = ids.uuid();
  const transform = ideCall(
    t.wait(20, 45),
    priya.userId,
    stolenIde,
    'StartTransformation',
    {
      workspaceState: { uploadId, programmingLanguage: { languageName: 'java' } },
      transformationSpec: { transformationType: 'LANGUAGE_UPGRADE', source: { language: 'JAVA_8' }, target: { language: 'JAVA_17' } },
      profileArn,
    },
    { response: { transformationJobId: jobId } },
  );
  const polls: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    polls.push(
      ideCall(t.wait(150, 420), priya.userId, stolenIde, 'GetTransformation', { transformationJobId: jobId, profileArn }, { readOnly: true }),
    );
  }
  const download = ideCall(
    t.wait(20, 60),
    priya.userId,
    stolenIde,
    'ExportResultArchive',
    { exportId: jobId, exportIntent: 'TRANSFORMATION', profileArn },
    { streaming: true, readOnly: true },
  );

  // Into the console with the same sign-in: ask Q to do the reconnaissance.
  const stolenConsole = consoleSession(t.wait(120, 300), ATTACKER_IP, BROWSER.firefoxLinux);
  const recon: string[] = [];
  const callsByQ: { eventName: string; eventSource: string; eventId: string }[] = [];
  const conversation = startConversation(t.wait(20, 60), stolenConsole);
  recon.push(conversation.eventId);
  const reconCall = (eventSource: string, eventName: string, request: JsonObject | null) => {
    recon.push(askConsole(t.wait(15, 50), stolenConsole, conversation.conversationId));
    recon.push(passRequest(t.wait(1, 2), stolenConsole));
    const when = t.wait(0, 1);
    const eventId =
      eventName === 'ListBuckets'
        ? listBuckets(when, stolenConsole)
        : log.call({ at: when, actor: viaQ(stolenConsole), eventSource, eventName, request, readOnly: true, eventVersion: '1.09' });
    recon.push(eventId);
    callsByQ.push({ eventSource, eventName, eventId });
  };
  reconCall('s3.amazonaws.com', 'ListBuckets', null);
  reconCall('iam.amazonaws.com', 'ListUsers', null);
  reconCall('secretsmanager.amazonaws.com', 'ListSecrets', { maxResults: 100 });

  // Try to train a new customization on every repository the connection can reach.
  const adminCall = (when: Date, eventName: string, request: JsonObject, error?: { code: string; message: string }) =>
    log.call({
      at: when,
      actor: stolenConsole,
      eventSource: CODEWHISPERER,
      eventName,
      request,
      ...(error ? { error } : {}),
      readOnly: eventName.startsWith('List'),
      host: ideHost,
    });
  const listProfiles = adminCall(t.wait(40, 120), 'ListProfiles', { maxResults: 10 });
  const listCustomizations = adminCall(t.wait(5, 15), 'ListCustomizations', { profileArn, maxResults: 50 });
  const createDenied = adminCall(
    t.wait(60, 150),
    'CreateCustomization',
    { profileArn, name: 'platform-all-repos', description: 'All platform repositories' },
    {
      code: 'AccessDeniedException',
      message: notAuthorized(priyaSessionArn, 'codewhisperer:CreateCustomization', profileArn),
    },
  );

  const ideEvents = [firstLook, listCustomizationsIde, ...mining, upload, transform, ...polls, download];
  const attackerEventIds = [...ideEvents, ...recon, listProfiles, listCustomizations, createDenied];

  return {
    records: log.records(),
    expected: {
      suspiciousPrincipals: [priyaIdc, priyaSessionArn],
      notSuspiciousPrincipals: [tomIdc],
      people: [
        { principalArn: priyaIdc, userId: priya.userId },
        { principalArn: tomIdc, userId: tom.userId },
      ],
      attackerEventIds,
      detections: [
        {
          behaviour: `a developer's Q Developer identity used from an outside VPS address (${ATTACKER_IP}) with an IDE client she never uses (JetBrains on Linux instead of VS Code on macOS), at night`,
          eventIds: ideEvents,
          minSeverity: 'high',
          attack: ['T1078.004', 'T1550.001'],
        },
        {
          behaviour: 'the internal-code customization mined from the outside session: rapid chats and completions with the customization ARN',
          eventIds: [listCustomizationsIde, ...mining],
          minSeverity: 'medium',
          attack: ['T1213.003'],
        },
        {
          behaviour: 'code uploaded, a code transformation run and its result downloaded from the outside session on the victim’s entitlement',
          eventIds: [upload, transform, download],
          minSeverity: 'medium',
          attack: ['T1496'],
        },
        {
          behaviour:
            'Amazon Q in the console used for reconnaissance from the outside address: Q listed S3 buckets, IAM users and Secrets Manager secrets on the user’s behalf',
          eventIds: recon,
          minSeverity: 'high',
          attack: ['T1619', 'T1087.004', 'T1580'],
        },
        {
          behaviour: 'Q Developer profiles and customizations listed, then creating a new customization attempted and denied',
          eventIds: [listProfiles, listCustomizations, createDenied],
          minSeverity: 'medium',
          attack: ['T1213.003'],
        },
      ],
      mustNotFlag: [
        { why: 'the developer’s own IDE use from her usual office address and VS Code', eventIds: priyaDay },
        { why: 'a colleague’s ordinary IDE use from the office', eventIds: tomDay },
        {
          why: 'the developer asking Amazon Q in the console about her S3 buckets from the office, and Q listing them for her',
          eventIds: [morningConversation.eventId, morningAsk, morningPass, morningBuckets],
        },
      ],
      resourcesCreatedDeleted: [{ resourceType: 'AWS::QDeveloper::CodeTransformation', resourceId: jobId, action: 'created' }],
      pluginsUsed: [],
      applicationsAccessible: [],
      applicationsAccessed: [],
      callsByQ: [
        { principalArn: priyaSessionArn, eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', eventId: morningBuckets },
        ...callsByQ.map((c) => ({ principalArn: priyaSessionArn, ...c })),
      ],
      filesUploaded: [{ applicationId: profileArn, documentId: uploadId, via: 'CreateUploadUrl' }],
      ideAccess: [
        { principalArn: priyaIdc, client: priyaIde.client },
        { principalArn: priyaIdc, client: stolenIde.client },
        { principalArn: tomIdc, client: tomIde.client },
      ],
      window: { attackStart: log.timeOf(firstLook), attackEnd: log.timeOf(createDenied) },
    },
  };
}

export const qDeveloperAbuse: Scenario = {
  name: NAME,
  title: 'Phished developer sign-in drives Amazon Q Developer from a VPS',
  summary:
    'With a developer’s Identity Center session taken by device-code phishing, an attacker on a VPS mines the internal-code customization from a JetBrains IDE, runs a code transformation on the victim’s entitlement, asks Q in the console to list buckets, users and secrets, and tries to create a new customization.',
  build,
};
