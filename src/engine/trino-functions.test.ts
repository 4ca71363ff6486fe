// Trino functions on DuckDB: the shared contract, the function table's own claims, and properties.

import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRINO_CONTRACT } from './test-support/trino-contract.js';
import type { ContractValue } from './test-support/trino-contract.js';
import {
  ALLOWED_FUNCTIONS,
  SHADOWED_BUILTINS,
  TRINO_FUNCTIONS,
  installTrinoFunctions,
} from './trino-functions.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await installTrinoFunctions(conn);
});

afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function value(sql: string, params?: string[]): Promise<unknown> {
  const reader = await conn.runAndReadAll(`SELECT ${sql} AS v`, params);
  return reader.getRowObjectsJson()[0]?.['v'];
}

/** DuckDB's JSON rendering of a value, shaped like the contract's expectation (BIGINT comes back as text). */
function normalise(actual: unknown, expected: ContractValue): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((a, i) => normalise(a, expected[i] ?? null));
  }
  if (typeof expected === 'number' && actual !== null && actual !== undefined) return Number(actual);
  return actual;
}

describe('the Trino contract on DuckDB', () => {
  for (const c of TRINO_CONTRACT) {
    it(`${c.sql}  [${c.source}]`, async () => {
      if (c.error) {
        await expect(value(c.sql)).rejects.toThrow();
        return;
      }
      const expected = c.expected ?? null;
      expect(normalise(await value(c.sql), expected)).toEqual(expected);
    });
  }

  it('exercises every allowed function', () => {
    const called = (name: string) =>
      TRINO_CONTRACT.some((c) => new RegExp(`\\b${name}\\s*\\(`, 'i').test(c.sql));
    expect(TRINO_FUNCTIONS.map((f) => f.name).filter((n) => !called(n))).toEqual([]);
  });
});

describe('the function table', () => {
  it('has one entry per name, in lower case', () => {
    const names = TRINO_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
    expect([...ALLOWED_FUNCTIONS.keys()]).toEqual(names);
  });

  it('gives every macro overloads and no native one', () => {
    for (const f of TRINO_FUNCTIONS) {
      expect(f.duckdb === 'macro' ? (f.overloads?.length ?? 0) > 0 : f.overloads === undefined, f.name).toBe(true);
      expect(f.args[0] <= f.args[1], f.name).toBe(true);
    }
  });

  it('marks native only what DuckDB has built in', async () => {
    const reader = await conn.runAndReadAll(
      `SELECT DISTINCT function_name FROM duckdb_functions() WHERE database_name = 'system'`,
    );
    const builtins = new Set(reader.getRowObjectsJson().map((r) => String(r['function_name'])));
    // DuckDB's parser turns if() into CASE and coalesce() into its own operator: neither is listed as a function.
    const parserForms = new Set(['if', 'coalesce']);
    const natives = TRINO_FUNCTIONS.filter((f) => f.duckdb === 'native' && !parserForms.has(f.name));
    expect(natives.filter((f) => !builtins.has(f.name)).map((f) => f.name)).toEqual([]);
  });

  it('lists exactly the built-ins its macros shadow', async () => {
    const reader = await conn.runAndReadAll(
      `SELECT DISTINCT function_name FROM duckdb_functions() WHERE database_name = 'system'`,
    );
    const builtins = new Set(reader.getRowObjectsJson().map((r) => String(r['function_name'])));
    const shadowed = TRINO_FUNCTIONS.filter((f) => f.duckdb === 'macro' && builtins.has(f.name)).map((f) => f.name);
    expect([...shadowed].sort()).toEqual([...SHADOWED_BUILTINS].sort());
  });

  it("leaves DuckDB's own macros that call a shadowed name working", async () => {
    // DuckDB binds a built-in macro's body where it is called, so these reach qir's macros: they must still work.
    expect(await value(`map_contains_value(MAP {'a': 'x'}, 'x')`)).toBe(true);
    expect(await value(`json('{"a": 1}')::VARCHAR`)).toBe('{"a":1}');
    expect(typeof (await value(`format_type(23, -1)`))).toBe('string');
  });
});

describe('installTrinoFunctions', () => {
  it('installs per connection, as TEMP macros that are not stored in the database', async () => {
    const other = await instance.connect();
    await expect(other.runAndReadAll(`SELECT json_extract_scalar('{"a":1}', '$.a')`)).rejects.toThrow();
    await installTrinoFunctions(other);
    const r = await other.runAndReadAll(`SELECT json_extract_scalar('{"a":1}', '$.a') AS v`);
    expect(r.getRowObjectsJson()[0]?.['v']).toBe('1');
    const stored = await other.runAndReadAll(
      `SELECT count(*) AS n FROM duckdb_functions() WHERE function_type = 'macro' AND database_name NOT IN ('system', 'temp')`,
    );
    expect(Number(stored.getRowObjectsJson()[0]?.['n'])).toBe(0);
    other.closeSync();
  });

  it('can run twice on one connection', async () => {
    await installTrinoFunctions(conn);
    expect(await value(`regexp_replace('aaa', 'a', 'b')`)).toBe('bbb');
  });
});

describe('Trino semantics beyond the contract (DuckDB only)', () => {
  it('element_at and cardinality take maps', async () => {
    expect(await value(`element_at(MAP {'k': 'v'}, 'k')`)).toBe('v');
    expect(await value(`element_at(MAP {'k': 'v'}, 'x')`)).toBe(null);
    expect(Number(await value(`cardinality(MAP {'k': 'v', 'l': 'w'})`))).toBe(2);
  });

  it('regexp_replace refuses a named group reference rather than misreading it', async () => {
    await expect(value(`regexp_replace('ab', '(?P<x>a)', '\${x}')`)).rejects.toThrow(/named group/);
  });

  it('contains refuses a string, as Athena does', async () => {
    await expect(value(`contains('abc', 'b')`)).rejects.toThrow();
  });
});

describe('properties', () => {
  const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

  it('to_iso8601(from_iso8601_timestamp(s)) round-trips any millisecond instant', async () => {
    await fc.assert(
      fc.asyncProperty(instant, async (d) => {
        const iso = d.toISOString();
        expect(await value(`to_iso8601(from_iso8601_timestamp(?))`, [iso])).toBe(iso);
      }),
      { numRuns: 100 },
    );
  });

  it('an offset names the same instant as its UTC form', async () => {
    const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 });
    await fc.assert(
      fc.asyncProperty(instant, offsetMinutes, async (d, off) => {
        const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, -1);
        const sign = off < 0 ? '-' : '+';
        const abs = Math.abs(off);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(await value(`to_iso8601(from_iso8601_timestamp(?))`, [local + zone])).toBe(d.toISOString());
      }),
      { numRuns: 100 },
    );
  });

  it('from_unixtime(to_unixtime(t)) = t and date_diff counts milliseconds exactly', async () => {
    await fc.assert(
      fc.asyncProperty(instant, instant, async (a, b) => {
        const [ia, ib] = [a.toISOString(), b.toISOString()];
        expect(await value(`to_iso8601(from_unixtime(to_unixtime(from_iso8601_timestamp(?))))`, [ia])).toBe(ia);
        const diff = await value(
          `date_diff('millisecond', from_iso8601_timestamp(?), from_iso8601_timestamp(?))`,
          [ia, ib],
        );
        expect(Number(diff)).toBe(b.getTime() - a.getTime());
      }),
      { numRuns: 100 },
    );
  });

  it('json_extract_scalar returns any string value exactly as stored', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        expect(await value(`json_extract_scalar(?, '$.k[1].v')`, [JSON.stringify({ k: [0, { v: s }] })])).toBe(s);
      }),
      { numRuns: 100 },
    );
  });

  it('regexp_replace replaces every literal match, like String.replaceAll', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[abc]{0,20}$/), async (s) => {
        expect(await value(`regexp_replace(?, 'ab', 'x')`, [s])).toBe(s.replaceAll('ab', 'x'));
      }),
      { numRuns: 100 },
    );
  });
});
