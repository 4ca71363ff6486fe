// The one place where hostile text is neutralised for every output qir writes. Every value that came
// from a log record (user agents, error messages, request parameters, resource names, even event ids)
// may carry markup, links, spreadsheet formulas or terminal escape sequences; here it becomes text.

/** C0/C1 controls (except tab and newline), line/paragraph separators and bidi overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const showControl = (c: string): string => (c === '\u001b' ? '␛' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Any value as a string: null and undefined are empty, objects are compact JSON. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/**
 * Plain text safe for a terminal: control characters (escape sequences, bidi overrides) are shown, not
 * interpreted (ESC as ␛, others as \uXXXX). Tabs and newlines are kept unless `oneLine`.
 */
export function plainText(value: unknown, opts: { oneLine?: boolean } = {}): string {
  const s = asText(value).replace(CONTROL, showControl);
  return opts.oneLine ? s.replace(/[\t\n]+/g, ' ') : s;
}

/** Text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return plainText(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for inline Markdown (CommonMark/GFM), on one line: emphasis, code, link and table characters are
 * backslash-escaped (with `[` and `]` escaped no link or image can form, so parentheses may stay), and
 * `<`, `>` and `&` become entities so no raw HTML, autolink or entity reference can form.
 */
export function escapeMarkdown(value: unknown): string {
  return plainText(value, { oneLine: true })
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] as string);
}

/** Cells beginning with these are read as formulas by spreadsheets (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): formula-like cells get a leading apostrophe, control characters are shown
 * as text (newlines kept), and the cell is quoted when it holds a quote, comma or line break.
 */
export function csvCell(value: unknown): string {
  let s = asText(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  s = s.replace(/\r\n?/g, '\n').replace(CONTROL, showControl);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + '\r\n';

/**
 * An HTML id (and `#` fragment) for any value: letters, digits and `-` kept, everything else as `_xx`
 * hex, so different values give different ids and nothing in it can leave the attribute or the URL.
 */
export function anchorId(prefix: string, value: unknown): string {
  const encoded = Array.from(asText(value))
    .map((c) => (/^[A-Za-z0-9-]$/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`))
    .join('');
  return `${prefix}-${encoded}`;
}

/** A file name part from any value (run ids name report files). */
export const safeFileName = (value: unknown): string => asText(value).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
