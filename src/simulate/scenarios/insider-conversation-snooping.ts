// Scenario: an insider with Q Business operator rights reads executives' conversations, stages restricted files, then cleans up.
import type { Scenario, ScenarioBuild, ScenarioBuildOptions } from './types.js';
import type { Actor, RoleRef } from './record-kit.js';
import { BROWSER, Cursor, HIDDEN, Ids, RecordLog, addSeconds, awsCliUserAgent, roleSessionIdentity, sessionArn } from './record-kit.js';
import { QBusinessEstate } from './q-business-estate.js';

const NAME = 'insider-conversation-snooping';
const QBUSINESS = 'qbusiness.amazonaws.com';
const INSIDER_IP = '192.0.2.77';

function build({ seed, start }: ScenarioBuildOptions): ScenarioBuild {
  const ids = new Ids(seed, NAME);
  const log = new RecordLog(ids, ids.accountId(), 'us-east-1');
  const account = log.account;
  const q = new QBusinessEstate(ids, log, { applicationName: 'corp-knowledge-assistant', mailDomain: 'corp.example.com' });
  const at = (hours: number, minutes: number, seconds = 0) => addSeconds(start, hours * 3600 + minutes * 60 + seconds);
  const app = q.applicationId;
  const exportBucket = `corp-board-portal-exports-${account}`;

  // --- Ordinary day. ---
  const sharePointDataSource = ids.uuid();
  const policiesDataSource = ids.uuid();
  const serviceSyncs = [
    q.serviceSync(at(0, 4, ids.int(0, 50)), sharePointDataSource),
    q.serviceSync(at(0, 26, ids.int(0, 50)), policiesDataSource),
  ];

  // Executives use the assistant for sensitive work; these are the conversations the insider will read.
  const helen = q.person('Helen Park', '192.0.2.12', BROWSER.safariMac, at(1, 8, ids.int(0, 59)));
  const omar = q.person('Omar Haddad', '192.0.2.15', BROWSER.edgeWindows, at(1, 40, ids.int(0, 59)));
  const grace = q.person('Grace Liu', '192.0.2.19', BROWSER.chromeMac, at(2, 2, ids.int(0, 59)));
  const executiveEvents: string[] = [];
  const conversationOf = (person: typeof helen, when: Date): string => {
    const first = q.chat(person, when);
    const second = q.chat(person, addSeconds(when, ids.int(90, 300)), {
      conversationId: first.conversationId,
      parentMessageId: first.systemMessageId,
    });
    executiveEvents.push(first.eventId, second.eventId);
    return first.conversationId;
  };
  executiveEvents.push(q.listOwnConversations(helen, at(1, 12, ids.int(0, 50))));
  const helenDeal = conversationOf(helen, at(1, 14, ids.int(0, 50)));
  const helenBoard = conversationOf(helen, at(3, 40, ids.int(0, 50)));
  executiveEvents.push(q.listOwnConversations(omar, at(1, 44, ids.int(0, 50))));
  const omarLitigation = conversationOf(omar, at(1, 46, ids.int(0, 50)));
  executiveEvents.push(q.listOwnConversations(grace, at(2, 5, ids.int(0, 50))));
  const graceRestructure = conversationOf(grace, at(2, 7, ids.int(0, 50)));
  const graceOld = conversationOf(grace, at(2, 31, ids.int(0, 50)));
  executiveEvents.push(q.listOwnMessages(helen, at(5, 2, ids.int(0, 50)), helenDeal));

  // Grace tidies up her own history in the afternoon: a legitimate DeleteConversation.
  const graceDeletesOwn = log.call({
    at: at(6, 55, ids.int(0, 50)),
    actor: grace.web,
    eventSource: QBUSINESS,
    eventName: 'DeleteConversation',
    request: { conversationId: graceOld, applicationId: app },
    readOnly: false,
    dataResources: q.dataResources(),
  });

  const staff = [
    q.person('Sam Ortiz', '192.0.2.41', BROWSER.chromeMac, at(0, 41, ids.int(0, 59))),
    q.person('Lena Fischer', '192.0.2.44', BROWSER.firefoxWindows, at(0, 47, ids.int(0, 59))),
    q.person('Raj Patel', '192.0.2.48', BROWSER.edgeWindows, at(0, 53, ids.int(0, 59))),
  ];
  const day = q.workday(staff, at(1, 0), 8);

  // --- The insider: Dana, a BI analyst leaving for a competitor, holds the Q Business operator permission set. ---
  const operatorRole: RoleRef = {
    account,
    roleName: `AWSReservedSSO_QBusinessOperators_${ids.hex(16)}`,
    path: '/aws-reserved/sso.amazonaws.com/',
    principalId: ids.uniqueId('AROA'),
  };
  const operatorSessionName = `dana.whitfield@${q.mailDomain}`;
  const operatorArn = sessionArn(operatorRole, operatorSessionName);
  const operatorIdentity = roleSessionIdentity(operatorRole, {
    sessionName: operatorSessionName,
    accessKeyId: ids.accessKeyId('ASIA'),
    creationDate: at(9, 46, ids.int(0, 50)),
  });
  const cli = (command: string): Actor => ({
    identity: operatorIdentity,
    sourceIPAddress: INSIDER_IP,
    userAgent: awsCliUserAgent(command, 'macos-laptop'),
  });
  const t = new Cursor(ids, at(9, 48, ids.int(0, 40)));

  const listApps = log.call({
    at: t.now,
    actor: cli('qbusiness.list-applications'),
    eventSource: QBUSINESS,
    eventName: 'ListApplications',
    request: { maxResults: 100 },
    readOnly: true,
  });

  // Read other people's conversations by passing their userId.
  const snooping: string[] = [];
  const readConversations = (victimUserId: string, conversationIds: string[]) => {
    snooping.push(
      log.call({
        at: t.wait(15, 60),
        actor: cli('qbusiness.list-conversations'),
        eventSource: QBUSINESS,
        eventName: 'ListConversations',
        request: { applicationId: app, userId: victimUserId, maxResults: 100 },
        readOnly: true,
        dataResources: q.dataResources(),
      }),
    );
    for (const conversationId of conversationIds) {
      snooping.push(
        log.call({
          at: t.wait(10, 45),
          actor: cli('qbusiness.list-messages'),
          eventSource: QBUSINESS,
          eventName: 'ListMessages',
          request: { conversationId, applicationId: app, userId: victimUserId, maxResults: 100 },
          readOnly: true,
          dataResources: q.dataResources(),
        }),
      );
    }
  };
  readConversations(helen.userId, [helenDeal, helenBoard]);
  readConversations(omar.userId, [omarLitigation]);
  readConversations(grace.userId, [graceRestructure]);
  // A conversation Grace had already deleted.
  snooping.push(
    log.call({
      at: t.wait(8, 20),
      actor: cli('qbusiness.list-messages'),
      eventSource: QBUSINESS,
      eventName: 'ListMessages',
      request: { conversationId: graceOld, applicationId: app, userId: grace.userId, maxResults: 100 },
      error: { code: 'ResourceNotFoundException', message: `Conversation ${graceOld} not found.` },
      readOnly: true,
      dataResources: q.dataResources(),
    }),
  );

  // Stage restricted board documents into the index with no access control, so her own chat identity can query them.
  const documents = [
    { id: 'board/board-minutes-2025-05.pdf', contentType: 'PDF', title: 'Board minutes – May', key: 'board/2025-05/minutes-final.pdf' },
    { id: 'board/project-halcyon-valuation.xlsx', contentType: 'MS_EXCEL', title: 'Halcyon valuation model', key: 'mna/halcyon/valuation-v12.xlsx' },
    { id: 'hr/executive-compensation-2025.docx', contentType: 'MS_WORD', title: 'Executive compensation 2025', key: 'hr/comp/exec-2025.docx' },
  ];
  const note = { id: 'notes/halcyon-q-and-a.txt', contentType: 'PLAIN_TEXT', title: 'Halcyon Q&A' };
  const stage = log.call({
    at: t.wait(180, 420),
    actor: cli('qbusiness.batch-put-document'),
    eventSource: QBUSINESS,
    eventName: 'BatchPutDocument',
    request: {
      applicationId: app,
      indexId: q.indexId,
      roleArn: `arn:aws:iam::${account}:role/service-role/QBusiness-BatchPut-ops`,
      documents: [
        ...documents.map((d) => ({
          id: d.id,
          title: d.title,
          contentType: d.contentType,
          content: { s3: { bucket: exportBucket, key: d.key } },
        })),
        { id: note.id, title: note.title, contentType: note.contentType, content: { blob: HIDDEN } },
      ],
    },
    response: { failedDocuments: [] },
    readOnly: false,
    dataResources: q.dataResources({ index: true }),
  });

  // Her normal web identity now asks about the staged material, and attaches a pricing export to summarise.
  const dana = q.person('Dana Whitfield', INSIDER_IP, BROWSER.chromeMac, t.wait(60, 150));
  const w = new Cursor(ids, addSeconds(t.now, ids.int(40, 120)));
  const ask = q.chat(dana, w.now);
  const ask2 = q.chat(dana, w.wait(120, 220), { conversationId: ask.conversationId, parentMessageId: ask.systemMessageId });
  const attachmentName = 'customer-pricing-2025.csv';
  const ask3 = q.chat(dana, w.wait(150, 260), {
    conversationId: ask.conversationId,
    parentMessageId: ask2.systemMessageId,
    attachments: [attachmentName],
  });

  // Clean up: remove the staged documents (the text note is forgotten) and her conversation.
  const unstage = log.call({
    at: w.wait(300, 600),
    actor: cli('qbusiness.batch-delete-document'),
    eventSource: QBUSINESS,
    eventName: 'BatchDeleteDocument',
    request: { applicationId: app, indexId: q.indexId, documents: documents.map((d) => ({ documentId: d.id })) },
    response: { failedDocuments: [] },
    readOnly: false,
    dataResources: q.dataResources({ index: true }),
  });
  const deleteOwnConversation = log.call({
    at: w.wait(60, 150),
    actor: dana.web,
    eventSource: QBUSINESS,
    eventName: 'DeleteConversation',
    request: { conversationId: ask.conversationId, applicationId: app },
    readOnly: false,
    dataResources: q.dataResources(),
  });

  const everyone = [helen, omar, grace, ...staff, dana];
  const attackerEventIds = [listApps, ...snooping, stage, ask.eventId, ask2.eventId, ask3.eventId, unstage, deleteOwnConversation];

  return {
    records: log.records(),
    expected: {
      suspiciousPrincipals: [operatorArn, dana.webSessionArn],
      notSuspiciousPrincipals: [helen, omar, grace, ...staff].map((p) => p.webSessionArn),
      people: everyone.map((p) => ({ principalArn: p.webSessionArn, userId: p.userId })),
      attackerEventIds,
      detections: [
        {
          behaviour:
            "conversation snooping: one operator session lists the conversations and reads the messages of three other people by passing their userId (CFO, general counsel, HR director)",
          eventIds: snooping,
          minSeverity: 'high',
          attack: ['T1213'],
        },
        {
          behaviour:
            'restricted board and HR documents pushed straight into the index with BatchPutDocument (outside any connector sync, no access control), four documents of four content types',
          eventIds: [stage],
          minSeverity: 'medium',
          attack: ['T1074.002', 'T1213'],
        },
        {
          behaviour: 'clean-up within the hour: the staged documents deleted with BatchDeleteDocument and the chat about them deleted',
          eventIds: [unstage, deleteOwnConversation],
          minSeverity: 'medium',
          attack: ['T1070'],
        },
      ],
      mustNotFlag: [
        { why: 'executives chatting in and reopening their own conversations', eventIds: executiveEvents },
        { why: 'an employee deleting her own conversation from the web experience', eventIds: [graceDeletesOwn] },
        { why: 'employees chatting and listing their own conversations (no userId parameter)', eventIds: [...day.chats, ...day.lists] },
        { why: 'scheduled data source syncs started by Amazon Q Business itself', eventIds: serviceSyncs },
      ],
      resourcesCreatedDeleted: [
        ...[...documents, note].map((d) => ({ resourceType: 'AWS::QBusiness::Document', resourceId: d.id, action: 'created' as const })),
        ...documents.map((d) => ({ resourceType: 'AWS::QBusiness::Document', resourceId: d.id, action: 'deleted' as const })),
        { resourceType: 'AWS::QBusiness::Conversation', resourceId: ask.conversationId, action: 'created' },
        { resourceType: 'AWS::QBusiness::Conversation', resourceId: ask.conversationId, action: 'deleted' },
      ],
      pluginsUsed: [],
      applicationsAccessible: [
        {
          applicationId: app,
          indexes: [q.indexId],
          retrievers: [],
          dataSources: [sharePointDataSource, policiesDataSource],
          plugins: [],
        },
      ],
      applicationsAccessed: [{ applicationId: app, people: [...everyone.map((p) => p.userId), operatorArn] }],
      callsByQ: [],
      filesUploaded: [
        ...[...documents, note].map((d) => ({
          applicationId: app,
          documentId: d.id,
          contentType: d.contentType,
          via: 'BatchPutDocument' as const,
        })),
        { applicationId: app, documentId: attachmentName, via: 'ChatSync attachment' },
      ],
      ideAccess: [],
      window: { attackStart: log.timeOf(listApps), attackEnd: log.timeOf(deleteOwnConversation) },
    },
  };
}

export const insiderConversationSnooping: Scenario = {
  name: NAME,
  title: 'Insider reads executives’ Q Business conversations and stages restricted documents',
  summary:
    'An analyst with the Q Business operator permission set uses the CLI after hours to read three executives’ conversations, pushes restricted board files into the index to query them from her own chat, attaches a pricing export, then deletes the staged files and her conversation.',
  build,
};
