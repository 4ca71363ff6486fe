// scopeToWindow: rules with and without WITH, tricky text, both time columns, run on DuckDB over CLOUDTRAIL_DDL.

import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUDTRAIL_DDL } from '../store/schema.js';
import { checkTrinoSql } from './test-support/trino-check.js';
import { installTrinoFunctions } from './trino-functions.js';
import { WindowError, scopeToWindow } from './window.js';
import type { InvestigationWindow, WindowTimeColumn } from './window.js';

/** Events: name → eventtime. The window below is [20:00:00Z, 21:00:00Z). */
const EVENTS: ReadonlyArray<readonly [string, string]> = [
  ['Before', '2024-04-10T19:59:59Z'],
  ['AtStart', '2024-04-10T20:00:00Z'],
  ['Middle', '2024-04-10T20:30:00Z'],
  ['LastMoment', '2024-04-10T20:59:59Z'],
  ['AtEnd', '2024-04-10T21:00:00Z'],
  ['NextDay', '2024-04-11T09:00:00Z'],
];
const WINDOW: InvestigationWindow = { start: '2024-04-10T20:00:00Z', end: '2024-04-10T21:00:00Z' };
const INSIDE = ['AtStart', 'Middle', 'LastMoment'];

/** The Athena source a rule runs against later; the same SQL must also run here against main.cloudtrail. */
const ATHENA_TABLE = '"default"."cloudtrail_logs"';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await installTrinoFunctions(conn);
  await conn.run(CLOUDTRAIL_DDL);
  for (const [name, time] of EVENTS) {
    await conn.run(
      `INSERT INTO cloudtrail (eventname, eventtime, eventsource, requestparameters, _ts)
       VALUES (?, ?, 'qbusiness.amazonaws.com', '{"applicationId":"app-1"}', CAST(? AS TIMESTAMP))`,
      [name, time, time],
    );
  }
});

afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function names(sql: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson().map((r) => String(r['eventname']));
}

/** Runs `rule` scoped both ways on DuckDB; both must return the same rows. */
async function runBothWays(rule: string, window: InvestigationWindow = WINDOW): Promise<string[]> {
  const viaTs = await names(scopeToWindow(rule, window));
  const viaEventTime = await names(scopeToWindow(rule, window, 'main.cloudtrail', 'eventtime'));
  expect(viaEventTime).toEqual(viaTs);
  return viaTs;
}

const RULES: Record<string, string> = {
  'a plain SELECT': `SELECT eventname FROM cloudtrail ORDER BY eventtime`,
  'a rule with its own WITH': `WITH q AS (SELECT eventname, eventtime FROM cloudtrail)
SELECT eventname FROM q ORDER BY eventtime`,
  'a WITH list of two, one with a column list': `WITH q (eventname, t) AS (SELECT eventname, eventtime FROM cloudtrail),
     r AS (SELECT * FROM q)
SELECT eventname FROM r ORDER BY t`,
  'comments and strings that say WITH before a plain SELECT': `-- WITH x AS (SELECT 1): a comment, not SQL
/* WITH y AS (SELECT 2) ; */
SELECT eventname, 'WITH z AS (' AS w FROM cloudtrail
WHERE eventname <> 'WITH ; WITH' ORDER BY eventtime`,
  'a comment and a quoted name inside the WITH head': `with /* WITH */ "q" AS (
  SELECT eventname AS "with", eventtime FROM cloudtrail WHERE 'it''s WITH' <> ''
) SELECT "with" AS eventname FROM q ORDER BY eventtime`,
  'a trailing semicolon and comment': `SELECT eventname FROM cloudtrail ORDER BY eventtime; -- done`,
  'WITH RECURSIVE': `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2)
SELECT eventname FROM cloudtrail CROSS JOIN n WHERE i = 2 ORDER BY eventtime`,
  'a JSON filter': `SELECT eventname FROM cloudtrail
WHERE json_extract_scalar(requestparameters, '$.applicationId') = 'app-1' ORDER BY eventtime`,
};

describe('scopeToWindow keeps only the events inside the window', () => {
  for (const [what, rule] of Object.entries(RULES)) {
    it(what, async () => {
      expect(await runBothWays(rule)).toEqual(INSIDE);
    });
  }

  it('a rule that counts', async () => {
    const reader = await conn.runAndReadAll(scopeToWindow(`SELECT count(*) AS n FROM cloudtrail`, WINDOW));
    expect(Number(reader.getRowObjectsJson()[0]?.['n'])).toBe(INSIDE.length);
  });

  it('open-ended windows and no window', async () => {
    const rule = RULES['a plain SELECT'] ?? '';
    expect(await runBothWays(rule, { start: '2024-04-10T21:00:00Z' })).toEqual(['AtEnd', 'NextDay']);
    expect(await runBothWays(rule, { end: '2024-04-10T20:00:00Z' })).toEqual(['Before']);
    expect(await runBothWays(rule, {})).toEqual(EVENTS.map(([n]) => n));
  });

  it('bounds with offsets, fractions and bare dates', async () => {
    const rule = RULES['a plain SELECT'] ?? '';
    expect(await runBothWays(rule, { start: '2024-04-10T22:00:00+02:00', end: '2024-04-10T20:59:59.001Z' })).toEqual([
      'AtStart',
      'Middle',
      'LastMoment',
    ]);
    expect(await runBothWays(rule, { start: '2024-04-11', end: '2024-04-12' })).toEqual(['NextDay']);
  });
});

describe('scopeToWindow writes SQL that Athena takes', () => {
  for (const [what, rule] of Object.entries(RULES)) {
    it(`${what}: the rule and its scoped form pass checkTrinoSql`, () => {
      expect(checkTrinoSql(rule)).toEqual([]);
      expect(checkTrinoSql(scopeToWindow(rule, WINDOW, ATHENA_TABLE))).toEqual([]);
    });
  }

  it('compares eventtime through from_iso8601_timestamp for a Trino source', () => {
    const sql = scopeToWindow(`SELECT eventname FROM cloudtrail`, WINDOW, ATHENA_TABLE);
    expect(sql).toBe(`WITH cloudtrail AS (
  SELECT * FROM "default"."cloudtrail_logs"
  WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2024-04-10T20:00:00.000Z')
    AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp('2024-04-10T21:00:00.000Z')
)
SELECT eventname FROM cloudtrail`);
  });

  it('uses the _ts column for the case store, and merges into the rule\'s WITH list', () => {
    const sql = scopeToWindow(`WITH q AS (SELECT 1) SELECT * FROM q`, WINDOW);
    expect(sql).toBe(`WITH cloudtrail AS (
  SELECT * FROM main.cloudtrail
  WHERE _ts >= TIMESTAMP '2024-04-10 20:00:00.000'
    AND _ts < TIMESTAMP '2024-04-10 21:00:00.000'
), q AS (SELECT 1) SELECT * FROM q`);
  });

  it('keeps comments that precede the rule in front', () => {
    const sql = scopeToWindow(`-- header\nSELECT 1`, {}, ATHENA_TABLE);
    expect(sql.startsWith('-- header\nWITH cloudtrail AS (')).toBe(true);
  });
});

describe('scopeToWindow refuses what it cannot scope safely', () => {
  const refuses = (fn: () => unknown, code: string, message: RegExp) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WindowError);
    expect((error as WindowError).code).toBe(code);
    expect((error as WindowError).message).toMatch(message);
  };

  it('a rule that defines cloudtrail itself', () => {
    refuses(
      () => scopeToWindow(`WITH a AS (SELECT 1), "CloudTrail" AS (SELECT 2) SELECT * FROM a`, WINDOW),
      'WINDOW_RULE_SQL',
      /defines its own `cloudtrail`/,
    );
  });

  it('more than one statement, and no statement', () => {
    refuses(() => scopeToWindow(`SELECT 1; SELECT 2`, WINDOW), 'WINDOW_RULE_SQL', /more than one statement/);
    refuses(() => scopeToWindow(`-- nothing`, WINDOW), 'WINDOW_RULE_SQL', /no SQL/);
  });

  it('unterminated strings and comments', () => {
    refuses(() => scopeToWindow(`SELECT 'oops FROM cloudtrail`, WINDOW), 'WINDOW_RULE_SQL', /unterminated string/);
    refuses(() => scopeToWindow(`SELECT 1 /* oops`, WINDOW), 'WINDOW_RULE_SQL', /unterminated \/\*/);
  });

  it('times that are not ISO-8601 instants, including SQL smuggled in one', () => {
    for (const bad of ['yesterday', '2024-02-30', '2024-04-10T24:00:00Z', "2024-04-10' OR '1'='1", '2024-04-10T20:00:00+25:00']) {
      refuses(() => scopeToWindow(`SELECT 1`, { start: bad }), 'WINDOW_TIME', /not an ISO-8601 time/);
    }
  });

  it('an end that is not after the start', () => {
    refuses(
      () => scopeToWindow(`SELECT 1`, { start: '2024-04-10T21:00:00Z', end: '2024-04-10T20:00:00Z' }),
      'WINDOW_RANGE',
      /must be after its start/,
    );
  });

  it('source tables that are not qualified names', () => {
    refuses(() => scopeToWindow(`SELECT 1`, WINDOW, 'cloudtrail'), 'WINDOW_SOURCE', /qualified/);
    refuses(() => scopeToWindow(`SELECT 1`, WINDOW, 'main.cloudtrail; DROP TABLE x'), 'WINDOW_SOURCE', /not a table name/);
  });
});

describe('property: the scoped rule returns exactly the events in [start, end)', () => {
  it('for random events and random windows, through _ts and through eventtime', async () => {
    const local = await instance.connect();
    await installTrinoFunctions(local);
    await local.run(`CREATE SCHEMA prop`);
    await local.run(CLOUDTRAIL_DDL.replace('CREATE TABLE IF NOT EXISTS cloudtrail', 'CREATE TABLE prop.cloudtrail'));
    const instant = fc
      .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 3) })
      .map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    const times = fc.sample(instant, { numRuns: 200, seed: 42 });
    for (const [n, t] of times.entries()) {
      await local.run(`INSERT INTO prop.cloudtrail (eventname, eventtime, _ts) VALUES (?, ?, CAST(? AS TIMESTAMP))`, [
        `e${n}`,
        t,
        t,
      ]);
    }
    const count = async (sql: string) =>
      Number((await local.runAndReadAll(sql)).getRowObjectsJson()[0]?.['n']);
    const rule = `SELECT count(*) AS n FROM cloudtrail`;
    await fc.assert(
      fc.asyncProperty(instant, instant, async (a, b) => {
        fc.pre(a !== b);
        const [start, end] = a < b ? [a, b] : [b, a];
        const expected = times.filter((t) => t >= start && t < end).length;
        for (const column of ['_ts', 'eventtime'] as WindowTimeColumn[]) {
          expect(await count(scopeToWindow(rule, { start, end }, 'prop.cloudtrail', column))).toBe(expected);
        }
      }),
      { numRuns: 60 },
    );
    local.closeSync();
  });
});
