// Split and rebuild are exact inverses, including for hostile and odd records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/cloudtrail.js';
import { canonicalJson } from './canonical.js';
import { rebuildRecord, splitRecord } from './record-shape.js';

/** What DuckDB returns for a clean record: columns by lower-case name, JSON leaves as text. */
function asRow(clean: JsonObject): Record<string, unknown> {
  const jsonCols = new Set(['requestparameters', 'responseelements', 'additionaleventdata', 'serviceeventdetails', 'edgedevicedetails']);
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(clean)) row[k] = jsonCols.has(k) ? JSON.stringify(v) : k === 'readonly' ? String(v) : v;
  return row;
}

const roundTrip = (record: JsonObject) => {
  const { clean, extra } = splitRecord(record);
  return rebuildRecord(asRow(clean), Object.keys(extra).length ? JSON.stringify(extra) : null);
};

describe('record shape', () => {
  it('keeps unknown fields, nulls, empty objects and odd types', () => {
    const record = JSON.parse(`{
      "eventVersion": "1.11", "eventTime": "2025-01-01T00:00:00Z", "eventSource": "qbusiness.amazonaws.com",
      "eventName": "ChatSync", "eventID": "e1", "readOnly": "true", "recipientAccountId": 111122223333,
      "userIdentity": {"type": "AssumedRole", "newField": {"a": 1}, "sessionContext": {"webIdFederationData": {}}, "onBehalfOf": {"userId": "u1"}},
      "requestParameters": null, "resources": [{"ARN": "arn:x", "extraKey": true}, "not-an-object"],
      "__proto__": {"polluted": true}, "a/b~c": 1, "managementEvent": false
    }`) as JsonObject;
    expect(canonicalJson(roundTrip(record))).toBe(canonicalJson(record));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rebuilds any record made of known and unknown fields', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.string()));
    const known = fc.record(
      {
        eventTime: fc.constant('2025-01-01T00:00:00Z'),
        eventSource: fc.string(),
        eventName: fc.string(),
        eventID: fc.uuid(),
        readOnly: fc.boolean(),
        userIdentity: fc.record({ type: fc.string(), arn: value, sessionContext: fc.record({ attributes: fc.dictionary(fc.string(), fc.string()) }) }, { requiredKeys: [] }),
        requestParameters: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), value)),
        resources: fc.array(fc.record({ ARN: fc.string(), type: value }, { requiredKeys: [] })),
      },
      { requiredKeys: ['eventTime', 'eventSource', 'eventName', 'eventID'] },
    );
    fc.assert(
      fc.property(known, fc.dictionary(fc.string(), value), (k, unknown) => {
        const record = { ...unknown, ...k } as JsonObject;
        expect(canonicalJson(roundTrip(record))).toBe(canonicalJson(record));
      }),
      { numRuns: 300 },
    );
  });
});
