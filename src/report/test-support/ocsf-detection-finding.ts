// A field-by-field validator for OCSF 1.x Detection Finding events (class_uid 2004), written from the OCSF
// schema sources, not from qir's output:
//   github.com/ocsf/ocsf-schema (1.x line)
//     events/base_event.json           required: activity_id, category_uid, class_uid, metadata, severity_id,
//                                      time, type_uid; recommended: message, status*, timezone_offset
//     events/findings/finding.json     extends base_event; finding_info required; activity_id 1 Create,
//                                      2 Update, 3 Close; status_id 1 New .. 6 Deleted (plus 0 Unknown, 99 Other)
//     events/findings/detection_finding.json   uid 4 in category findings (uid 2) => class_uid 2004;
//                                      evidences, resources, is_alert recommended
//     objects/finding_info.json        uid required; title required in 1.x (recommended later); attacks,
//                                      related_events, types, first/last_seen_time, analytic optional
//     objects/metadata.json            product and version (the OCSF schema version, SemVer) required
//     objects/product.json             name required; uid, version recommended
//     profiles/cloud.json + objects/cloud.json   cloud required by the profile; cloud.provider required
//     objects/account.json             type_id enum (10 = AWS Account)
//     objects/attack.json              at least one of tactic, technique, sub_technique; technique and tactic
//                                      carry uid (T1234 / TA0001) and name
//     objects/evidences.json           at least one of actor, api, connection_info, data, database, databucket,
//                                      device, dst_endpoint, email, file, process, query, resources,
//                                      src_endpoint, url, user, job, script
//     objects/api.json                 operation required
//     objects/user.json                at least one of account, name, uid
//     objects/analytic.json            type_id required (0 Unknown, 1 Rule, 2 Behavioral, 3 Statistical,
//                                      4 Learning (ML/DL), 99 Other)
//     objects/related_event.json       uid required
//     objects/resource_details.json    (extends _resource) uid, name, type, region, ... all optional
//   dictionary: severity_id 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal,
//   99 Other; type_uid = class_uid * 100 + activity_id; timestamp_t is milliseconds since the epoch;
//   datetime_t (the datetime profile's *_dt siblings) is RFC 3339.

export interface ValidationError {
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** Producers such as Prowler write seconds where OCSF asks for milliseconds; report it unless allowed. */
  allowSecondTimestamps?: boolean;
}

const ACTIVITY: Record<number, string> = { 0: 'Unknown', 1: 'Create', 2: 'Update', 3: 'Close', 99: 'Other' };
const SEVERITY: Record<number, string> = { 0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical', 6: 'Fatal', 99: 'Other' };
const STATUS: Record<number, string> = { 0: 'Unknown', 1: 'New', 2: 'In Progress', 3: 'Suppressed', 4: 'Resolved', 5: 'Archived', 6: 'Deleted', 99: 'Other' };
const ANALYTIC_TYPE: Record<number, string> = { 0: 'Unknown', 1: 'Rule', 2: 'Behavioral', 3: 'Statistical', 4: 'Learning (ML/DL)', 99: 'Other' };
const ACCOUNT_TYPE_AWS = 10;

/** Top-level attributes of detection_finding: base_event, finding, detection_finding and their profiles. */
const ATTRIBUTES: Record<string, string | null> = {
  // base_event
  activity_id: null, activity_name: null, category_uid: null, category_name: null, class_uid: null, class_name: null,
  count: null, duration: null, end_time: null, enrichments: null, message: null, metadata: null, observables: null,
  raw_data: null, raw_data_hash: null, raw_data_size: null, severity: null, severity_id: null, start_time: null,
  status: null, status_code: null, status_detail: null, status_id: null, time: null, timezone_offset: null,
  type_name: null, type_uid: null, unmapped: null,
  // finding and detection_finding
  comment: null, confidence: null, confidence_id: null, confidence_score: null, device: null, finding_info: null,
  vendor_attributes: null, evidences: null, impact: null, impact_id: null, impact_score: null, is_alert: null,
  remediation: null, resources: null, risk_details: null, risk_level: null, risk_level_id: null, risk_score: null,
  vulnerabilities: null, malware: null, malware_scan_info: null, anomaly_analyses: null,
  // profiles
  cloud: 'cloud', api: 'cloud',
  time_dt: 'datetime', start_time_dt: 'datetime', end_time_dt: 'datetime',
  actor: 'host',
  osint: 'osint',
  attacks: 'security_control', action: 'security_control', action_id: 'security_control', authorizations: 'security_control',
  disposition: 'security_control', disposition_id: 'security_control', firewall_rule: 'security_control', policy: 'security_control',
  assignee: 'incident', assignee_group: 'incident', is_suspected_breach: 'incident', priority: 'incident', priority_id: 'incident',
  src_url: 'incident', ticket: 'incident', tickets: 'incident', verdict: 'incident', verdict_id: 'incident',
};

const EVIDENCE_AT_LEAST_ONE = [
  'actor', 'api', 'connection_info', 'data', 'database', 'databucket', 'device', 'dst_endpoint', 'email', 'file',
  'process', 'query', 'resources', 'src_endpoint', 'url', 'user', 'job', 'script',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIp = (s: string) => IPV4.test(s) || (/^[0-9a-f:.]+$/i.test(s) && s.includes(':'));
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** 2001-09-09 .. 2100-01-01 in milliseconds: a millisecond timestamp of a real event falls in here. */
const MS_MIN = 1_000_000_000_000;
const MS_MAX = 4_102_444_800_000;

export function validateDetectionFinding(event: unknown, opts: ValidateOptions = {}): ValidationError[] {
  const errors: ValidationError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!isObj(event)) return [{ path: '', message: 'not an object' }];
  const e = event;

  // Required attributes and their types.
  for (const k of ['activity_id', 'category_uid', 'class_uid', 'severity_id', 'time', 'type_uid']) if (!isInt(e[k])) err(k, 'required integer missing');
  if (!isObj(e.metadata)) err('metadata', 'required object missing');
  if (!isObj(e.finding_info)) err('finding_info', 'required object missing');

  // No attribute the class does not define.
  for (const k of Object.keys(e)) if (!(k in ATTRIBUTES)) err(k, 'not an attribute of detection_finding');

  // Classification.
  if (e.class_uid !== 2004) err('class_uid', 'must be 2004 (Detection Finding)');
  if (e.category_uid !== 2) err('category_uid', 'must be 2 (Findings)');
  if (e.class_name !== undefined && e.class_name !== 'Detection Finding') err('class_name', 'must be "Detection Finding"');
  if (e.category_name !== undefined && e.category_name !== 'Findings') err('category_name', 'must be "Findings"');
  if (isInt(e.activity_id)) {
    if (!(e.activity_id in ACTIVITY)) err('activity_id', `not in the enum: ${e.activity_id}`);
    else if (e.activity_id !== 99 && e.activity_name !== undefined && e.activity_name !== ACTIVITY[e.activity_id]) err('activity_name', 'must be the caption of activity_id');
    if (e.activity_id === 99 && !nonEmpty(e.activity_name)) err('activity_name', 'required when activity_id is 99 (Other)');
  }
  if (isInt(e.class_uid) && isInt(e.activity_id) && e.type_uid !== e.class_uid * 100 + e.activity_id) err('type_uid', 'must be class_uid * 100 + activity_id');
  if (e.type_name !== undefined && isInt(e.activity_id) && e.type_name !== `Detection Finding: ${ACTIVITY[e.activity_id]}`) err('type_name', 'must be "Detection Finding: <activity>"');
  if (isInt(e.severity_id)) {
    if (!(e.severity_id in SEVERITY)) err('severity_id', `not in the enum: ${e.severity_id}`);
    else if (e.severity_id !== 99 && e.severity !== undefined && e.severity !== SEVERITY[e.severity_id]) err('severity', 'must be the caption of severity_id');
  }
  if (e.status_id !== undefined) {
    if (!isInt(e.status_id) || !(e.status_id in STATUS)) err('status_id', `not in the enum: ${String(e.status_id)}`);
    else if (e.status_id !== 99 && e.status !== undefined && e.status !== STATUS[e.status_id]) err('status', 'must be the caption of status_id');
  }
  if (e.is_alert !== undefined && typeof e.is_alert !== 'boolean') err('is_alert', 'must be a boolean');
  if (e.count !== undefined && (!isInt(e.count) || e.count < 0)) err('count', 'must be a non-negative integer');
  if (e.message !== undefined && typeof e.message !== 'string') err('message', 'must be a string');

  // Timestamps (timestamp_t, milliseconds) and their datetime_t siblings.
  const timestamp = (path: string, v: unknown) => {
    if (v === undefined) return;
    if (!isInt(v)) return err(path, 'timestamp_t must be an integer');
    if (v < MS_MIN || v > MS_MAX) {
      if (!(opts.allowSecondTimestamps && v * 1000 >= MS_MIN && v * 1000 <= MS_MAX)) err(path, `timestamp_t must be milliseconds since the epoch: ${v}`);
    }
  };
  for (const k of ['time', 'start_time', 'end_time']) {
    timestamp(k, e[k]);
    const sibling = e[`${k}_dt`];
    if (sibling !== undefined) {
      if (typeof sibling !== 'string' || !RFC3339.test(sibling)) err(`${k}_dt`, 'datetime_t must be RFC 3339');
      else if (isInt(e[k]) && !opts.allowSecondTimestamps && Date.parse(sibling) !== e[k]) err(`${k}_dt`, `must be the same instant as ${k}`);
    }
  }
  if (isInt(e.start_time) && isInt(e.end_time) && e.start_time > e.end_time) err('start_time', 'after end_time');

  // metadata
  const profiles: string[] = [];
  if (isObj(e.metadata)) {
    const m = e.metadata;
    if (!nonEmpty(m.version) || !/^1\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(m.version)) err('metadata.version', 'required: an OCSF 1.x schema version (SemVer)');
    if (!isObj(m.product)) err('metadata.product', 'required object missing');
    else {
      if (!nonEmpty(m.product.name)) err('metadata.product.name', 'required');
      for (const k of ['uid', 'version', 'vendor_name']) if (m.product[k] !== undefined && typeof m.product[k] !== 'string') err(`metadata.product.${k}`, 'must be a string');
    }
    if (m.profiles !== undefined) {
      if (!Array.isArray(m.profiles) || !m.profiles.every((p) => typeof p === 'string')) err('metadata.profiles', 'must be an array of strings');
      else profiles.push(...(m.profiles as string[]));
    }
  }
  // Profile attributes need their profile, and a declared profile its required attributes.
  for (const [k, profile] of Object.entries(ATTRIBUTES)) {
    if (profile && e[k] !== undefined && !profiles.includes(profile)) err(k, `belongs to the ${profile} profile, not declared in metadata.profiles`);
  }
  if (profiles.includes('cloud') && !isObj(e.cloud)) err('cloud', 'required by the cloud profile');

  // cloud
  if (e.cloud !== undefined) {
    if (!isObj(e.cloud)) err('cloud', 'must be an object');
    else {
      if (!nonEmpty(e.cloud.provider)) err('cloud.provider', 'required');
      if (e.cloud.region !== undefined && !nonEmpty(e.cloud.region)) err('cloud.region', 'must be a string');
      if (e.cloud.account !== undefined) {
        const a = e.cloud.account;
        if (!isObj(a)) err('cloud.account', 'must be an object');
        else {
          if (a.uid !== undefined && !nonEmpty(a.uid)) err('cloud.account.uid', 'must be a string');
          if (a.type_id !== undefined && (!isInt(a.type_id) || (a.type_id > 17 && a.type_id !== 99))) err('cloud.account.type_id', 'not in the enum');
          if (a.type_id === ACCOUNT_TYPE_AWS && a.uid !== undefined && !/^\d{12}$/.test(String(a.uid))) err('cloud.account.uid', 'an AWS account id has 12 digits');
        }
      }
    }
  }

  // finding_info
  if (isObj(e.finding_info)) {
    const fi = e.finding_info;
    if (!nonEmpty(fi.uid)) err('finding_info.uid', 'required');
    if (!nonEmpty(fi.title)) err('finding_info.title', 'required (1.x)');
    if (fi.desc !== undefined && typeof fi.desc !== 'string') err('finding_info.desc', 'must be a string');
    if (fi.types !== undefined && (!Array.isArray(fi.types) || !fi.types.every((t) => typeof t === 'string'))) err('finding_info.types', 'must be an array of strings');
    for (const k of ['created_time', 'first_seen_time', 'last_seen_time', 'modified_time']) timestamp(`finding_info.${k}`, fi[k]);
    if (isInt(fi.first_seen_time) && isInt(fi.last_seen_time) && fi.first_seen_time > fi.last_seen_time) err('finding_info.first_seen_time', 'after last_seen_time');
    if (fi.analytic !== undefined) {
      if (!isObj(fi.analytic)) err('finding_info.analytic', 'must be an object');
      else if (!isInt(fi.analytic.type_id) || !(fi.analytic.type_id in ANALYTIC_TYPE)) err('finding_info.analytic.type_id', 'required, in the enum');
      else if (fi.analytic.type_id !== 99 && fi.analytic.type !== undefined && fi.analytic.type !== ANALYTIC_TYPE[fi.analytic.type_id]) err('finding_info.analytic.type', 'must be the caption of type_id');
    }
    if (fi.related_events !== undefined) {
      if (!Array.isArray(fi.related_events)) err('finding_info.related_events', 'must be an array');
      else fi.related_events.forEach((r, i) => (!isObj(r) || !nonEmpty(r.uid)) && err(`finding_info.related_events[${i}].uid`, 'required'));
    }
    if (fi.attacks !== undefined) validateAttacks('finding_info.attacks', fi.attacks, err);
  }
  if (e.attacks !== undefined) validateAttacks('attacks', e.attacks, err);

  // resources (resource_details)
  if (e.resources !== undefined) {
    if (!Array.isArray(e.resources)) err('resources', 'must be an array');
    else
      e.resources.forEach((r, i) => {
        if (!isObj(r)) return err(`resources[${i}]`, 'must be an object');
        for (const k of ['uid', 'name', 'type', 'region', 'cloud_partition']) if (r[k] !== undefined && typeof r[k] !== 'string') err(`resources[${i}].${k}`, 'must be a string');
      });
  }

  // evidences
  if (e.evidences !== undefined) {
    if (!Array.isArray(e.evidences)) err('evidences', 'must be an array');
    else
      e.evidences.forEach((ev, i) => {
        const p = `evidences[${i}]`;
        if (!isObj(ev)) return err(p, 'must be an object');
        if (!EVIDENCE_AT_LEAST_ONE.some((k) => ev[k] !== undefined)) err(p, `needs at least one of ${EVIDENCE_AT_LEAST_ONE.join(', ')}`);
        if (ev.api !== undefined && (!isObj(ev.api) || !nonEmpty(ev.api.operation))) err(`${p}.api.operation`, 'required');
        if (isObj(ev.actor) && ev.actor.user !== undefined) {
          const u = ev.actor.user;
          if (!isObj(u) || !(['account', 'name', 'uid'] as const).some((k) => u[k] !== undefined)) err(`${p}.actor.user`, 'needs at least one of account, name, uid');
        }
        for (const side of ['src_endpoint', 'dst_endpoint']) {
          const ep = ev[side];
          if (ep === undefined) continue;
          if (!isObj(ep)) err(`${p}.${side}`, 'must be an object');
          else {
            if (ep.ip !== undefined && !(typeof ep.ip === 'string' && isIp(ep.ip))) err(`${p}.${side}.ip`, 'ip_t must be an IP address');
            if (ep.hostname !== undefined && !(typeof ep.hostname === 'string' && HOSTNAME.test(ep.hostname))) err(`${p}.${side}.hostname`, 'hostname_t must be a host name');
          }
        }
      });
  }
  if (e.unmapped !== undefined && !isObj(e.unmapped)) err('unmapped', 'must be an object');
  return errors;
}

function validateAttacks(path: string, attacks: unknown, err: (p: string, m: string) => void): void {
  if (!Array.isArray(attacks)) return err(path, 'must be an array');
  attacks.forEach((a, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(a)) return err(p, 'must be an object');
    if (a.tactic === undefined && a.technique === undefined && a.sub_technique === undefined) err(p, 'needs at least one of tactic, technique, sub_technique');
    const check = (k: string, re: RegExp) => {
      const x = a[k];
      if (x === undefined) return;
      if (!isObj(x)) return err(`${p}.${k}`, 'must be an object');
      if (x.uid !== undefined && !(typeof x.uid === 'string' && re.test(x.uid))) err(`${p}.${k}.uid`, `not an ATT&CK id: ${String(x.uid)}`);
      if (x.name !== undefined && !nonEmpty(x.name)) err(`${p}.${k}.name`, 'must be a string');
    };
    check('technique', /^T\d{4}$/);
    check('sub_technique', /^T\d{4}\.\d{3}$/);
    check('tactic', /^TA\d{4}$/);
    if (isObj(a.technique) && isObj(a.sub_technique) && typeof a.sub_technique.uid === 'string' && !a.sub_technique.uid.startsWith(`${String(a.technique.uid)}.`)) {
      err(`${p}.sub_technique.uid`, 'not a sub-technique of the technique');
    }
  });
}
