import { z } from 'zod';
import { durationConfigSchema, durationToMs } from '@portico/server';
import { DEFAULT_MAX_TERM_LENGTH, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../common/index.js';

/** Intervals here drive loops, so zero is refused. */
const durationSchema = durationConfigSchema.refine((duration) => durationToMs(duration) > 0, 'a duration longer than zero');

/** The `search:` section of portico.yaml. */
export const searchConfigSchema = z
  .object({
    /** Longer terms are refused with a 400 (Backstage's `search.maxTermLength`). */
    maxTermLength: z.number().int().min(10).max(1000).default(DEFAULT_MAX_TERM_LENGTH),
    defaultPageLimit: z.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
    /** How often every collator's documents are rebuilt in full (changes in between arrive incrementally). */
    reindexFrequency: durationSchema.default({ hours: 1 }),
    /** A full build taking longer is abandoned (searches keep the previous index). */
    reindexTimeout: durationSchema.default({ minutes: 30 }),
    /** How often each replica looks for queued changes it did not hear about itself. */
    pendingPollInterval: durationSchema.default({ seconds: 5 }),
    pg: z
      .object({
        /** Correct misspelt words with pg_trgm (installed when allowed) when nothing matches them. */
        fuzzy: z.boolean().default(true),
        /** Trigram similarity from which a word of a name or title counts as a spelling of a search word. */
        fuzzyThreshold: z.number().min(0.3).max(1).default(0.35),
      })
      .default({ fuzzy: true, fuzzyThreshold: 0.35 }),
    catalog: z
      .object({
        /** Where catalog results open; `:namespace`, `:kind` and `:name` are filled in. */
        locationTemplate: z.string().min(1).default('/catalog/:namespace/:kind/:name'),
        /** Where template results open. */
        templateLocationTemplate: z.string().min(1).default('/create/templates/:namespace/:name'),
      })
      .default({ locationTemplate: '/catalog/:namespace/:kind/:name', templateLocationTemplate: '/create/templates/:namespace/:name' }),
  });

export type SearchConfig = z.infer<typeof searchConfigSchema>;
