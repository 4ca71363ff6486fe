// Checks that a rule's SQL is the Trino SQL that DuckDB and Athena share: it parses as Trino, calls only
// ALLOWED_FUNCTIONS, and uses none of DuckDB's own syntax. (Tests only: dt-sql-parser loads under Vitest.)

import { TrinoSQL, TrinoSqlListener } from 'dt-sql-parser';
import type { ParseError } from 'dt-sql-parser';
import { ALLOWED_FUNCTIONS } from '../trino-functions.js';

export type ProblemCode =
  | 'syntax'
  | 'statement-count'
  | 'not-a-query'
  | 'duckdb-syntax'
  | 'duckdb-function'
  | 'unknown-function'
  | 'qualified-function'
  | 'argument-count'
  | 'iso-timestamp-cast'
  | 'eventtime-comparison'
  | 'json-cast'
  | 'cast-type'
  | 'json-path'
  | 'unsupported-syntax';

export interface Problem {
  readonly code: ProblemCode;
  /** What is wrong and what to write instead, for the rule's author. */
  readonly message: string;
  /** 1-based line and column of the offending text. */
  readonly line: number;
  readonly column: number;
}

/** DuckDB-only functions rule authors reach for, and the Trino spelling to use instead. */
const DUCKDB_ONLY_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['json_extract_string', "json_extract_scalar(json, '$.path')"],
  ['json_extract_path_text', "json_extract_scalar(json, '$.path')"],
  ['regexp_matches', 'regexp_like(string, pattern)'],
  ['regexp_full_match', "regexp_like(string, '^pattern$')"],
  ['strftime', 'to_iso8601(ts) or date_trunc(unit, ts)'],
  ['strptime', 'from_iso8601_timestamp(string)'],
  ['string_split', 'split(string, delimiter)'],
  ['str_split', 'split(string, delimiter)'],
  ['string_to_array', 'split(string, delimiter)'],
  ['len', 'cardinality(array) or length(string)'],
  ['array_length', 'cardinality(array)'],
  ['array_contains', 'contains(array, element)'],
  ['array_has', 'contains(array, element)'],
  ['array_to_string', 'array_join(array, delimiter)'],
  ['string_agg', 'array_join(array_agg(x), delimiter)'],
  ['group_concat', 'array_join(array_agg(x), delimiter)'],
  ['listagg', 'array_join(array_agg(x), delimiter)'],
  ['epoch', 'to_unixtime(ts)'],
  ['epoch_ms', 'to_unixtime(ts) * 1000'],
  ['to_timestamp', 'from_unixtime(seconds)'],
  ['make_timestamp', 'from_unixtime(seconds)'],
  ['date_part', 'EXTRACT(unit FROM ts)'],
  ['datepart', 'EXTRACT(unit FROM ts)'],
  ['datediff', "date_diff('unit', a, b)"],
  ['date_sub', "date_diff('unit', a, b) or date_add('unit', -n, ts)"],
  ['datetrunc', "date_trunc('unit', ts)"],
  ['first', 'arbitrary(x) or min_by(x, ts)'],
  ['last', 'max_by(x, ts)'],
  ['arg_max', 'max_by(x, y)'],
  ['arg_min', 'min_by(x, y)'],
  ['argmax', 'max_by(x, y)'],
  ['argmin', 'min_by(x, y)'],
  ['approx_count_distinct', 'approx_distinct(x)'],
  ['ifnull', 'coalesce(a, b)'],
  ['nvl', 'coalesce(a, b)'],
  ['iff', 'if(condition, a, b)'],
  ['ends_with', "x LIKE '%suffix'"],
  ['suffix', "x LIKE '%suffix'"],
  ['prefix', 'starts_with(x, prefix)'],
  ['json_array_get', "json_extract(json, '$[i]') (Trino's json_array_get mis-quotes strings)"],
]);

const ISO_LITERAL = /^'\d{4}-\d{2}-\d{2}T/i;

/** The JSONPath both engines read alike: $, then .member, ["member"] or [index] steps. */
const SHARED_JSON_PATH = /^\$(?:\.[A-Za-z0-9_]+|\["[^"\\]*"\]|\[[0-9]+\])*$/;
const JSON_PATH_FUNCTIONS = new Set(['json_extract_scalar', 'json_extract']);

/** Functions whose result is a timestamp: a value derived through them is no longer the eventtime string. */
const TIMESTAMP_FUNCTIONS = new Set(['from_iso8601_timestamp', 'date_add', 'date_trunc', 'from_unixtime']);

// Structural views of the antlr4ng objects dt-sql-parser hands out (antlr4ng itself is not a dependency).
interface Tok {
  readonly type: number;
  readonly text: string | null | undefined;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly stop: number;
  readonly channel: number;
}
interface Node {
  getChildCount(): number;
  getChild(i: number): Node | null;
  getText(): string;
  readonly symbol?: Tok;
  readonly start?: Tok | null;
}

type Listener = Required<TrinoSqlListener>;
type Ctx<K extends keyof Listener> = Listener[K] extends (ctx: infer C) => void ? C : never;

const at = (token: Tok | null | undefined) => ({ line: token?.line ?? 1, column: (token?.column ?? 0) + 1 });

/** `"Json_Extract"` → `json_extract`; a qualified name keeps its dots. */
const functionName = (text: string) =>
  text
    .split('.')
    .map((part) => (part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part).toLowerCase())
    .join('.');

function* terminals(node: Node, skip: (n: Node) => boolean): Generator<Tok> {
  if (node.symbol) {
    yield node.symbol;
    return;
  }
  if (skip(node)) return;
  for (let i = 0; i < node.getChildCount(); i++) {
    const child = node.getChild(i);
    if (child) yield* terminals(child, skip);
  }
}

const isEventTimeToken = (t: Tok) => /^(eventtime|"eventtime")$/i.test(t.text ?? '');

/** eventtime (the ISO-8601 string) used as is somewhere in `node`, not through a timestamp function. */
function usesRawEventTime(node: Node, isFunctionCall: (n: Node) => string | undefined): boolean {
  const skip = (n: Node) => {
    const name = isFunctionCall(n);
    return name !== undefined && TIMESTAMP_FUNCTIONS.has(name);
  };
  for (const t of terminals(node, skip)) {
    if (isEventTimeToken(t) || ISO_LITERAL.test(t.text ?? '')) return true;
  }
  return false;
}

const isBareEventTime = (node: Node) => /^((\w+|"[^"]+")\.)?(eventtime|"eventtime")$/i.test(node.getText());

const isTimestampValue = (node: Node) =>
  /^(timestamp'|from_iso8601_timestamp\(|date_add\(|date_trunc\(|from_unixtime\(|current_timestamp|now\()/i.test(
    node.getText(),
  );

/** Every problem that stops `sql` from running unchanged on both DuckDB and Athena; empty when it is fine. */
export function checkTrinoSql(sql: string): Problem[] {
  const parser = new TrinoSQL();
  const problems: Problem[] = [];
  const add = (code: ProblemCode, message: string, token: Tok | null | undefined) =>
    problems.push({ code, message, ...at(token) });

  // 1. Tokens: DuckDB operators, which the lexer still splits into tokens outside strings and comments.
  const tokens = (parser.getAllTokens(sql) as unknown as Tok[]).filter((t) => t.channel === 0);
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const adjacent = next !== undefined && next.start === t.stop + 1;
    if (t.text === ':' && adjacent && next.text === ':') {
      add('duckdb-syntax', '`::` casts are DuckDB-only: write CAST(x AS type).', t);
    } else if (t.text === '->') {
      add(
        'duckdb-syntax',
        adjacent && next.text === '>'
          ? "`->>` is DuckDB's JSON operator: write json_extract_scalar(column, '$.path')."
          : "`->` is DuckDB's JSON operator (or a lambda, which rules do not use): write json_extract(column, '$.path').",
        t,
      );
    } else if (/^ilike$/i.test(t.text ?? '')) {
      add('duckdb-syntax', 'ILIKE is DuckDB-only: write lower(x) LIKE lower(pattern).', t);
    }
  });

  // 2. Grammar.
  const syntaxErrors: ParseError[] = [];
  const tree = parser.parse(sql, (e) => syntaxErrors.push(e));
  for (const e of syntaxErrors) {
    problems.push({
      code: 'syntax',
      message: `Not valid Trino SQL: ${e.message}`,
      line: e.startLine,
      column: e.startColumn, // dt-sql-parser's columns are already 1-based
    });
  }

  const statements = tree.statements();
  // After a syntax error the parser's recovery may split the text into pieces: count statements only without one.
  if (statements.length !== 1 && (syntaxErrors.length === 0 || statements.length === 0)) {
    add('statement-count', `A rule is exactly one query; found ${statements.length} statements.`, tokens[0]);
  }
  for (const s of statements) {
    const statement = s.singleStatement().statement();
    if (statement.constructor.name !== 'StatementDefaultContext') {
      add('not-a-query', 'A rule is a query (SELECT / WITH …); it may not change or describe the database.', statement.start);
    }
  }
  if (syntaxErrors.length > 0) return problems;

  // 3. The tree: function calls, casts, literals and comparisons.
  const functionCallName = (n: Node): string | undefined => {
    const maybe = n as Node & { functionName?: () => Node };
    return n.constructor.name === 'FunctionCallContext' && maybe.functionName
      ? functionName(maybe.functionName().getText())
      : undefined;
  };

  const checkEventTimeComparison = (left: Node | null, rights: (Node | null)[], token: Tok | null | undefined) => {
    if (!left) return;
    const operands = [left, ...rights].filter((n): n is Node => n !== null);
    if (operands.some(isBareEventTime) && operands.some(isTimestampValue)) {
      add(
        'eventtime-comparison',
        'eventtime is a string on Athena and cannot be compared with a timestamp: compare ' +
          'from_iso8601_timestamp(eventtime) instead (or compare eventtime with an ISO-8601 string).',
        token,
      );
    }
  };

  const unsupported = (what: string, instead: string, token: Tok | null) =>
    add('unsupported-syntax', `${what} (SQL/JSON or LISTAGG syntax) behaves differently on DuckDB: use ${instead}.`, token);

  class Checker extends TrinoSqlListener {
    override enterFunctionCall = (ctx: Ctx<'enterFunctionCall'>) => {
      const name = functionName(ctx.functionName().getText());
      const token = ctx.start as Tok | null;
      if (name.includes('.')) {
        add('qualified-function', `Call functions by their plain name, not ${name}.`, token);
        return;
      }
      const allowed = ALLOWED_FUNCTIONS.get(name);
      if (!allowed) {
        const instead = DUCKDB_ONLY_FUNCTIONS.get(name) ?? (name.startsWith('list_') ? 'the Trino array functions (cardinality, contains, element_at, array_join)' : undefined);
        if (instead) {
          add('duckdb-function', `${name}() is DuckDB-only and does not exist on Athena: use ${instead}.`, token);
        } else {
          add(
            'unknown-function',
            `${name}() is not a function rules may call: the list is TRINO_FUNCTIONS in src/engine/trino-functions.ts ` +
              '(Trino functions that behave the same on DuckDB). Add it there, with a test, if it is needed.',
            token,
          );
        }
        return;
      }
      const path = ctx.expression(1)?.getText();
      if (JSON_PATH_FUNCTIONS.has(name) && path?.startsWith("'")) {
        const text = path.slice(1, -1).replace(/''/g, "'");
        if (!SHARED_JSON_PATH.test(text)) {
          add(
            'json-path',
            `The JSON path '${text}' is outside what Trino and DuckDB both read: start with $ and use ` +
              `.member, ["member name"] and [index] steps only (e.g. '$.items[0]["key name"]').`,
            ctx.expression(1)?.start as Tok | null,
          );
        }
      }
      const count = ctx.expression().length;
      const [min, max] = allowed.args;
      if (count < min || count > max) {
        const expected = min === max ? `${min}` : `${min} to ${max}`;
        add('argument-count', `${name}() takes ${expected} argument(s) in rules; this call has ${count}.`, token);
      }
    };

    override enterCast = (ctx: Ctx<'enterCast'>) => {
      const type = ctx.type().getText().toUpperCase();
      const operand = ctx.expression() as unknown as Node;
      const token = ctx.start as Tok | null;
      if ((type.startsWith('TIMESTAMP') || type === 'DATE') && usesRawEventTime(operand, functionCallName)) {
        add(
          'iso-timestamp-cast',
          `CAST(… AS ${type}) of eventtime or an ISO-8601 string fails on Athena: Trino cannot cast ` +
            "'2024-04-10T20:04:42Z'. Use from_iso8601_timestamp(eventtime).",
          token,
        );
      }
      if (type === 'JSON') {
        add(
          'json-cast',
          'CAST(x AS JSON) differs: Trino makes a JSON string of the text, DuckDB parses it. Use json_parse(x).',
          token,
        );
      }
      const operandCall = functionCallName(firstPrimary(operand));
      if (type.startsWith('VARCHAR') && (operandCall === 'json_extract' || operandCall === 'json_parse')) {
        add(
          'json-cast',
          `CAST(${operandCall}(…) AS VARCHAR) differs: Trino unquotes strings and rejects objects and arrays, DuckDB ` +
            'returns the JSON text. Use json_extract_scalar(…) for a value or json_format(…) for JSON text.',
          token,
        );
      }
      if (type.includes('ARRAY') || type.includes('ROW(') || type.includes('<')) {
        add(
          'cast-type',
          `${type} has no spelling that both engines read (Trino ARRAY(T)/ROW(…), DuckDB T[]/STRUCT(…)). ` +
            "Use json_extract_scalar / json_array_contains on the JSON, or split() for delimited text.",
          token,
        );
      }
    };

    override enterTypeConstructor = (ctx: Ctx<'enterTypeConstructor'>) => {
      const text = ctx.getText();
      if (/^timestamp'\d{4}-\d{2}-\d{2}T/i.test(text) || /^timestamp'.*Z'$/i.test(text)) {
        add(
          'iso-timestamp-cast',
          `${text} is not a Trino timestamp literal: write TIMESTAMP '2024-04-10 20:04:42' (UTC) or ` +
            "from_iso8601_timestamp('2024-04-10T20:04:42Z').",
          ctx.start as Tok | null,
        );
      }
    };

    override enterComparison = (ctx: Ctx<'enterComparison'>) => {
      const parent = ctx.parent as unknown as { valueExpression?: () => Node } | null;
      checkEventTimeComparison(parent?.valueExpression?.() ?? null, [ctx.valueExpression() as unknown as Node], ctx.start as Tok | null);
    };

    override enterBetween = (ctx: Ctx<'enterBetween'>) => {
      const parent = ctx.parent as unknown as { valueExpression?: () => Node } | null;
      checkEventTimeComparison(
        parent?.valueExpression?.() ?? null,
        ctx.valueExpression() as unknown as Node[],
        ctx.start as Tok | null,
      );
    };

    override enterJsonValue = (ctx: Ctx<'enterJsonValue'>) => unsupported('json_value(…)', "json_extract_scalar(json, '$.path')", ctx.start as Tok | null);
    override enterJsonQuery = (ctx: Ctx<'enterJsonQuery'>) => unsupported('json_query(…)', "json_extract(json, '$.path')", ctx.start as Tok | null);
    override enterJsonExists = (ctx: Ctx<'enterJsonExists'>) => unsupported('json_exists(…)', "json_extract(json, '$.path') IS NOT NULL", ctx.start as Tok | null);
    override enterJsonObject = (ctx: Ctx<'enterJsonObject'>) => unsupported('json_object(…)', 'separate columns', ctx.start as Tok | null);
    override enterJsonArray = (ctx: Ctx<'enterJsonArray'>) => unsupported('json_array(…)', 'array_agg(…)', ctx.start as Tok | null);
    override enterListAgg = (ctx: Ctx<'enterListAgg'>) => unsupported('listagg(…)', 'array_join(array_agg(x), delimiter)', ctx.start as Tok | null);
  }

  parser.listen(new Checker(), tree);
  return problems;
}

/** The primary expression an expression consists of, when it is just one (else the node itself). */
function firstPrimary(node: Node): Node {
  let current = node;
  while (current.getChildCount() === 1) {
    const child = current.getChild(0);
    if (!child || child.symbol) break;
    current = child;
  }
  return current;
}
