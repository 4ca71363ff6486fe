// The Trino-function contract: expressions with the result Trino documents, for every engine qir runs rules on.
//
// Each case is a Trino SQL expression and the value Trino returns for it, taken from Trino's documentation
// (docs/src/main/sphinx/functions/*.md) or, where the docs are silent, from Trino's implementation (named in
// `source`). The same table can be run against DuckDB (after installTrinoFunctions) and against Athena; a
// case is a value (`expected`) or an error (`error: true`). Timestamps are compared as to_iso8601 text or with
// `=` against a literal so the result is engine-neutral.

export type ContractValue = string | number | boolean | null | readonly ContractValue[];

export interface ContractCase {
  /** A Trino expression; `SELECT <sql> AS v` must pass checkTrinoSql. */
  readonly sql: string;
  /** Trino's result. */
  readonly expected?: ContractValue;
  /** Trino raises an error for this expression. */
  readonly error?: true;
  /** Where Trino states the behaviour. */
  readonly source: string;
}

const JSON_DOC = 'Trino docs functions/json.md';
const JSON_IMPL = 'Trino JsonExtract.extract: "Return null if we failed to parse something"';
const JSON_FN = 'Trino JsonFunctions';
const DT_DOC = 'Trino docs functions/datetime.md';
const RE_DOC = 'Trino docs functions/regexp.md';
const ARRAY_DOC = 'Trino docs functions/array.md';
const STRING_DOC = 'Trino docs functions/string.md';
const AGG_DOC = 'Trino docs functions/aggregate.md';

export const TRINO_CONTRACT: readonly ContractCase[] = [
  // ── json_extract_scalar: "returns the result value as a string … The value referenced must be a scalar" ──
  { sql: `json_extract_scalar('[1, 2, 3]', '$[2]')`, expected: '3', source: `${JSON_DOC} example` },
  { sql: `json_extract_scalar('{"a":{"b":"x"}}', '$.a.b')`, expected: 'x', source: JSON_DOC },
  { sql: `json_extract_scalar('{"a":{"b":[10,20]}}', '$.a.b[0]')`, expected: '10', source: JSON_DOC },
  { sql: `json_extract_scalar('{"a":{"b":1}}', '$.a')`, expected: null, source: `${JSON_DOC}: must be a scalar; an object gives NULL` },
  { sql: `json_extract_scalar('{"a":[1,2]}', '$.a')`, expected: null, source: `${JSON_DOC}: an array gives NULL` },
  { sql: `json_extract_scalar('{"a":null}', '$.a')`, expected: null, source: 'Trino ScalarValueJsonExtractor: VALUE_NULL gives NULL' },
  { sql: `json_extract_scalar('{"a":true}', '$.a')`, expected: 'true', source: JSON_DOC },
  { sql: `json_extract_scalar('{"a":"say \\"hi\\""}', '$.a')`, expected: 'say "hi"', source: `${JSON_DOC}: not encoded as JSON` },
  { sql: `json_extract_scalar('{"book name":"x"}', '$["book name"]')`, expected: 'x', source: `${JSON_DOC}: $.store["book name"]` },
  { sql: `json_extract_scalar('{"a":"x"}', '$.b')`, expected: null, source: 'Trino ObjectFieldJsonExtractor: no such field gives NULL' },
  { sql: `json_extract_scalar('not json', '$.a')`, expected: null, source: JSON_IMPL },
  { sql: `json_extract_scalar(CAST(NULL AS VARCHAR), '$.a')`, expected: null, source: 'NULL in, NULL out' },
  { sql: `json_extract_scalar(json_parse('{"a":{"b":"x"}}'), '$.a.b')`, expected: 'x', source: `${JSON_FN}.jsonExtractScalar(JSON)` },

  // ── json_extract / json_format / json_parse ──
  { sql: `json_format(json_extract('{"a": {"b": 1}}', '$.a'))`, expected: '{"b":1}', source: `${JSON_DOC}: json_format serialises compactly` },
  { sql: `json_format(json_extract('{"a": "x"}', '$.a'))`, expected: '"x"', source: `${JSON_DOC}: json_format(JSON '"a"') is '"a"'` },
  { sql: `json_format(json_extract('{"a": [1, 2]}', '$.a'))`, expected: '[1,2]', source: JSON_DOC },
  { sql: `json_extract('{"a":1}', '$.b') IS NULL`, expected: true, source: 'Trino ObjectFieldJsonExtractor' },
  { sql: `json_extract('not json', '$.a') IS NULL`, expected: true, source: JSON_IMPL },
  { sql: `json_format(json_parse('[1, 2, 3]'))`, expected: '[1,2,3]', source: `${JSON_DOC}: json_parse('[1, 2, 3]') is JSON '[1,2,3]'` },
  { sql: `json_format(json_parse('"abc"'))`, expected: '"abc"', source: `${JSON_DOC}: json_parse('"abc"') is JSON '"abc"'` },
  { sql: `json_parse('not json')`, error: true, source: `${JSON_FN}.jsonParse: "Cannot convert value to JSON"` },

  // ── json_array_length / json_array_contains ──
  { sql: `json_array_length('[1, 2, 3]')`, expected: 3, source: `${JSON_DOC} example` },
  { sql: `json_array_length('{"a":1}')`, expected: null, source: `${JSON_FN}: not START_ARRAY gives NULL` },
  { sql: `json_array_length('not json')`, expected: null, source: `${JSON_FN}: IOException gives NULL` },
  { sql: `json_array_contains('[1, 2, 3]', 2)`, expected: true, source: `${JSON_DOC} example` },
  { sql: `json_array_contains('["a", "b"]', 'b')`, expected: true, source: `${JSON_FN}: VALUE_STRING equal` },
  { sql: `json_array_contains('["1"]', 1)`, expected: false, source: `${JSON_FN}: a bigint matches VALUE_NUMBER_INT only` },
  { sql: `json_array_contains('[1.0]', 1)`, expected: false, source: `${JSON_FN}: a bigint matches VALUE_NUMBER_INT only` },
  { sql: `json_array_contains('[1.5, 2]', 1.5)`, expected: true, source: `${JSON_FN}: a double matches VALUE_NUMBER_FLOAT` },
  { sql: `json_array_contains('[[2]]', 2)`, expected: false, source: `${JSON_FN}: skipChildren, top level only` },
  { sql: `json_array_contains('[true]', true)`, expected: true, source: `${JSON_FN}: VALUE_TRUE` },
  { sql: `json_array_contains('{"a":2}', 2)`, expected: null, source: `${JSON_FN}: not START_ARRAY gives NULL` },

  // ── from_iso8601_timestamp / to_iso8601 ──
  {
    sql: `to_iso8601(from_iso8601_timestamp('2024-04-10T20:04:42Z'))`,
    expected: '2024-04-10T20:04:42.000Z',
    source: `${DT_DOC}: timestamp(3) with time zone; ToIso8601 prints the UTC offset as Z`,
  },
  {
    sql: `to_iso8601(from_iso8601_timestamp('2024-04-10T20:04:42.123456Z'))`,
    expected: '2024-04-10T20:04:42.123Z',
    source: `${DT_DOC}: from_iso8601_timestamp returns timestamp(3)`,
  },
  {
    sql: `to_unixtime(from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00'))`,
    expected: 1589192105.055,
    source: `${DT_DOC} example: 2020-05-11 11:15:05.055 +01:00`,
  },
  {
    sql: `from_iso8601_timestamp('2024-04-10T20:04:42Z') = from_iso8601_timestamp('2024-04-10T22:04:42+02:00')`,
    expected: true,
    source: DT_DOC,
  },
  {
    sql: `to_iso8601(from_iso8601_timestamp('2020-05-11'))`,
    expected: '2020-05-11T00:00:00.000Z',
    source: `${DT_DOC}: time defaults to 00:00:00.000, zone to the session zone (UTC on Athena)`,
  },
  { sql: `to_iso8601(DATE '2020-05-11')`, expected: '2020-05-11', source: `${DT_DOC}: x can be date` },
  { sql: `from_iso8601_timestamp('garbage')`, error: true, source: 'Trino parseDateTimeHelper: INVALID_FUNCTION_ARGUMENT' },

  // ── date_add / date_diff / date_trunc ──
  {
    sql: `date_add('second', 86, TIMESTAMP '2020-03-01 00:00:00') = TIMESTAMP '2020-03-01 00:01:26'`,
    expected: true,
    source: `${DT_DOC} example`,
  },
  {
    sql: `date_add('day', -1, TIMESTAMP '2020-03-01 00:00:00') = TIMESTAMP '2020-02-29 00:00:00'`,
    expected: true,
    source: `${DT_DOC} example`,
  },
  {
    sql: `date_add('month', 1, TIMESTAMP '2012-10-31 01:00:00') = TIMESTAMP '2012-11-30 01:00:00'`,
    expected: true,
    source: `${DT_DOC}: + interval '1' month example`,
  },
  {
    sql: `to_iso8601(date_add('minute', 5, from_iso8601_timestamp('2024-04-10T20:04:42Z')))`,
    expected: '2024-04-10T20:09:42.000Z',
    source: DT_DOC,
  },
  { sql: `date_add('day', 1, DATE '2020-02-28') = DATE '2020-02-29'`, expected: true, source: 'Trino addFieldValueDate' },
  { sql: `date_add('fortnight', 1, TIMESTAMP '2020-03-01 00:00:00')`, error: true, source: "Trino: 'fortnight' is not a valid Timestamp field" },
  {
    sql: `date_diff('second', TIMESTAMP '2020-03-01 00:00:00', TIMESTAMP '2020-03-02 00:00:00')`,
    expected: 86400,
    source: `${DT_DOC} example`,
  },
  {
    sql: `date_diff('hour', TIMESTAMP '2020-03-01 00:00:00', TIMESTAMP '2020-03-02 00:00:00')`,
    expected: 24,
    source: `${DT_DOC} example`,
  },
  { sql: `date_diff('day', DATE '2020-03-01', DATE '2020-03-02')`, expected: 1, source: `${DT_DOC} example` },
  {
    sql: `date_diff('second', TIMESTAMP '2020-06-01 12:30:45.000', TIMESTAMP '2020-06-02 12:30:45.123')`,
    expected: 86400,
    source: `${DT_DOC} example (whole seconds)`,
  },
  {
    sql: `date_diff('millisecond', TIMESTAMP '2020-06-01 12:30:45.000', TIMESTAMP '2020-06-02 12:30:45.123')`,
    expected: 86400123,
    source: `${DT_DOC} example`,
  },
  {
    sql: `date_diff('second', TIMESTAMP '2024-01-01 00:00:00.900', TIMESTAMP '2024-01-01 00:00:01.100')`,
    expected: 0,
    source: `${DT_DOC}: timestamp2 - timestamp1 in whole units`,
  },
  {
    sql: `date_diff('minute', from_iso8601_timestamp('2024-04-10T20:04:42Z'), from_iso8601_timestamp('2024-04-10T20:10:41Z'))`,
    expected: 5,
    source: DT_DOC,
  },
  {
    sql: `date_trunc('day', TIMESTAMP '2022-10-20 05:10:00') = TIMESTAMP '2022-10-20 00:00:00'`,
    expected: true,
    source: `${DT_DOC} example`,
  },
  {
    sql: `date_trunc('week', TIMESTAMP '2001-08-22 03:04:05.321') = TIMESTAMP '2001-08-20 00:00:00'`,
    expected: true,
    source: `${DT_DOC}: truncation table`,
  },
  { sql: `date_trunc('month', DATE '2024-03-05') = DATE '2024-03-01'`, expected: true, source: `${DT_DOC}: same type as input` },

  // ── to_unixtime / from_unixtime ──
  { sql: `to_unixtime(from_iso8601_timestamp('1970-01-01T00:00:01.5Z'))`, expected: 1.5, source: `${DT_DOC}: to_unixtime` },
  { sql: `to_iso8601(from_unixtime(1712779482))`, expected: '2024-04-10T20:04:42.000Z', source: `${DT_DOC}: from_unixtime` },
  { sql: `to_iso8601(from_unixtime(0.0006))`, expected: '1970-01-01T00:00:00.001Z', source: 'Trino fromUnixTime: Math.round(unixTime * 1000)' },

  // ── regular expressions ──
  { sql: `regexp_like('1a 2b 14m', '\\d+b')`, expected: true, source: `${RE_DOC} example` },
  { sql: `regexp_like('abc', '^b')`, expected: false, source: `${RE_DOC}: anchor to match the whole string` },
  { sql: `regexp_extract('1a 2b 14m', '\\d+')`, expected: '1', source: `${RE_DOC} example` },
  { sql: `regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2)`, expected: 'a', source: `${RE_DOC} example` },
  { sql: `regexp_extract('abc', '\\d+')`, expected: null, source: 'Trino Re2JRegexp/JoniRegexp.extract: no match gives NULL' },
  { sql: `regexp_replace('1a 2b 14m', '\\d+[ab] ')`, expected: '14m', source: `${RE_DOC} example` },
  { sql: `regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')`, expected: '3ca 3cb 14m', source: `${RE_DOC} example` },
  { sql: `regexp_replace('aaa', 'a', 'b')`, expected: 'bbb', source: `${RE_DOC}: replaces every instance` },
  { sql: `regexp_replace('a.b', '\\.', '\\$')`, expected: 'a$b', source: `${RE_DOC}: \\$ is a literal dollar` },
  { sql: `regexp_replace('ab', '(a)(b)', '$2$1')`, expected: 'ba', source: `${RE_DOC}: $g is group g` },

  // ── arrays ──
  { sql: `cardinality(ARRAY[1, 2, 3])`, expected: 3, source: ARRAY_DOC },
  { sql: `cardinality(split('a,b,c', ','))`, expected: 3, source: ARRAY_DOC },
  { sql: `contains(ARRAY[1, 2], 2)`, expected: true, source: ARRAY_DOC },
  { sql: `contains(ARRAY['a', 'b'], 'c')`, expected: false, source: ARRAY_DOC },
  { sql: `contains(ARRAY[1, NULL], 2)`, expected: null, source: 'Trino ArrayContains: absent but the array holds NULL gives NULL' },
  { sql: `element_at(ARRAY['a', 'b', 'c'], 1)`, expected: 'a', source: ARRAY_DOC },
  { sql: `element_at(ARRAY['a', 'b', 'c'], -1)`, expected: 'c', source: `${ARRAY_DOC}: index < 0 counts from the last` },
  { sql: `element_at(ARRAY['a', 'b', 'c'], 5)`, expected: null, source: `${ARRAY_DOC}: past the length gives NULL` },
  { sql: `split('a,,b', ',')`, expected: ['a', '', 'b'], source: STRING_DOC },
  { sql: `array_join(ARRAY['a', NULL, 'b'], ',')`, expected: 'a,b', source: ARRAY_DOC },
  { sql: `array_join(ARRAY['a', NULL, 'b'], ',', 'x')`, expected: 'a,x,b', source: `${ARRAY_DOC}: null_replacement` },
  { sql: `cardinality(map_keys(CAST(json_parse('{"k":"v"}') AS MAP(VARCHAR, VARCHAR))))`, expected: 1, source: 'Trino docs functions/map.md' },

  // ── strings ──
  { sql: `strpos('abc', 'c')`, expected: 3, source: STRING_DOC },
  { sql: `strpos('abc', 'z')`, expected: 0, source: `${STRING_DOC}: 0 when not found` },
  { sql: `concat('a', 'b', 'c')`, expected: 'abc', source: STRING_DOC },
  { sql: `concat('a', NULL)`, expected: null, source: 'Trino concat: NULL argument gives NULL' },
  { sql: `substr('hello', 2)`, expected: 'ello', source: STRING_DOC },
  { sql: `substr('hello', -3)`, expected: 'llo', source: `${STRING_DOC}: negative start is relative to the end` },
  { sql: `substr('hello', 2, 2)`, expected: 'el', source: STRING_DOC },
  { sql: `substr('hello', 0)`, expected: '', source: 'Trino StringFunctions.substr: start 0 gives empty' },
  { sql: `substr('hello', -10)`, expected: '', source: 'Trino StringFunctions.substr: start before the beginning gives empty' },
  { sql: `substr('hello', 2, -1)`, expected: '', source: 'Trino StringFunctions.substr: length <= 0 gives empty' },
  { sql: `substring('hello', 2, 3)`, expected: 'ell', source: STRING_DOC },
  { sql: `length('héllo')`, expected: 5, source: STRING_DOC },
  { sql: `lower('ÀB')`, expected: 'àb', source: STRING_DOC },
  { sql: `upper('àb')`, expected: 'ÀB', source: STRING_DOC },
  { sql: `starts_with('abc', 'ab')`, expected: true, source: STRING_DOC },
  { sql: `url_extract_host('https://example.com:8443/path?q=1')`, expected: 'example.com', source: 'Trino docs functions/url.md' },
  { sql: `url_extract_host('http://user@Example.COM/')`, expected: 'Example.COM', source: 'Trino UrlFunctions: java.net.URI.getHost' },
  { sql: `url_extract_host('not a url')`, expected: null, source: 'Trino docs functions/url.md' },

  // ── conditional ──
  { sql: `coalesce(NULL, 'b')`, expected: 'b', source: 'Trino docs functions/conditional.md' },
  { sql: `nullif(1, 1)`, expected: null, source: 'Trino docs functions/conditional.md' },
  { sql: `if(1 > 2, 'a', 'b')`, expected: 'b', source: 'Trino docs functions/conditional.md' },

  // ── aggregates ──
  { sql: `(SELECT count(*) FROM (VALUES (1), (2), (3)) AS t(x))`, expected: 3, source: AGG_DOC },
  { sql: `(SELECT count(x) FROM (VALUES (1), (NULL)) AS t(x))`, expected: 1, source: AGG_DOC },
  { sql: `(SELECT count_if(x > 1) FROM (VALUES (1), (2), (3)) AS t(x))`, expected: 2, source: AGG_DOC },
  { sql: `(SELECT sum(x) FROM (VALUES (1), (2)) AS t(x))`, expected: 3, source: AGG_DOC },
  { sql: `(SELECT min(x) FROM (VALUES (1), (2)) AS t(x))`, expected: 1, source: AGG_DOC },
  { sql: `(SELECT max(x) FROM (VALUES (1), (2)) AS t(x))`, expected: 2, source: AGG_DOC },
  { sql: `(SELECT avg(x) FROM (VALUES (1), (2)) AS t(x))`, expected: 1.5, source: AGG_DOC },
  { sql: `(SELECT bool_or(x > 1) FROM (VALUES (1), (2)) AS t(x))`, expected: true, source: AGG_DOC },
  { sql: `(SELECT bool_and(x > 1) FROM (VALUES (1), (2)) AS t(x))`, expected: false, source: AGG_DOC },
  { sql: `(SELECT array_agg(x ORDER BY x) FROM (VALUES (2), (NULL), (1)) AS t(x))`, expected: [1, 2, null], source: AGG_DOC },
  { sql: `(SELECT approx_distinct(x) FROM (VALUES (1), (1), (2), (NULL)) AS t(x))`, expected: 2, source: AGG_DOC },
  { sql: `(SELECT arbitrary(x) FROM (VALUES (NULL), (7)) AS t(x))`, expected: 7, source: `${AGG_DOC}: an arbitrary non-null value` },
  { sql: `(SELECT any_value(x) FROM (VALUES (NULL), (7)) AS t(x))`, expected: 7, source: AGG_DOC },
  { sql: `(SELECT max_by(x, y) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) AS t(x, y))`, expected: 'b', source: AGG_DOC },
  { sql: `(SELECT min_by(x, y) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) AS t(x, y))`, expected: 'a', source: AGG_DOC },
  { sql: `(SELECT max_by(x, y) FROM (VALUES (NULL, 3), ('a', 1)) AS t(x, y))`, expected: null, source: `${AGG_DOC}: x associated with the maximum y` },
  { sql: `(SELECT max_by(x, y, 2) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) AS t(x, y))`, expected: ['b', 'c'], source: `${AGG_DOC}: n largest, descending` },
  { sql: `(SELECT min_by(x, y, 2) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) AS t(x, y))`, expected: ['a', 'c'], source: AGG_DOC },

  // ── window functions ──
  {
    sql: `(SELECT array_agg(r ORDER BY x) FROM (SELECT x, row_number() OVER (ORDER BY x) AS r FROM (VALUES (10), (20)) AS t(x)) AS s)`,
    expected: [1, 2],
    source: 'Trino docs functions/window.md',
  },
  {
    sql: `(SELECT array_agg(r ORDER BY x) FROM (SELECT x, rank() OVER (ORDER BY x) AS r FROM (VALUES (10), (10), (20)) AS t(x)) AS s)`,
    expected: [1, 1, 3],
    source: 'Trino docs functions/window.md',
  },
  {
    sql: `(SELECT array_agg(r ORDER BY x) FROM (SELECT x, dense_rank() OVER (ORDER BY x) AS r FROM (VALUES (10), (10), (20)) AS t(x)) AS s)`,
    expected: [1, 1, 2],
    source: 'Trino docs functions/window.md',
  },
  {
    sql: `(SELECT array_agg(p ORDER BY x) FROM (SELECT x, lag(x) OVER (ORDER BY x) AS p FROM (VALUES (10), (20)) AS t(x)) AS s)`,
    expected: [null, 10],
    source: 'Trino docs functions/window.md',
  },
  {
    sql: `(SELECT array_agg(p ORDER BY x) FROM (SELECT x, lead(x, 1, 0) OVER (ORDER BY x) AS p FROM (VALUES (10), (20)) AS t(x)) AS s)`,
    expected: [20, 0],
    source: 'Trino docs functions/window.md',
  },
];
