import { z } from 'zod';

/**
 * A length of time in a plugin's config section: milliseconds, or an object of units that add
 * up, Backstage style (`{ minutes: 5 }`). Matches the `Duration` type the scheduler takes.
 */
export const durationConfigSchema = z.union([
  z.number().nonnegative(),
  z
    .object({
      milliseconds: z.number().nonnegative().optional(),
      seconds: z.number().nonnegative().optional(),
      minutes: z.number().nonnegative().optional(),
      hours: z.number().nonnegative().optional(),
      days: z.number().nonnegative().optional(),
    })
    .strict(),
]);
