// Canonical JSON (keys sorted at every depth) and the 128-bit content hash that de-duplicates events.
import { createHash } from 'node:crypto';
import type { Json } from '../core/cloudtrail.js';

// Object keys repeat across records; their quoted forms are cached (bounded, since keys are hostile input).
const quotedKeys = new Map<string, string>();
const quoteKey = (k: string): string => {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 50_000) quotedKeys.set(k, q);
  }
  return q;
};

/** JSON text independent of key order: the same record always gives the same text. */
export function canonicalJson(value: Json): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i] as Json);
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += (i ? ',' : '') + quoteKey(k) + ':' + canonicalJson((value as Record<string, Json>)[k] as Json);
  }
  return out + '}';
}

/** SHA-256 of the canonical JSON, cut to 128 bits and written as a UUID (DuckDB's fast 128-bit type). */
export function contentHash(value: Json): string {
  const h = createHash('sha256').update(canonicalJson(value)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
