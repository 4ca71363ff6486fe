// checkTrinoSql: accepts the shared Trino SQL and rejects DuckDB-only constructs with a message that says why.

import { describe, expect, it } from 'vitest';
import { checkTrinoSql } from './trino-check.js';
import type { ProblemCode } from './trino-check.js';
import { TRINO_CONTRACT } from './trino-contract.js';

const GOOD_RULE = `
-- Rule: many denied Q calls from one principal. Comments may say ILIKE, ::, -> and WITH freely.
/* A block comment: CAST(eventtime AS TIMESTAMP) json_extract_string(x) */
WITH q AS (
  SELECT
    useridentity.arn AS actor,
    eventname,
    from_iso8601_timestamp(eventtime) AS ts,
    json_extract_scalar(requestparameters, '$.applicationId') AS app,
    errorcode
  FROM cloudtrail
  WHERE eventsource IN ('qbusiness.amazonaws.com', 'q.amazonaws.com')
    AND eventtime >= '2024-04-10T00:00:00Z'
    AND lower(eventname) LIKE 'get%'
    AND regexp_like(useragent, '(?i)aws-cli')
    AND from_iso8601_timestamp(eventtime) > TIMESTAMP '2024-04-01 00:00:00'
    AND note <> 'a string with :: and ILIKE and -> in it'
)
SELECT
  actor,
  count(*) AS calls,
  count_if(errorcode = 'AccessDenied') AS denied,
  max_by(eventname, ts) AS last_event,
  date_diff('minute', min(ts), max(ts)) AS span_minutes,
  CAST(min(ts) AS DATE) AS first_day,
  array_join(array_agg(DISTINCT app), ',') AS apps,
  row_number() OVER (ORDER BY count(*) DESC) AS rank_by_calls,
  CASE WHEN count(*) > 10 THEN 'many' ELSE 'few' END AS volume,
  EXTRACT(HOUR FROM min(ts)) AS first_hour
FROM q
GROUP BY actor
HAVING count_if(errorcode = 'AccessDenied') > 5
ORDER BY denied DESC
LIMIT 100
`;

const codes = (sql: string) => checkTrinoSql(sql).map((p) => p.code);

function expectProblem(sql: string, code: ProblemCode, message: RegExp) {
  const problems = checkTrinoSql(sql);
  const match = problems.find((p) => p.code === code);
  expect(match, `${code} for ${sql}: got ${JSON.stringify(problems)}`).toBeDefined();
  expect(match?.message).toMatch(message);
}

describe('checkTrinoSql accepts the shared Trino SQL', () => {
  it('a realistic rule with CTEs, aggregates, windows, and DuckDB words inside strings and comments', () => {
    expect(checkTrinoSql(GOOD_RULE)).toEqual([]);
  });

  it('every expression of the Trino contract', () => {
    const bad = TRINO_CONTRACT.map((c) => ({ sql: c.sql, problems: checkTrinoSql(`SELECT ${c.sql} AS v`) })).filter(
      (r) => r.problems.length > 0,
    );
    expect(bad).toEqual([]);
  });

  it('a trailing semicolon, quoted function names, and timestamps derived from eventtime', () => {
    expect(checkTrinoSql(`SELECT "json_extract_scalar"(requestparameters, '$.a') FROM cloudtrail;`)).toEqual([]);
    expect(checkTrinoSql(`SELECT CAST(from_iso8601_timestamp(eventtime) AS DATE) FROM cloudtrail`)).toEqual([]);
    expect(checkTrinoSql(`SELECT * FROM cloudtrail WHERE eventtime BETWEEN '2024-04-01' AND '2024-04-02'`)).toEqual([]);
  });
});

describe('checkTrinoSql rejects DuckDB-only syntax', () => {
  it('`::` casts', () => {
    expectProblem(`SELECT eventname::VARCHAR FROM cloudtrail`, 'duckdb-syntax', /CAST\(x AS type\)/);
  });

  it('ILIKE, even though the grammar would read it as an alias', () => {
    expectProblem(`SELECT * FROM cloudtrail WHERE eventname ILIKE 'get%'`, 'duckdb-syntax', /lower\(x\) LIKE/);
  });

  it('the JSON arrows -> and ->>', () => {
    expectProblem(`SELECT requestparameters->>'bucketName' FROM cloudtrail`, 'duckdb-syntax', /json_extract_scalar/);
    expectProblem(`SELECT requestparameters->'$.a' FROM cloudtrail`, 'duckdb-syntax', /json_extract\(/);
    // Inside a function call the grammar takes it for a lambda: still refused.
    expectProblem(`SELECT json_format(requestparameters -> '$.a') FROM cloudtrail`, 'duckdb-syntax', /JSON operator/);
  });

  it.each([
    ['json_extract_string', `json_extract_string(requestparameters, '$.a')`, /json_extract_scalar/],
    ['regexp_matches', `regexp_matches(useragent, 'cli')`, /regexp_like/],
    ['strftime', `strftime(_ts, '%Y')`, /to_iso8601/],
    ['list_contains', `list_contains(split(x, ','), 'a')`, /Trino array functions/],
    ['list_transform', `list_transform(split(x, ','), 'a')`, /Trino array functions/],
    ['string_split', `string_split(x, ',')`, /split\(string, delimiter\)/],
  ])('the DuckDB function %s', (name, expr, instead) => {
    const sql = `SELECT ${expr} FROM cloudtrail`;
    expectProblem(sql, 'duckdb-function', new RegExp(`${name}\\(\\) is DuckDB-only`));
    expectProblem(sql, 'duckdb-function', instead);
  });

  it('CAST of eventtime or an ISO-8601 string to TIMESTAMP or DATE', () => {
    for (const sql of [
      `SELECT CAST(eventtime AS TIMESTAMP) FROM cloudtrail`,
      `SELECT TRY_CAST(c.eventtime AS timestamp(3)) FROM cloudtrail c`,
      `SELECT CAST(substr(eventtime, 1, 19) AS TIMESTAMP) FROM cloudtrail`,
      `SELECT CAST(eventtime AS DATE) FROM cloudtrail`,
      `SELECT CAST('2024-04-10T20:04:42Z' AS TIMESTAMP)`,
    ]) {
      expectProblem(sql, 'iso-timestamp-cast', /from_iso8601_timestamp\(eventtime\)/);
    }
  });

  it('a timestamp literal in ISO-8601 form', () => {
    expectProblem(`SELECT TIMESTAMP '2024-04-10T20:04:42Z'`, 'iso-timestamp-cast', /TIMESTAMP '2024-04-10 20:04:42'/);
  });

  it('eventtime compared with a timestamp', () => {
    expectProblem(
      `SELECT * FROM cloudtrail WHERE eventtime > TIMESTAMP '2024-04-10 00:00:00'`,
      'eventtime-comparison',
      /from_iso8601_timestamp\(eventtime\)/,
    );
    expectProblem(
      `SELECT * FROM cloudtrail c WHERE c.eventtime BETWEEN from_iso8601_timestamp('2024-04-10T00:00:00Z') AND date_add('day', 1, from_iso8601_timestamp('2024-04-10T00:00:00Z'))`,
      'eventtime-comparison',
      /string on Athena/,
    );
  });

  it('JSON casts whose meaning differs', () => {
    expectProblem(`SELECT CAST(requestparameters AS JSON) FROM cloudtrail`, 'json-cast', /json_parse/);
    expectProblem(
      `SELECT CAST(json_extract(requestparameters, '$.a') AS VARCHAR) FROM cloudtrail`,
      'json-cast',
      /json_extract_scalar|json_format/,
    );
  });

  it('casts to types only one engine can spell', () => {
    expectProblem(`SELECT CAST(json_parse(x) AS ARRAY(VARCHAR)) FROM cloudtrail`, 'cast-type', /no spelling/);
  });

  it('SQL/JSON and LISTAGG syntax', () => {
    expectProblem(`SELECT json_value(requestparameters, 'lax $.a') FROM cloudtrail`, 'unsupported-syntax', /json_extract_scalar/);
  });
});

describe('checkTrinoSql checks the calls', () => {
  it('refuses functions outside the allowed list, naming where the list is', () => {
    expectProblem(`SELECT now()`, 'unknown-function', /now\(\) is not a function rules may call.*TRINO_FUNCTIONS/);
    expectProblem(`SELECT levenshtein_distance(a, b) FROM cloudtrail`, 'unknown-function', /levenshtein_distance/);
  });

  it('refuses qualified function names', () => {
    expectProblem(`SELECT main.json_extract_scalar(x, '$.a') FROM cloudtrail`, 'qualified-function', /plain name/);
  });

  it('checks argument counts against the table', () => {
    expectProblem(`SELECT regexp_extract(a, 'x', 1, 2) FROM cloudtrail`, 'argument-count', /takes 2 to 3 argument\(s\).*has 4/);
    expectProblem(`SELECT if(a = 1, 'x') FROM cloudtrail`, 'argument-count', /takes 3/);
    expectProblem(`SELECT split(a, ',', 2) FROM cloudtrail`, 'argument-count', /takes 2/);
  });

  it('checks literal JSON paths against the subset both engines read', () => {
    expect(checkTrinoSql(`SELECT json_extract_scalar(x, '$.a.b[0]["key name"]'), json_extract(x, '$') FROM cloudtrail`)).toEqual([]);
    expectProblem(`SELECT json_extract_scalar(x, 'a.b') FROM cloudtrail`, 'json-path', /start with \$/);
    expectProblem(`SELECT json_extract_scalar(x, '$..a') FROM cloudtrail`, 'json-path', /outside what Trino and DuckDB both read/);
    expectProblem(`SELECT json_extract(x, '$.a[*]') FROM cloudtrail`, 'json-path', /\[index\]/);
  });

  it('is case-insensitive about names', () => {
    expect(checkTrinoSql(`SELECT JSON_EXTRACT_SCALAR(x, '$.a'), Count(*) FROM cloudtrail GROUP BY 1`)).toEqual([]);
  });
});

describe('checkTrinoSql checks the statement', () => {
  it('reports syntax errors with their position', () => {
    const [problem] = checkTrinoSql(`SELECT eventname\nFROM cloudtrail\nWHERE eventname = = 'x'`);
    expect(problem?.code).toBe('syntax');
    expect(problem?.message).toMatch(/^Not valid Trino SQL: /);
    expect(problem).toMatchObject({ line: 3, column: 19 });
  });

  it('rejects DuckDB-only clauses as syntax', () => {
    expect(codes(`SELECT * FROM cloudtrail QUALIFY row_number() OVER () = 1`)).toContain('syntax');
    expect(codes(`SELECT [1, 2]`)).toContain('syntax');
  });

  it('wants exactly one query', () => {
    expectProblem(`SELECT 1; SELECT 2`, 'statement-count', /exactly one query; found 2/);
    expectProblem(`DROP TABLE cloudtrail`, 'not-a-query', /is a query/);
    expect(codes('')).toContain('statement-count');
  });

  it('gives 1-based positions', () => {
    const [problem] = checkTrinoSql(`SELECT\n  x::VARCHAR`);
    expect(problem).toMatchObject({ code: 'duckdb-syntax', line: 2, column: 4 });
  });
});
