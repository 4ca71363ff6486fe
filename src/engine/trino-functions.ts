// The Trino functions that rules may call, as data, and the DuckDB macros that give them Trino semantics.
//
// Rules and playbook queries are written once in the SQL that Trino (Athena engine v3) and DuckDB share,
// using Trino's function names. `TRINO_FUNCTIONS` is the whole list of functions a rule may call: for each,
// whether DuckDB's built-in of the same name already behaves like Trino's ('native') or qir installs a macro
// of that name that does ('macro'), with a note on what was checked or what differs. `installTrinoFunctions`
// creates the macros as TEMP macros on one connection: they shadow DuckDB built-ins of the same name on that
// connection only and are never written into the case database.

import type { DuckDBConnection } from '@duckdb/node-api';

export type TrinoFunctionKind = 'scalar' | 'aggregate' | 'window';

export interface TrinoFunction {
  /** Lower-case Trino name, the name a rule calls. */
  readonly name: string;
  readonly kind: TrinoFunctionKind;
  /** 'native': DuckDB's own function of that name is used as is; 'macro': qir defines it. */
  readonly duckdb: 'native' | 'macro';
  /** Argument counts a rule may use: the ones both engines accept with the same meaning. */
  readonly args: readonly [min: number, max: number];
  /** What was checked (native) or what the macro fixes, and any difference left. */
  readonly note: string;
  /** For macros: the overloads, each `(params) AS body`, created together as one macro. */
  readonly overloads?: readonly string[];
}

// Inside a macro body, a call to a name that qir shadows would reach qir's macro, so bodies call DuckDB's own
// functions by their qualified name `system.main.<name>` wherever the name is shadowed.

/** Internal helpers; not callable from rules (they are not in TRINO_FUNCTIONS). */
const HELPER_MACROS: ReadonlyArray<readonly [name: string, overloads: readonly string[]]> = [
  // Trino's JSONPath accepts `$["key"]` and `$[key]`; DuckDB spells a quoted member `$."key"`.
  [
    'qir_json_path',
    [
      String.raw`(p) AS system.main.regexp_replace(system.main.regexp_replace(p, '\["([^"\]]*)"\]', '."\1"', 'g'), '\[([A-Za-z_][A-Za-z0-9_]*)\]', '."\1"', 'g')`,
    ],
  ],
  // A Java (Trino) replacement string → an RE2 (DuckDB) rewrite string: `$n` → `\n`, `\x` → literal x.
  [
    'qir_java_replacement',
    [
      String.raw`(r) AS array_to_string(list_transform(
        system.main.regexp_extract_all(r, '\\.|\$[0-9]|\$\{[^}]*\}|\$|[^\\$]+', 0),
        lambda t: CASE
          WHEN left(t, 1) = '\' THEN system.main.replace(right(t, 1), '\', '\\')
          WHEN system.main.regexp_matches(t, '^\$[0-9]$') THEN '\' || right(t, 1)
          WHEN left(t, 1) = '$' THEN error('regexp_replace: the replacement ' || r || ' uses a named group or a bare $; on DuckDB only $0-$9 are supported (write \$ for a literal dollar)')
          ELSE t
        END), '')`,
    ],
  ],
  // One element of a JSON array (as JSON text) equals a SQL value, the way Trino's json_array_contains compares:
  // strings with strings, booleans with booleans, an integer value with integer tokens only and a decimal or
  // double value with fractional tokens only (so [1.0] does not contain 1, nor [1] contain 1.0).
  [
    'qir_json_equals',
    [
      String.raw`(e, v) AS CASE
        WHEN typeof(v) = 'VARCHAR' THEN system.main.json_type(e) = 'VARCHAR' AND system.main.json_extract_string(e, '$') = CAST(v AS VARCHAR)
        WHEN typeof(v) = 'BOOLEAN' THEN system.main.json_type(e) = 'BOOLEAN' AND system.main.json_extract_string(e, '$') = CAST(v AS VARCHAR)
        WHEN typeof(v) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT')
          THEN system.main.json_type(e) IN ('BIGINT', 'UBIGINT') AND TRY_CAST(system.main.json_extract_string(e, '$') AS HUGEINT) = TRY_CAST(v AS HUGEINT)
        ELSE system.main.json_type(e) = 'DOUBLE' AND TRY_CAST(system.main.json_extract_string(e, '$') AS DOUBLE) = TRY_CAST(v AS DOUBLE)
      END`,
    ],
  ],
];

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%gZ';

/** `a1 || a2 || ... || an`: Trino's concat is NULL when any argument is NULL; DuckDB's skips NULLs. */
const concatOverloads = (max: number): string[] =>
  Array.from({ length: max }, (_, i) => {
    const params = Array.from({ length: i + 1 }, (_, j) => `a${j + 1}`);
    return `(${params.join(', ')}) AS ${params.join(' || ')}`;
  });

const CONCAT_MAX_ARGS = 16;

/** Trino's date_add units as a DuckDB interval of `n` units `u`. */
const DATE_ADD_INTERVAL = `CASE lower(u)
        WHEN 'millisecond' THEN to_milliseconds(n)
        WHEN 'second' THEN to_seconds(n)
        WHEN 'minute' THEN to_minutes(n)
        WHEN 'hour' THEN to_hours(n)
        WHEN 'day' THEN to_days(n)
        WHEN 'week' THEN to_weeks(n)
        WHEN 'month' THEN to_months(n)
        WHEN 'quarter' THEN to_months(n * 3)
        WHEN 'year' THEN to_years(n)
        ELSE error('date_add: ''' || u || ''' is not a valid unit (millisecond, second, minute, hour, day, week, month, quarter, year)') END`;

const SUBSTR_OVERLOADS = [
  // Trino: start 0 → ''; a negative start before the beginning → ''; length <= 0 → ''.
  `(s, st) AS CASE
    WHEN s IS NULL OR st IS NULL THEN NULL
    WHEN st = 0 OR (st < 0 AND -st > length(s)) THEN ''
    ELSE system.main.substr(s, st) END`,
  `(s, st, n) AS CASE
    WHEN s IS NULL OR st IS NULL OR n IS NULL THEN NULL
    WHEN st = 0 OR n <= 0 OR (st < 0 AND -st > length(s)) THEN ''
    ELSE system.main.substr(s, st, n) END`,
];

export const TRINO_FUNCTIONS: readonly TrinoFunction[] = [
  // ── JSON ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'json_extract_scalar',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note:
      'Missing in DuckDB. Returns VARCHAR; NULL for objects, arrays, JSON null, missing paths and malformed JSON, as Trino does. ' +
      'Numbers come back in DuckDB\'s canonical form (1.50 → "1.5", 1e2 → "100.0") where Trino returns the text as written.',
    overloads: [`(j, p) AS TRY(system.main.json_extract_string(system.main.json_value(j, qir_json_path(p)), '$'))`],
  },
  {
    name: 'json_extract',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note:
      'DuckDB has it, but raises on malformed JSON (Trino returns NULL) and does not read Trino\'s `$["key"]` path form. ' +
      'The macro wraps it for both. Returns JSON text (compact), like Trino\'s JSON value.',
    overloads: [`(j, p) AS TRY(system.main.json_extract(j, qir_json_path(p)))`],
  },
  {
    name: 'json_array_length',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note: 'DuckDB returns 0 for a non-array and raises on malformed JSON; Trino returns NULL for both.',
    overloads: [
      `(j) AS TRY(CASE WHEN system.main.json_type(j) = 'ARRAY' THEN system.main.json_array_length(j) END)`,
    ],
  },
  {
    name: 'json_array_contains',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note:
      'Missing in DuckDB. Top-level elements only; strings match strings, booleans booleans, integers integer tokens, ' +
      'decimals/doubles fractional tokens (Trino: [1.0] does not contain 1); ' +
      'NULL when the JSON is not an array or is malformed.',
    overloads: [
      `(j, v) AS TRY(CASE
        WHEN v IS NULL THEN NULL
        WHEN system.main.json_type(j) <> 'ARRAY' THEN NULL
        ELSE len(list_filter(system.main.json_extract(j, '$[*]'), lambda e: qir_json_equals(e, v))) > 0 END)`,
    ],
  },
  {
    name: 'json_format',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note: 'Missing in DuckDB. Serialises a JSON value to compact JSON text (strings keep their quotes), as Trino does.',
    overloads: [`(j) AS CAST(system.main.json_extract(j, '$') AS VARCHAR)`],
  },
  {
    name: 'json_parse',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note: 'Missing in DuckDB. Parses text into a JSON value and raises on malformed JSON, as Trino does.',
    overloads: [`(s) AS system.main.json_extract(s, '$')`],
  },

  // ── Date and time ───────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'from_iso8601_timestamp',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note:
      'Missing in DuckDB. Returns TIMESTAMP in UTC truncated to milliseconds (Trino: timestamp(3) with time zone). ' +
      'An offset is converted to UTC (Trino keeps the offset as the zone: same instant, different zone); no zone means UTC, ' +
      'which is Athena\'s session zone. DuckDB\'s plain CAST would ignore an offset, hence the macro.',
    overloads: [
      String.raw`(s) AS date_trunc('millisecond', CASE
        WHEN s IS NULL THEN NULL
        WHEN ends_with(s, 'Z') THEN CAST(s AS TIMESTAMP)
        WHEN regexp_matches(s, 'T.*[+-][0-9]{2}(:?[0-9]{2})?$') THEN timezone('UTC', CAST(s AS TIMESTAMPTZ))
        ELSE CAST(s AS TIMESTAMP) END)`,
    ],
  },
  {
    name: 'to_iso8601',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note:
      `Missing in DuckDB. Timestamps print as Trino prints a timestamp(3) with time zone in UTC: '2024-04-10T20:04:42.000Z'; ` +
      `dates as '2024-04-10'. A plain Trino TIMESTAMP (no zone) would print without the Z; in qir every timestamp is UTC.`,
    overloads: [
      `(x DATE) AS strftime(x, '%Y-%m-%d')`,
      `(x TIMESTAMPTZ) AS strftime(timezone('UTC', x), '${ISO_FORMAT}')`,
      `(x) AS strftime(CAST(x AS TIMESTAMP), '${ISO_FORMAT}')`,
    ],
  },
  {
    name: 'date_add',
    kind: 'scalar',
    duckdb: 'macro',
    args: [3, 3],
    note:
      "DuckDB's date_add is date_add(date, interval). Trino's date_add(unit, value, ts) for units millisecond … year; " +
      'month arithmetic clamps to the month end in both. A DATE stays a DATE.',
    overloads: [
      `(u, n, ts DATE) AS CAST(CAST(ts AS TIMESTAMP) + ${DATE_ADD_INTERVAL} AS DATE)`,
      `(u, n, ts) AS ts + ${DATE_ADD_INTERVAL}`,
    ],
  },
  {
    name: 'date_diff',
    kind: 'scalar',
    duckdb: 'macro',
    args: [3, 3],
    note:
      "DuckDB's date_diff counts unit boundaries crossed (00:00:00.9 → 00:00:01.1 is 1 second); Trino counts whole units " +
      "elapsed (0). DuckDB's date_sub counts whole units, so the macro uses it.",
    overloads: [`(u, a, b) AS date_sub(lower(u), a, b)`],
  },
  {
    name: 'date_trunc',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note: 'Native for timestamps (weeks start on Monday in both); DuckDB turns a DATE into a TIMESTAMP, Trino keeps DATE.',
    overloads: [
      `(u, x DATE) AS CAST(system.main.date_trunc(u, x) AS DATE)`,
      `(u, x) AS system.main.date_trunc(u, x)`,
    ],
  },
  {
    name: 'to_unixtime',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note: 'Missing in DuckDB; epoch() gives the same DOUBLE seconds.',
    overloads: [`(ts) AS epoch(ts)`],
  },
  {
    name: 'from_unixtime',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note:
      'Missing in DuckDB. Rounds to milliseconds as Trino does (Math.round(unixtime * 1000)) and returns a UTC TIMESTAMP. ' +
      'The zone-taking forms are not offered.',
    overloads: [`(x) AS make_timestamp(CAST(floor(CAST(x AS DOUBLE) * 1000 + 0.5) AS BIGINT) * 1000)`],
  },

  // ── Regular expressions (Trino: Java/Joni syntax; DuckDB: RE2 — look-around and back-references raise on DuckDB) ──
  {
    name: 'regexp_like',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note: 'Missing in DuckDB; regexp_matches is the same "contains a match" test.',
    overloads: [`(s, p) AS regexp_matches(s, p)`],
  },
  {
    name: 'regexp_extract',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 3],
    note:
      "DuckDB returns '' when nothing matches; Trino returns NULL. Left over: a group that did not take part in the match " +
      "gives '' on DuckDB where Trino gives NULL, and a group number past the last group gives '' where Trino raises.",
    overloads: [
      `(s, p) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, 0) END`,
      `(s, p, g) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, g) END`,
    ],
  },
  {
    name: 'regexp_replace',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 3],
    note:
      "Trino replaces every match; DuckDB replaces the first unless given 'g'. Trino writes group references as $1 and a " +
      'literal dollar as \\$; DuckDB as \\1: the macro translates. Named references ${name} and the lambda form are not supported.',
    overloads: [
      `(s, p) AS system.main.regexp_replace(s, p, '', 'g')`,
      `(s, p, r) AS system.main.regexp_replace(s, p, qir_java_replacement(r), 'g')`,
    ],
  },

  // ── Arrays and maps ─────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'cardinality',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note: "DuckDB's cardinality takes only maps; the macro adds arrays (len).",
    overloads: [`(x MAP(VARCHAR, VARCHAR)) AS system.main.cardinality(x)`, `(x) AS len(x)`],
  },
  {
    name: 'contains',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note:
      "Trino's contains is for arrays only and is NULL (not false) when the element is absent but the array holds a NULL. " +
      "DuckDB's also accepts strings, which Athena would reject; the macro accepts arrays only.",
    overloads: [
      `(a, e) AS CASE
        WHEN a IS NULL OR e IS NULL THEN NULL
        WHEN list_contains(a, e) THEN true
        WHEN list_count(a) < len(a) THEN NULL
        ELSE false END`,
    ],
  },
  {
    name: 'element_at',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 2],
    note:
      "DuckDB's element_at takes only maps. Arrays: 1-based, negative counts from the end, past the end is NULL. " +
      'Maps: the value for the key or NULL. Left over: index 0 is NULL on DuckDB where Trino raises.',
    overloads: [`(a, i) AS a[i]`],
  },
  {
    name: 'split',
    kind: 'scalar',
    duckdb: 'native',
    args: [2, 2],
    note: "Same: split('a,,b', ',') is ['a', '', 'b'] in both. Trino's 3-argument limit form is not offered.",
  },
  {
    name: 'array_join',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 3],
    note: 'Missing in DuckDB; array_to_string skips NULLs as Trino does; the 3-argument form replaces NULLs.',
    overloads: [
      `(a, d) AS array_to_string(a, d)`,
      `(a, d, r) AS array_to_string(list_transform(a, lambda x: coalesce(CAST(x AS VARCHAR), r)), d)`,
    ],
  },
  {
    name: 'map_keys',
    kind: 'scalar',
    duckdb: 'native',
    args: [1, 1],
    note: 'Same. cardinality(map_keys(m)) counts a map in both.',
  },

  // ── Strings ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'concat',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, CONCAT_MAX_ARGS],
    note:
      "Trino's concat is NULL when any argument is NULL; DuckDB's skips NULLs. The macro is `||` (also joins arrays), " +
      `for up to ${CONCAT_MAX_ARGS} arguments.`,
    overloads: concatOverloads(CONCAT_MAX_ARGS),
  },
  {
    name: 'substr',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 3],
    note:
      "1-based in both. Trino gives '' for start 0, for a negative start before the beginning and for a length <= 0; " +
      'DuckDB gives the whole string or counts backwards.',
    overloads: SUBSTR_OVERLOADS,
  },
  {
    name: 'substring',
    kind: 'scalar',
    duckdb: 'macro',
    args: [2, 3],
    note: 'Trino alias of substr (also the SUBSTRING(s FROM i FOR n) syntax); same macro.',
    overloads: SUBSTR_OVERLOADS,
  },
  {
    name: 'strpos',
    kind: 'scalar',
    duckdb: 'native',
    args: [2, 2],
    note: "Same: 1-based, 0 when absent. Trino's 3-argument instance form is not offered.",
  },
  { name: 'lower', kind: 'scalar', duckdb: 'native', args: [1, 1], note: 'Same (Unicode).' },
  { name: 'upper', kind: 'scalar', duckdb: 'native', args: [1, 1], note: 'Same (Unicode).' },
  { name: 'length', kind: 'scalar', duckdb: 'native', args: [1, 1], note: 'Same: counts code points in both.' },
  { name: 'starts_with', kind: 'scalar', duckdb: 'native', args: [2, 2], note: 'Same.' },
  {
    name: 'url_extract_host',
    kind: 'scalar',
    duckdb: 'macro',
    args: [1, 1],
    note:
      'Missing in DuckDB. The host of scheme://[user@]host[:port]/…, NULL when there is none. Left over: Trino returns NULL ' +
      'for URLs java.net.URI rejects (spaces, bad escapes); the macro still returns the host part.',
    overloads: [
      String.raw`(u) AS NULLIF(system.main.regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]]*\]|[^:/?#]*)', 1), '')`,
    ],
  },

  // ── Conditional ─────────────────────────────────────────────────────────────────────────────────────────
  { name: 'coalesce', kind: 'scalar', duckdb: 'native', args: [1, 64], note: 'Same.' },
  { name: 'nullif', kind: 'scalar', duckdb: 'native', args: [2, 2], note: 'Same.' },
  {
    name: 'if',
    kind: 'scalar',
    duckdb: 'native',
    args: [3, 3],
    note: "Same for if(c, a, b). Trino's if(c, a) is not offered: DuckDB requires three arguments.",
  },

  // ── Aggregates ──────────────────────────────────────────────────────────────────────────────────────────
  { name: 'count', kind: 'aggregate', duckdb: 'native', args: [0, 1], note: 'Same (count(*) and count(x)).' },
  {
    name: 'count_if',
    kind: 'aggregate',
    duckdb: 'native',
    args: [1, 1],
    note: 'Same: counts true values; 0 on no rows.',
  },
  { name: 'sum', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same value (DuckDB widens BIGINT to HUGEINT).' },
  { name: 'min', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same (NULLs ignored).' },
  { name: 'max', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same (NULLs ignored).' },
  { name: 'avg', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same (DOUBLE for integers).' },
  { name: 'bool_or', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same.' },
  { name: 'bool_and', kind: 'aggregate', duckdb: 'native', args: [1, 1], note: 'Same.' },
  {
    name: 'array_agg',
    kind: 'aggregate',
    duckdb: 'native',
    args: [1, 1],
    note: 'Same: keeps NULL elements; NULL on no rows; ORDER BY inside the call works in both.',
  },
  {
    name: 'approx_distinct',
    kind: 'aggregate',
    duckdb: 'macro',
    args: [1, 2],
    note:
      'Missing in DuckDB (approx_count_distinct). Defined as the exact count(DISTINCT x): within any approximation Trino ' +
      'allows, and deterministic locally.',
    overloads: [`(x) AS count(DISTINCT x)`, `(x, e) AS count(DISTINCT x)`],
  },
  {
    name: 'arbitrary',
    kind: 'aggregate',
    duckdb: 'macro',
    args: [1, 1],
    note: "Trino returns a non-NULL value if there is one; DuckDB's arbitrary is first() and may return NULL. Uses any_value.",
    overloads: [`(x) AS any_value(x)`],
  },
  {
    name: 'any_value',
    kind: 'aggregate',
    duckdb: 'native',
    args: [1, 1],
    note: 'Same: a non-NULL value if there is one.',
  },
  {
    name: 'max_by',
    kind: 'aggregate',
    duckdb: 'macro',
    args: [2, 3],
    note:
      "x at the row with the greatest y; rows with NULL y are ignored but a NULL x at the maximum is returned, as in Trino " +
      "(DuckDB's arg_max would skip it: arg_max_null keeps it). The 3-argument form returns the top n as an array.",
    overloads: [`(x, y) AS arg_max_null(x, y)`, `(x, y, n) AS arg_max(x, y, n)`],
  },
  {
    name: 'min_by',
    kind: 'aggregate',
    duckdb: 'macro',
    args: [2, 3],
    note: 'As max_by, for the least y.',
    overloads: [`(x, y) AS arg_min_null(x, y)`, `(x, y, n) AS arg_min(x, y, n)`],
  },

  // ── Window functions ────────────────────────────────────────────────────────────────────────────────────
  { name: 'row_number', kind: 'window', duckdb: 'native', args: [0, 0], note: 'Same.' },
  { name: 'rank', kind: 'window', duckdb: 'native', args: [0, 0], note: 'Same.' },
  { name: 'dense_rank', kind: 'window', duckdb: 'native', args: [0, 0], note: 'Same.' },
  { name: 'lag', kind: 'window', duckdb: 'native', args: [1, 3], note: 'Same (offset defaults to 1).' },
  { name: 'lead', kind: 'window', duckdb: 'native', args: [1, 3], note: 'Same (offset defaults to 1).' },
];

/** Every function a rule may call, by lower-case name. */
export const ALLOWED_FUNCTIONS: ReadonlyMap<string, TrinoFunction> = new Map(
  TRINO_FUNCTIONS.map((f) => [f.name, f] as const),
);

/** DuckDB names qir shadows on an installed connection (macros named like a DuckDB built-in). */
export const SHADOWED_BUILTINS: readonly string[] = [
  'json_extract',
  'json_array_length',
  'date_add',
  'date_diff',
  'date_trunc',
  'regexp_extract',
  'regexp_replace',
  'cardinality',
  'contains',
  'element_at',
  'concat',
  'substr',
  'substring',
  'arbitrary',
  'max_by',
  'min_by',
];

/** The statements installTrinoFunctions runs, in order (helpers first). */
export function trinoFunctionStatements(): string[] {
  const create = (name: string, overloads: readonly string[]) =>
    `CREATE OR REPLACE TEMP MACRO ${name}\n  ${overloads.join(',\n  ')}`;
  return [
    ...HELPER_MACROS.map(([name, overloads]) => create(name, overloads)),
    ...TRINO_FUNCTIONS.filter((f) => f.duckdb === 'macro').map((f) => create(f.name, f.overloads ?? [])),
  ];
}

/**
 * Gives `connection` the Trino functions rules call. The macros are TEMP: they live as long as the connection,
 * shadow the DuckDB built-ins listed in SHADOWED_BUILTINS for SQL run on it, and are not stored in the database.
 */
export async function installTrinoFunctions(connection: DuckDBConnection): Promise<void> {
  for (const statement of trinoFunctionStatements()) {
    await connection.run(statement);
  }
}
