// The fixed parts of AWS's Amazon Q incident response playbook (../shared/playbook/Amazon_Q.md) that a
// report walks through, and what each containment action named by a rule asks the responder to do.
// Everything here is qir's own text: no value in it comes from a log record.

export const PLAYBOOK_TITLE = 'Incident Response Playbook: Responding to Amazon Q Security Events';

export const CLASSIFICATION: ReadonlyArray<[string, string]> = [
  ['Tactics, techniques, and procedures', 'Amazon Q'],
  ['Category', 'Log Analysis'],
  ['Resource', 'Amazon Q'],
  ['Indicators', 'Cyber Threat Intelligence, Third Party Notice'],
  ['Log Sources', 'CloudTrail'],
  ['Teams', 'Security Operations Center (SOC), Forensic Investigators, Cloud Engineering'],
];

export const STAGES = ['Preparation', 'Detection & Analysis', 'Containment & Eradication', 'Recovery', 'Post-Incident Activity'] as const;

export const ESCALATION_QUESTIONS: readonly string[] = [
  'I need a business decision on when EC2 forensics should be conducted',
  'Who is monitoring the logs/alerts, receiving them and acting upon each?',
  'Who gets notified when an alert is discovered?',
  'When do public relations and legal get involved in the process?',
  'When would you reach out to AWS Support for help?',
];

export const ANALYSIS_QUESTIONS = [
  { n: 1, key: 'resourcesCreatedDeleted', text: 'What resources were created and deleted?' },
  { n: 2, key: 'pluginsUsed', text: 'What PlugIns were utilized?' },
  { n: 3, key: 'applicationsAccessible', text: 'What applications did Q have access to during the security incident?' },
  { n: 4, key: 'applicationsAccessed', text: 'Were these applications accessed by Q?' },
  { n: 5, key: 'filesUploaded', text: 'Was any type of file uploaded to Q?' },
  { n: 6, key: 'ideAccess', text: 'Does Q have access to any IDE environment?' },
] as const;

export interface Reference {
  text: string;
  url: string;
}

const IAM_USERS = 'https://console.aws.amazon.com/iam/home#users';
const Q_DOCS = 'https://docs.aws.amazon.com/amazonq/latest/qbusiness-ug';

/** The playbook's "Containment and Eradication" list, in its order. */
export const PLAYBOOK_CONTAINMENT: readonly Reference[] = [
  { text: 'Delete or rotate IAM User Keys and Root User Keys; rotate all keys in the account if you cannot identify the exposed ones', url: IAM_USERS },
  { text: 'Delete unauthorized IAM Users', url: IAM_USERS },
  { text: 'Delete unauthorized policies', url: 'https://console.aws.amazon.com/iam/home#/policies' },
  { text: 'Delete unauthorized roles', url: 'https://console.aws.amazon.com/iam/home#/roles' },
  {
    text: 'Revoke temporary credentials (deleting the IAM User also revokes them; deleting IAM Users may impact production workloads and should be done with care)',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html#denying-access-to-credentials-by-issue-time',
  },
  { text: 'Rotate SMTP Credentials', url: 'https://aws.amazon.com/premiumsupport/knowledge-center/ses-create-smtp-credentials/' },
  { text: 'Delete the Amazon Q application', url: `${Q_DOCS}/supported-app-actions.html` },
  { text: 'Delete the Amazon Q retriever', url: `${Q_DOCS}/supported-native-retriever-actions.html` },
  { text: 'Delete the Amazon Q Kendra retriever', url: `${Q_DOCS}/supported-kendra-retriever-actions.html` },
  { text: 'Delete uploaded documents', url: `${Q_DOCS}/delete-doc-upload.html` },
  { text: 'Delete the Amazon Q data source', url: `${Q_DOCS}/supported-datasource-actions.html` },
  { text: 'Delete the Amazon Q web experience', url: `${Q_DOCS}/supported-exp-actions.html` },
];

export const PLAYBOOK_RECOVERY: readonly string[] = [
  'Create new IAM users with least-privilege access policies',
  'Return to the original and hardened configuration (the playbook\'s "Recover" objective)',
];

export interface ProtectionNote {
  id: string;
  group: 'Data protection' | 'IAM permissions';
  text: string;
}

export const PROTECTION_NOTES: readonly ProtectionNote[] = [
  {
    id: 'no-sensitive-names',
    group: 'Data protection',
    text: 'Never put confidential or sensitive information into tags or free-form text fields such as a Name field; they may be used for billing or diagnostic logs.',
  },
  {
    id: 'q-stores-conversations',
    group: 'Data protection',
    text: 'Amazon Q stores your questions, its responses and additional context (console metadata, code in your IDE) to generate responses.',
  },
  {
    id: 'q-data-us-region',
    group: 'Data protection',
    text: 'Amazon Q conversation data is stored in US East (N. Virginia); data from troubleshooting console errors is stored in US West (Oregon).',
  },
  {
    id: 'amazonq-full-access',
    group: 'IAM permissions',
    text: 'The AmazonQFullAccess managed policy gives full access to Amazon Q; admins and power users have it by default, other users and roles need it attached. Restrict permissions to the Amazon Q actions needed.',
  },
  {
    id: 'console-chat-permissions',
    group: 'IAM permissions',
    text: 'Asking Amazon Q in the console needs q:StartConversation and q:SendMessage; troubleshooting console errors needs q:StartTroubleshootingAnalysis and q:GetTroubleshootingResults.',
  },
  {
    id: 'permission-errors',
    group: 'IAM permissions',
    text: 'If one of these actions is not explicitly allowed by an attached policy, Amazon Q returns an IAM permissions error.',
  },
];

export interface ContainmentAction {
  title: string;
  steps: string;
  reference?: Reference;
}

/** The containment actions rules name (rule.yaml `containment`), as steps a responder can follow. */
export const CONTAINMENT_ACTIONS: Readonly<Record<string, ContainmentAction>> = {
  'revoke-access-key': {
    title: 'Deactivate and rotate the access keys the actor used',
    steps: 'Deactivate the keys listed below (IAM > Users > Security credentials), then delete them once the investigation no longer needs them; give the owner a new key only after the incident is contained. If you cannot tell which keys were exposed, rotate all keys in the account.',
    reference: PLAYBOOK_CONTAINMENT[0],
  },
  'revoke-session': {
    title: 'Revoke the active sessions of the roles involved',
    steps: 'Use "Revoke active sessions" on each role (it attaches a deny for tokens issued before now); temporary credentials stay valid until they expire otherwise.',
    reference: PLAYBOOK_CONTAINMENT[4],
  },
  'revoke-role-sessions': {
    title: 'Revoke the sessions of instance roles whose credentials were used elsewhere',
    steps: 'Revoke the role\'s active sessions, then find how the credentials left the instance (IMDSv1, SSRF, a compromised host) before the role is used again.',
    reference: PLAYBOOK_CONTAINMENT[4],
  },
  'detach-policy': {
    title: 'Detach the policies the actor attached',
    steps: 'Detach the managed policies (for example AmazonQFullAccess or AdministratorAccess) attached by the actor from users, groups and roles.',
    reference: PLAYBOOK_CONTAINMENT[2],
  },
  'delete-inline-policy': {
    title: 'Delete the inline policies the actor wrote',
    steps: 'Delete the inline policies put on users, groups and roles by the actor (keep a copy of each as evidence first).',
    reference: PLAYBOOK_CONTAINMENT[2],
  },
  'remove-iam-backdoors': {
    title: 'Remove IAM backdoors',
    steps: 'Delete the IAM users, access keys, login profiles and roles the actor created and undo trust-policy changes; keep a copy of each as evidence first.',
    reference: PLAYBOOK_CONTAINMENT[1],
  },
  'restore-chat-controls': {
    title: 'Restore the Amazon Q chat controls (guardrails)',
    steps: 'Put back blocked phrases, topic controls, creator mode and response scope from the last known-good configuration (UpdateChatControlsConfiguration), and compare with infrastructure-as-code.',
  },
  'restore-q-configuration': {
    title: 'Restore deleted Amazon Q resources',
    steps: 'Recreate the deleted applications, indexes, retrievers, data sources, plugins or web experiences from infrastructure-as-code or change records; re-index the documents they held.',
  },
  'disable-plugin': {
    title: 'Disable the plugins the actor created or changed',
    steps: 'Set the plugin state to DISABLED (UpdatePlugin) so Amazon Q stops sending prompts and data to its server, before deciding whether to delete it.',
  },
  'delete-plugin': {
    title: 'Delete unauthorised plugins',
    steps: 'Delete the plugins the actor created (DeletePlugin) after keeping their configuration (server URL, schema, authentication) as evidence.',
  },
  'delete-data-source': {
    title: 'Delete or revert the data sources the actor created or changed',
    steps: 'Delete the data source (or revert its configuration) and remove the documents it indexed.',
    reference: PLAYBOOK_CONTAINMENT[10],
  },
  'stop-data-source-sync': {
    title: 'Stop the data source syncs the actor started',
    steps: 'Stop running sync jobs (StopDataSourceSyncJob) and review which documents they added to the index.',
    reference: PLAYBOOK_CONTAINMENT[10],
  },
  'delete-uploaded-documents': {
    title: 'Delete the documents the actor uploaded or restore the ones deleted',
    steps: 'Delete the uploaded documents by id (BatchDeleteDocument) and re-index any document the actor deleted from its source.',
    reference: PLAYBOOK_CONTAINMENT[9],
  },
  'restore-identity-settings': {
    title: 'Restore identity and access settings of the application and web experience',
    steps: 'Put back the identity provider, IAM Identity Center instance, service role and access settings of the application and web experience.',
    reference: PLAYBOOK_CONTAINMENT[11],
  },
  'remove-web-experience-origins': {
    title: 'Remove web experience origins the actor added',
    steps: 'Remove unknown origins from the web experience (UpdateWebExperience) so it cannot be embedded elsewhere.',
    reference: PLAYBOOK_CONTAINMENT[11],
  },
  'disassociate-permission': {
    title: 'Remove data accessors and permissions the actor granted',
    steps: 'Disassociate permissions and delete data accessors granted to outside parties (DisassociatePermission, DeleteDataAccessor).',
  },
  'deny-unused-regions': {
    title: 'Deny Amazon Q in regions you do not use',
    steps: 'Add a service control policy that denies Amazon Q (and other) actions outside your regions (condition aws:RequestedRegion).',
  },
  'restore-cloudtrail-logging': {
    title: 'Restore CloudTrail logging',
    steps: 'Restart logging (StartLogging), recreate deleted trails and restore event selectors so Amazon Q data events are logged again; record the gap this left in the evidence.',
  },
  'restore-detection-services': {
    title: 'Re-enable the detection services the actor switched off',
    steps: 'Re-enable GuardDuty detectors, Security Hub, AWS Config recorders and IAM Access Analyzer analyzers, and review what happened while they were off.',
  },
  'restore-organization-membership': {
    title: 'Restore the account\'s organization membership',
    steps: 'With the organization\'s management account, bring the account back under its organization and service control policies.',
  },
  'enforce-mfa': {
    title: 'Enforce MFA for console sign-in',
    steps: 'Require MFA for the users involved (IAM Identity Center or a policy on aws:MultiFactorAuthPresent).',
  },
  'reset-console-password': {
    title: 'Reset the console passwords of the users involved',
    steps: 'Reset the console password and sign out existing sessions of each user whose sign-in was suspicious.',
  },
  'secure-root-user': {
    title: 'Secure the root user',
    steps: 'Rotate the root password, delete any root access keys, enable MFA on root and review everything root did.',
    reference: { text: 'Root User Keys', url: 'https://console.aws.amazon.com/iam/home#security_credential' },
  },
  'rotate-exposed-secrets': {
    title: 'Rotate the secrets and parameters the actor read',
    steps: 'Rotate every Secrets Manager secret and SSM SecureString parameter read by the actor, and the credentials stored in them.',
  },
  'rotate-instance-passwords': {
    title: 'Rotate the instance passwords the actor read',
    steps: 'Rotate the Windows administrator passwords of the instances whose password data was read; decide on EC2 forensics (see the escalation questions).',
  },
  'revoke-resource-sharing': {
    title: 'Revoke sharing with outside accounts',
    steps: 'Remove the sharing of snapshots, images, RAM shares and resource policies with accounts outside your organization.',
  },
};

export function containmentAction(id: string): ContainmentAction {
  return Object.hasOwn(CONTAINMENT_ACTIONS, id)
    ? (CONTAINMENT_ACTIONS[id] as ContainmentAction)
    : { title: id, steps: 'See the description of the rules that call for this action.' };
}
