// Scopes a rule's SQL to the investigation window: the engine, not each rule, limits `cloudtrail` to the window.
//
// Rules read from `cloudtrail`. scopeToWindow returns the rule with a first common table expression that defines
// `cloudtrail` as the rows of the source table inside the window, merged into the rule's own WITH list when it
// has one. A small tokenizer finds the rule's first keyword and its WITH list, so string literals, quoted
// identifiers and comments that contain "WITH" (or ";") are never mistaken for SQL.

/** The investigation window: ISO-8601 instants; `start` is inclusive, `end` exclusive; either may be open. */
export interface InvestigationWindow {
  readonly start?: string;
  readonly end?: string;
}

/**
 * How rows are compared with the window:
 * - 'eventtime': from_iso8601_timestamp(eventtime), which any Athena CloudTrail table has (Trino SQL);
 * - '_ts': qir's TIMESTAMP column of the case store (DuckDB's main.cloudtrail), which needs no parsing per row.
 */
export type WindowTimeColumn = 'eventtime' | '_ts';

export type WindowErrorCode = 'WINDOW_TIME' | 'WINDOW_RANGE' | 'WINDOW_SOURCE' | 'WINDOW_RULE_SQL';

export class WindowError extends Error {
  override readonly name = 'WindowError';
  constructor(
    readonly code: WindowErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const CASE_STORE_TABLE = 'main.cloudtrail';

/**
 * `sql` with `cloudtrail` redefined as the rows of `sourceTable` inside `window`.
 * The result is one statement (a trailing `;` is dropped); it is Trino SQL when timeColumn is 'eventtime'.
 */
export function scopeToWindow(
  sql: string,
  window: InvestigationWindow,
  sourceTable: string = CASE_STORE_TABLE,
  timeColumn: WindowTimeColumn = sourceTable === CASE_STORE_TABLE ? '_ts' : 'eventtime',
): string {
  checkSourceTable(sourceTable);
  const start = window.start === undefined ? undefined : parseInstant(window.start, 'start');
  const end = window.end === undefined ? undefined : parseInstant(window.end, 'end');
  if (start && end && start.ms >= end.ms) {
    throw new WindowError('WINDOW_RANGE', `The window's end (${window.end}) must be after its start (${window.start}).`);
  }

  const conditions = [
    ...(start ? [`${timeExpression(timeColumn)} >= ${timeLiteral(start.iso, timeColumn)}`] : []),
    ...(end ? [`${timeExpression(timeColumn)} < ${timeLiteral(end.iso, timeColumn)}`] : []),
  ];
  const cte =
    `cloudtrail AS (\n  SELECT * FROM ${sourceTable}` +
    (conditions.length > 0 ? `\n  WHERE ${conditions.join('\n    AND ')}` : '') +
    '\n)';

  const tokens = tokenize(sql);
  const { text, significant } = dropTrailingSemicolon(sql, tokens);
  const first = significant[0];
  if (!first) throw new WindowError('WINDOW_RULE_SQL', 'The rule has no SQL.');

  if (isWord(first, 'WITH')) {
    const second = significant[1];
    const head = second && isWord(second, 'RECURSIVE') ? second : first;
    const names = cteNames(significant.slice(significant.indexOf(head) + 1));
    if (names.includes('cloudtrail')) {
      throw new WindowError(
        'WINDOW_RULE_SQL',
        'The rule defines its own `cloudtrail` in its WITH clause; rules read `cloudtrail` and the engine defines it. ' +
          'Rename the rule\'s CTE.',
      );
    }
    const rest = text.slice(head.end);
    return `${text.slice(0, head.end)} ${cte},${/^\s/.test(rest) ? '' : ' '}${rest}`;
  }
  return `${text.slice(0, first.start)}WITH ${cte}\n${text.slice(first.start)}`;
}

// ── time ────────────────────────────────────────────────────────────────────────────────────────────────────

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** An ISO-8601 instant → milliseconds and its UTC text; no zone means UTC, as in Athena's session. */
function parseInstant(text: string, which: 'start' | 'end'): { ms: number; iso: string } {
  const m = ISO_INSTANT.exec(text.trim());
  const fail = () =>
    new WindowError(
      'WINDOW_TIME',
      `The window's ${which} "${text}" is not an ISO-8601 time such as 2024-04-10T20:04:42Z or 2024-04-10.`,
    );
  if (!m) throw fail();
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  const millis = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw fail();
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) throw fail();
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = utc - offsetMinutes * 60_000;
  return { ms, iso: new Date(ms).toISOString() };
}

const timeExpression = (column: WindowTimeColumn) =>
  column === '_ts' ? '_ts' : 'from_iso8601_timestamp(eventtime)';

/** The bound as SQL: a Trino-parsed ISO literal, or a plain TIMESTAMP literal (UTC) for `_ts`. */
const timeLiteral = (iso: string, column: WindowTimeColumn) =>
  column === '_ts'
    ? `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`
    : `from_iso8601_timestamp('${iso}')`;

// ── source table ────────────────────────────────────────────────────────────────────────────────────────────

const IDENTIFIER_PART = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED_NAME = new RegExp(`^${IDENTIFIER_PART}(?:\\.${IDENTIFIER_PART})*$`);

function checkSourceTable(sourceTable: string): void {
  if (!QUALIFIED_NAME.test(sourceTable)) {
    throw new WindowError(
      'WINDOW_SOURCE',
      `The source table "${sourceTable}" is not a table name (schema.table, with "double quotes" where needed).`,
    );
  }
  if (!sourceTable.includes('.')) {
    throw new WindowError(
      'WINDOW_SOURCE',
      `The source table "${sourceTable}" must be qualified with its schema (e.g. main.cloudtrail): ` +
        'the window itself is named cloudtrail.',
    );
  }
}

// ── tokenizer ───────────────────────────────────────────────────────────────────────────────────────────────

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'space' | 'comment';

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Splits SQL into tokens; strings ('…', with '' inside), quoted names ("…") and comments are single tokens. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, start: i, end, text: sql.slice(i, end) });
    i = end;
  };
  const closing = (quote: string, from: number, what: string): number => {
    let j = from;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k < 0) throw new WindowError('WINDOW_RULE_SQL', `The rule has an unterminated ${what} at offset ${from - 1}.`);
      if (sql[k + 1] === quote) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  };
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const rest = sql.slice(i, i + 2);
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j] ?? '')) j++;
      push('space', j);
    } else if (rest === '--') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl);
    } else if (rest === '/*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new WindowError('WINDOW_RULE_SQL', `The rule has an unterminated /* comment at offset ${i}.`);
      push('comment', close + 2);
    } else if (c === "'") {
      push('string', closing("'", i + 1, 'string literal'));
    } else if (c === '"') {
      push('quoted', closing('"', i + 1, 'quoted identifier'));
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j] ?? '')) j++;
      push('word', j);
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[0-9.eE]/.test(sql[j] ?? '')) j++;
      push('number', j);
    } else {
      push('punct', i + 1);
    }
  }
  return tokens;
}

const isSignificant = (t: Token) => t.kind !== 'space' && t.kind !== 'comment';

const isWord = (t: Token, word: string) => t.kind === 'word' && t.text.toUpperCase() === word;

/** The rule without a final `;`, refusing a second statement after one. */
function dropTrailingSemicolon(sql: string, tokens: Token[]): { text: string; significant: Token[] } {
  let depth = 0;
  const significant = tokens.filter(isSignificant);
  for (const [n, t] of significant.entries()) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (t.text === ';' && depth === 0) {
      if (n !== significant.length - 1) {
        throw new WindowError('WINDOW_RULE_SQL', 'The rule holds more than one statement; a rule is exactly one query.');
      }
      return { text: sql.slice(0, t.start) + sql.slice(t.end), significant: significant.slice(0, n) };
    }
  }
  return { text: sql, significant };
}

/** The names in a WITH list: `name [(columns)] AS [[NOT] MATERIALIZED] ( … ) [, …]`, lower-cased and unquoted. */
function cteNames(tokens: Token[]): string[] {
  const names: string[] = [];
  let i = 0;
  const skipParens = () => {
    let depth = 0;
    do {
      const t = tokens[i++];
      if (!t) return;
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
    } while (depth > 0);
  };
  for (;;) {
    const name = tokens[i++];
    if (!name || (name.kind !== 'word' && name.kind !== 'quoted')) return names;
    names.push(name.kind === 'quoted' ? name.text.slice(1, -1).replace(/""/g, '"').toLowerCase() : name.text.toLowerCase());
    if (tokens[i]?.text === '(') skipParens();
    if (!tokens[i] || !isWord(tokens[i] as Token, 'AS')) return names;
    i++;
    while (tokens[i] && (isWord(tokens[i] as Token, 'NOT') || isWord(tokens[i] as Token, 'MATERIALIZED'))) i++;
    if (tokens[i]?.text !== '(') return names;
    skipParens();
    if (tokens[i]?.text !== ',') return names;
    i++;
  }
}
