import { describe, expect, it } from 'vitest';
import { durationToMs } from './duration.js';

describe('durationToMs', () => {
  it('takes a number as milliseconds', () => {
    expect(durationToMs(1500)).toBe(1500);
  });

  it('adds up the units of an object', () => {
    expect(durationToMs({ days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 5 })).toBe(
      86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000 + 5,
    );
    expect(durationToMs({ seconds: 0.5 })).toBe(500);
    expect(durationToMs({})).toBe(0);
  });

  it('rejects negative and non-finite lengths, naming the value', () => {
    expect(() => durationToMs(-1)).toThrow('Invalid duration -1');
    expect(() => durationToMs({ minutes: Number.NaN })).toThrow('Invalid duration {"minutes":null}');
    expect(() => durationToMs(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
