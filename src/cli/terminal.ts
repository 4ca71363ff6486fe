// Terminal output helpers: text from logs and file names is shown, never interpreted.
import { plainText } from '../report/escape.js';

/**
 * Text from logs and file names as one line of terminal text: escape sequences, bidi overrides and other
 * control characters are shown, never interpreted, and line breaks cannot forge extra lines.
 */
export const safeText = (s: string): string => plainText(s, { oneLine: true });

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
