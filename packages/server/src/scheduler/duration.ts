import type { Duration } from '../plugin-api/index.js';

const unitMs = {
  milliseconds: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

/** Converts a Duration (milliseconds, or an object of units that add up) to milliseconds. */
export function durationToMs(duration: Duration): number {
  if (typeof duration === 'number') return checked(duration, duration);
  let total = 0;
  for (const [unit, factor] of Object.entries(unitMs)) {
    const amount = duration[unit as keyof typeof unitMs];
    if (amount !== undefined) total += amount * factor;
  }
  return checked(total, duration);
}

function checked(ms: number, original: Duration): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Invalid duration ${JSON.stringify(original)}: must be a finite, non-negative length of time`);
  }
  return Math.round(ms);
}
