import { z } from 'zod';

/** A query parameter that may be given once or repeated. */
export const repeatable = z.union([z.string(), z.array(z.string())]).optional();

export const limitParam = z.coerce.number().int().min(0).max(10_000).optional();
export const offsetParam = z.coerce.number().int().min(0).optional();

export const entityNameParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

export function refOf(params: z.infer<typeof entityNameParams>): string {
  return `${params.kind}:${params.namespace}/${params.name}`.toLowerCase();
}
