// Terminal output helpers: text from logs and file names is shown, never interpreted.

/**
 * Replaces control characters (escape sequences, newlines, bidi overrides) so a terminal shows text from
 * logs and file names as one line of text, never as commands or forged lines.
 */
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\u001b' ? '␛' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
