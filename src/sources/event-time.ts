// eventTime as CloudTrail writes it (ISO-8601 UTC), from the shapes responders are handed.

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
// CloudTrail Lake exports: `2025-03-26 16:43:57.000000000` (UTC, no zone).
const LAKE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;

export interface EventTime {
  /** ISO-8601 UTC as CloudTrail writes it: `2024-04-10T20:04:42Z`, milliseconds kept when not zero. */
  iso: string;
  epochMs: number;
}

// How CloudTrail writes eventTime; such text is already in normal form.
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses an eventTime; undefined when the text is not a real instant. */
export function parseEventTime(text: string): EventTime | undefined {
  if (CANONICAL.test(text)) {
    const n = (at: number, len: number) => Number(text.slice(at, at + len));
    const [y, mo, d, h, mi, sec] = [n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2)];
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined;
    return { iso: text, epochMs: Date.UTC(y, mo - 1, d, h, mi, sec) };
  }
  const m = ISO.exec(text) ?? LAKE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000 + 1e-6) : 0;
  let epochMs = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +sec!, ms);
  const check = new Date(epochMs);
  // Reject impossible dates such as 2024-02-31 that Date.UTC would roll over.
  if (check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1 || +h! > 23 || +mi! > 59 || +sec! > 60) {
    return undefined;
  }
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[+:-]/g, '');
    epochMs -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { iso: formatEventTime(epochMs), epochMs };
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** An instant as CloudTrail writes it: whole seconds without a fraction. */
export function formatEventTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return epochMs % 1000 === 0 ? iso.replace(/\.000Z$/, 'Z') : iso;
}
