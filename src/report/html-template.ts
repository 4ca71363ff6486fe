// A tagged template for HTML and SVG where every interpolated value is escaped as text unless it is
// markup this module built itself (SafeHtml). Record values can only ever become text nodes or quoted
// attribute values.
import { escapeHtml } from './escape.js';

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** `h\`<td>${value}</td>\`` escapes value; nested h`` results and arrays of them are kept as markup. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

export const join = (parts: readonly SafeHtml[], separator = ''): SafeHtml => new SafeHtml(parts.map((p) => p.html).join(escapeHtml(separator)));
