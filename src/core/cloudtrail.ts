// Shared vocabulary for CloudTrail records as they arrive: plain JSON objects from a hostile source.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A CloudTrail record as written by AWS: camelCase keys, values untouched. */
export type CloudTrailRecord = JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
