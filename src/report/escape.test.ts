import { describe, expect, it } from 'vitest';
import { anchorId, csvCell, csvLine, escapeHtml, escapeMarkdown, plainText, safeFileName } from './escape.js';
import { h } from './html-template.js';

describe('escape', () => {
  it('shows control characters as text for terminals', () => {
    expect(plainText('\u001b[31mred\u001b[0m')).toBe('␛[31mred␛[0m');
    expect(plainText('a\u0007b\u202ec\u009bd')).toBe('a\\u0007b\\u202ec\\u009bd');
    expect(plainText('tab\tand\nnewline')).toBe('tab\tand\nnewline');
    expect(plainText('a\nb', { oneLine: true })).toBe('a b');
    expect(plainText(null)).toBe('');
    expect(plainText({ a: 1 })).toBe('{"a":1}');
  });

  it('escapes HTML text and attribute values', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"onmouseover='x'&`)).toBe('&quot;onmouseover=&#39;x&#39;&amp;');
    expect(escapeHtml('\u001b[31m')).toBe('␛[31m');
  });

  it('escapes Markdown so no HTML, link, image, emphasis or table cell can form', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(escapeMarkdown('![x](http://evil/)')).toBe('!\\[x\\](http://evil/)');
    expect(escapeMarkdown('*a* _b_ `c` ~d~ |e| \\f')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\| \\\\f');
    expect(escapeMarkdown('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(escapeMarkdown('line\nbreak')).toBe('line break');
  });

  it('quotes CSV cells as RFC 4180 asks and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('"quoted, with comma"')).toBe('"""quoted, with comma"""');
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1+1`).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('a\r\nb')).toBe('"a\nb"');
    expect(csvCell('\u001b[31m')).toBe('␛[31m');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('makes anchor ids that cannot leave the attribute and differ for different values', () => {
    const id = anchorId('ev', '"><script>alert(1)</script>');
    expect(id).toMatch(/^ev-[A-Za-z0-9_-]+$/);
    expect(anchorId('ev', 'a b')).not.toBe(anchorId('ev', 'a_b'));
    expect(anchorId('ev', '0b1c-2d')).toBe('ev-0b1c-2d');
  });

  it('makes safe file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('')).toBe('_');
    expect(safeFileName('inv-20250101T000000Z-abc')).toBe('inv-20250101T000000Z-abc');
  });

  it('escapes every value interpolated into the HTML template', () => {
    const evil = '<img src=x onerror=alert(1)>';
    expect(h`<p title="${evil}">${evil}</p>`.html).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(h`<ul>${['<a>', h`<li>ok</li>`]}</ul>`.html).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
  });
});
