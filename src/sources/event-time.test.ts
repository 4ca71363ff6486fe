// eventTime parsing: CloudTrail's ISO form, Lake exports, offsets, and impossible dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEventTime, parseEventTime } from './event-time.js';

describe('parseEventTime', () => {
  it('keeps CloudTrail ISO text and normalises Lake and offset forms', () => {
    expect(parseEventTime('2024-04-10T20:04:42Z')).toEqual({ iso: '2024-04-10T20:04:42Z', epochMs: Date.UTC(2024, 3, 10, 20, 4, 42) });
    expect(parseEventTime('2025-03-26 16:43:57.000000000')?.iso).toBe('2025-03-26T16:43:57Z');
    expect(parseEventTime('2025-03-26 16:43:57.250000000')?.iso).toBe('2025-03-26T16:43:57.250Z');
    expect(parseEventTime('2025-03-26T18:43:57+02:00')?.iso).toBe('2025-03-26T16:43:57Z');
    expect(parseEventTime('2024-02-29T00:00:00Z')?.iso).toBe('2024-02-29T00:00:00Z');
  });

  it('rejects placeholders and impossible instants', () => {
    for (const bad of ['yyyy-mm-ddThh:mm:ssZ', '{{yyyy-mm-ddThh:mm:ssZ}}', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '', '2024-01-01']) {
      expect(parseEventTime(bad), bad).toBeUndefined();
    }
  });

  it('round-trips every instant CloudTrail can write', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const whole = ms - (ms % 1000);
        const text = formatEventTime(whole);
        expect(parseEventTime(text)).toEqual({ iso: text, epochMs: whole });
      }),
    );
  });
});
