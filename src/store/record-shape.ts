// The shape of a CloudTrail record as the Athena table holds it: splits a record into what the
// documented columns hold and an `_extra` overlay of everything else, and rebuilds it field for field.
import type { Json, JsonObject } from '../core/cloudtrail.js';
import { isJsonObject } from '../core/cloudtrail.js';

/** string: a JSON string; boolean: true/false kept as 'true'/'false' text; json: any value kept as JSON text. */
type Leaf = 'string' | 'boolean' | 'json' | 'map';
export type Shape = Leaf | { struct: Record<string, Shape> } | { arrayOf: Shape };

const s = 'string' as const;
const struct = (fields: Record<string, Shape>): Shape => ({ struct: fields });

/** Record fields by their CloudTrail (camelCase) names; the column is the lower-cased name. */
export const RECORD_SHAPE: Record<string, Shape> = {
  eventVersion: s,
  userIdentity: struct({
    type: s,
    principalId: s,
    arn: s,
    accountId: s,
    invokedBy: s,
    accessKeyId: s,
    userName: s,
    onBehalfOf: struct({ userId: s, identityStoreArn: s }),
    sessionContext: struct({
      attributes: struct({ mfaAuthenticated: s, creationDate: s }),
      sessionIssuer: struct({ type: s, principalId: s, arn: s, accountId: s, userName: s }),
      ec2RoleDelivery: s,
      webIdFederationData: struct({ federatedProvider: s, attributes: 'map' }),
    }),
  }),
  eventTime: s,
  eventSource: s,
  eventName: s,
  awsRegion: s,
  sourceIPAddress: s,
  userAgent: s,
  errorCode: s,
  errorMessage: s,
  requestParameters: 'json',
  responseElements: 'json',
  additionalEventData: 'json',
  requestID: s,
  eventID: s,
  resources: { arrayOf: struct({ ARN: s, accountId: s, type: s }) },
  eventType: s,
  apiVersion: s,
  readOnly: 'boolean',
  recipientAccountId: s,
  serviceEventDetails: 'json',
  sharedEventID: s,
  vpcEndpointId: s,
  vpcEndpointAccountId: s,
  eventCategory: s,
  addendum: struct({ reason: s, updatedFields: s, originalRequestID: s, originalEventID: s }),
  sessionCredentialFromConsole: s,
  edgeDeviceDetails: 'json',
  tlsDetails: struct({ tlsVersion: s, cipherSuite: s, clientProvidedHostHeader: s }),
};

/** DuckDB type of a shape, with the Athena (lower-case) field names; `jsonAs` is the type of JSON leaves. */
export function duckdbType(shape: Shape, jsonAs: 'VARCHAR' | 'JSON' = 'VARCHAR'): string {
  if (shape === 'string' || shape === 'boolean') return 'VARCHAR';
  if (shape === 'json') return jsonAs;
  if (shape === 'map') return 'MAP(VARCHAR, VARCHAR)';
  if ('arrayOf' in shape) return `${duckdbType(shape.arrayOf, jsonAs)}[]`;
  const fields = Object.entries(shape.struct).map(([k, v]) => `${k.toLowerCase()} ${duckdbType(v, jsonAs)}`);
  return `STRUCT(${fields.join(', ')})`;
}

const lowerNames = new Map<string, string>();
const lowerName = (key: string) => {
  let l = lowerNames.get(key);
  if (l === undefined) lowerNames.set(key, (l = key.toLowerCase()));
  return l;
};

const pointer = (path: string, key: string | number) =>
  `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

export interface SplitRecord {
  /** The record reduced to values the columns hold, under the columns' (lower-case) names. */
  clean: JsonObject;
  /** JSON Pointer → original value, for everything the columns do not reproduce. Empty when none. */
  extra: Record<string, Json>;
}

/** Splits a record: `clean` fits the columns; `extra` overlays the rest so rebuild() returns the original. */
export function splitRecord(record: JsonObject): SplitRecord {
  const extra: Record<string, Json> = {};
  const clean = splitStruct(record, RECORD_SHAPE, '', extra, true);
  return { clean: clean ?? {}, extra };
}

function splitStruct(
  value: JsonObject,
  fields: Record<string, Shape>,
  path: string,
  extra: Record<string, Json>,
  top: boolean,
): JsonObject | undefined {
  const out: JsonObject = {};
  let kept = 0;
  for (const key in value) {
    const v = value[key] as Json;
    const shape = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (shape === undefined) {
      extra[pointer(path, key)] = v;
      continue;
    }
    const c = splitValue(v, shape, path, key, extra);
    if (c !== undefined) {
      out[lowerName(key)] = c;
      kept++;
    }
  }
  // An object that keeps no column value would come back as NULL: remember that it was there.
  if (kept === 0 && !top) {
    extra[path] = {};
    return undefined;
  }
  return out;
}

/** Splits the value at `parent`/`key`; the pointer string is only built when it is needed. */
function splitValue(v: Json, shape: Shape, parent: string, key: string | number, extra: Record<string, Json>): Json | undefined {
  if (v === null) {
    extra[pointer(parent, key)] = null;
    return undefined;
  }
  if (shape === 'string') {
    if (typeof v === 'string') return v;
    extra[pointer(parent, key)] = v;
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
  if (shape === 'boolean') {
    if (typeof v === 'boolean') return v;
    extra[pointer(parent, key)] = v;
    return typeof v === 'string' ? v : undefined;
  }
  if (shape === 'json') return v;
  const path = pointer(parent, key);
  if (shape === 'map') {
    if (isJsonObject(v) && Object.values(v).every((x) => typeof x === 'string')) {
      if (Object.keys(v).length === 0) extra[path] = {};
      return v;
    }
    extra[path] = v;
    return undefined;
  }
  if ('arrayOf' in shape) {
    if (!Array.isArray(v)) {
      extra[path] = v;
      return undefined;
    }
    return v.map((item, i) => {
      const c = splitValue(item, shape.arrayOf, path, i, extra);
      return c === undefined ? null : c;
    });
  }
  if (!isJsonObject(v)) {
    extra[path] = v;
    return undefined;
  }
  return splitStruct(v, shape.struct, path, extra, false);
}

/** `_extra` key holding base64 of the whole record's JSON, for records the columns cannot hold as text. */
export const RAW_RECORD_KEY = '$rawRecord';

/**
 * Rebuilds the original record from a stored row (Athena column names, as DuckDB returns them:
 * structs as objects with lower-case keys, JSON columns as text) and its `_extra` overlay.
 */
export function rebuildRecord(row: Record<string, unknown>, extraText: string | null): JsonObject {
  const out: JsonObject = {};
  for (const [key, shape] of Object.entries(RECORD_SHAPE)) {
    const v = rebuildValue(row[key.toLowerCase()], shape);
    if (v !== undefined) out[key] = v;
  }
  if (extraText) {
    const extra = JSON.parse(extraText) as Record<string, Json>;
    const raw = extra[RAW_RECORD_KEY];
    if (typeof raw === 'string') return JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as JsonObject;
    // Shallow paths first, so an overlaid `{}` is in place before its unknown keys.
    const paths = Object.keys(extra).sort((a, b) => depth(a) - depth(b));
    for (const p of paths) setAtPointer(out, p, extra[p] as Json);
  }
  return out;
}

const depth = (p: string) => p.split('/').length;

function rebuildValue(v: unknown, shape: Shape): Json | undefined {
  if (v === null || v === undefined) return undefined;
  if (shape === 'string') return String(v);
  if (shape === 'boolean') return v === 'true' ? true : v === 'false' ? false : String(v);
  if (shape === 'json') return JSON.parse(String(v)) as Json;
  if (shape === 'map') return mapToObject(v);
  if ('arrayOf' in shape) {
    const items = Array.isArray(v) ? v : [];
    return items.map((item) => rebuildValue(item, shape.arrayOf) ?? null);
  }
  const src = v as Record<string, unknown>;
  const out: JsonObject = {};
  for (const [key, sub] of Object.entries(shape.struct)) {
    const c = rebuildValue(src[key.toLowerCase()], sub);
    if (c !== undefined) out[key] = c;
  }
  return Object.keys(out).length ? out : undefined;
}

function mapToObject(v: unknown): JsonObject {
  // DuckDB returns MAPs as [{key, value}] entries.
  const out: JsonObject = {};
  if (Array.isArray(v)) for (const e of v as { key: string; value: string }[]) setOwn(out, e.key, e.value);
  else if (isJsonObject(v)) for (const [k, x] of Object.entries(v)) setOwn(out, k, x);
  return out;
}

/** Sets an own property even for keys like `__proto__`, which a hostile record may carry. */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAtPointer(root: JsonObject, p: string, value: Json): void {
  const keys = p
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Json = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    const container = node as Record<string, Json> | Json[];
    let next = Object.prototype.hasOwnProperty.call(container, k) ? (container as Record<string, Json>)[k] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      next = /^\d+$/.test(keys[i + 1] as string) ? [] : {};
      setOwn(container as Record<string, Json>, k, next);
    }
    node = next;
  }
  setOwn(node as Record<string, Json>, keys[keys.length - 1] as string, value);
}
