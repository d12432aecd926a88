import { z } from 'zod';
import { durationConfigSchema } from '@portico/server';

const durationSchema = durationConfigSchema;

/** `allow` items: a kind name, or a kind narrowed to one `spec.type` (Backstage's rule format). */
const allowSchema = z.union([
  z.string().min(1).transform((kind) => ({ kind })),
  z.object({ kind: z.string().min(1), 'spec.type': z.string().min(1).optional() }).strict(),
]);

const ruleLocationSchema = z
  .object({
    type: z.string().min(1),
    /** The location's target exactly (a `file` target is resolved against the config's folder). */
    exact: z.string().min(1).optional(),
    /** A glob over the target (`*` within a path segment, `**` across segments). */
    pattern: z.string().min(1).optional(),
  })
  .strict()
  .refine((location) => !(location.exact && location.pattern), {
    message: 'a catalog rule location takes either exact or pattern, not both',
  });

const ruleSchema = z
  .object({
    allow: z.array(allowSchema),
    /** Which root locations the rule applies to; every location when left out. */
    locations: z.array(ruleLocationSchema).optional(),
  })
  .strict();

const configLocationSchema = z
  .object({
    /** file, url or git; other types (from Backstage configs) are skipped with a warning. */
    type: z.string().min(1),
    target: z.string().min(1),
    /** Extra kinds this location (and everything it leads to) may hold. */
    rules: z.array(z.object({ allow: z.array(allowSchema) }).strict()).optional(),
  })
  .strict();

const limitsSchema = z
  .object({
    /** Largest file (or URL response, or substituted file) read, in bytes. */
    maxFileBytes: z.number().int().positive().default(10 * 1024 * 1024),
    /** Deepest nesting of mappings and sequences in a YAML document. */
    maxDepth: z.number().int().positive().max(1000).default(100),
    /**
     * How many nodes one YAML file may expand to through aliases, per byte of the file (plus a
     * fixed allowance). Stops "billion laughs" documents before anything walks them.
     */
    maxAliasExpansion: z.number().int().positive().default(100_000),
    /** Most entities one location tree may hold. */
    maxEntitiesPerLocation: z.number().int().positive().default(500_000),
    /** Deepest chain of Location entities leading to other locations. */
    maxLocationDepth: z.number().int().positive().default(32),
    /** Time allowed for one URL read, redirects included. */
    readTimeout: durationSchema.default({ seconds: 30 }),
    maxRedirects: z.number().int().nonnegative().max(20).default(5),
    /** Time allowed for one git fetch. */
    gitTimeout: durationSchema.default({ minutes: 2 }),
  })
  .strict();

const defaultLimits = limitsSchema.parse({});

/** The `catalog:` section of portico.yaml (Backstage's app-config keys where they exist). */
export const catalogConfigSchema = z
  .object({
    /** Locations read at start and refreshed on the interval (`source: config`). */
    locations: z.array(configLocationSchema).default([]),
    /** Which kinds locations may hold. Backstage's default: Component, API and Location. */
    rules: z.array(ruleSchema).optional(),
    /** How often each location is read again; each run waits between 1 and 1.5 times this. */
    processingInterval: durationSchema.default({ seconds: 100 }),
    /** What happens to an entity its location no longer emits: removed (default) or kept, marked orphan. */
    orphanStrategy: z.enum(['keep', 'delete']).default('delete'),
    /** Location types the API may register (and that locations it registered may lead to). */
    allowedLocationTypes: z.array(z.enum(['file', 'url', 'git'])).default(['url', 'git']),
    /** No registering or removing locations and no deleting entities through the API. */
    readonly: z.boolean().default(false),
    limits: limitsSchema.default(defaultLimits),
    /** Where git repositories are cached; a temporary folder when left out. */
    workingDirectory: z.string().min(1).optional(),
  });

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
export type CatalogConfigInput = z.input<typeof catalogConfigSchema>;
export type CatalogRuleConfig = z.infer<typeof ruleSchema>;
export type CatalogLimits = z.infer<typeof limitsSchema>;
export type ConfigDuration = z.infer<typeof durationSchema>;

/** Parses the section, for callers that hold raw config (tests, tools). */
export function parseCatalogConfig(value: unknown): CatalogConfig {
  return catalogConfigSchema.parse(value ?? {});
}
