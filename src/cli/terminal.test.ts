// Terminal text from hostile sources stays one line of visible text.
import { expect, it } from 'vitest';
import { safeText } from './terminal.js';

it('shows escape sequences and bidi overrides instead of running them, and keeps one line', () => {
  const out = safeText('evil\u001b[31mred\u001b]0;title\u0007\nFAKE LINE\u202eabc');
  expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  expect(out).toContain('␛[31mred');
  expect(out).not.toContain('\n');
});
