// The investigation window from --since/--until: ISO-8601 instants, or durations such as 7d counted back
// from the newest event in the case (evidence is usually days or years old, so not from now).
import { QirError } from '../core/errors.js';
import type { InvestigationWindow } from '../engine/window.js';
import { parseEventTime } from '../sources/event-time.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function resolveWindow(spec: { since?: string; until?: string }, newestEvent: string | null): InvestigationWindow {
  const newestMs = newestEvent ? Date.parse(newestEvent) : Date.now();
  const at = (text: string, name: string): string => {
    const rel = /^(\d+)\s*([smhdw])$/i.exec(text.trim());
    if (rel) return new Date(newestMs - Number(rel[1]) * (UNIT_MS[rel[2]!.toLowerCase()] as number)).toISOString();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim();
    const t = parseEventTime(day);
    if (!t) {
      throw new QirError('BAD_ARGUMENT', `--${name} ${JSON.stringify(text)} is not a time: use ISO-8601 (2025-06-03T07:00:00Z or 2025-06-03) or a duration back from the newest event (30m, 12h, 7d, 2w)`);
    }
    return new Date(t.epochMs).toISOString();
  };
  const window: { start?: string; end?: string } = {};
  if (spec.since) window.start = at(spec.since, 'since');
  if (spec.until) window.end = at(spec.until, 'until');
  if (window.start && window.end && window.start >= window.end) {
    throw new QirError('BAD_ARGUMENT', `--until (${window.end}) must be after --since (${window.start})`);
  }
  return window;
}
