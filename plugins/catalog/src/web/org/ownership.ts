import type { FacetCount } from '../../common/contracts.js';

/** Owned entities of one kind and type, e.g. 24 Component / service. */
export interface OwnershipCount {
  kind: string;
  /** Undefined for entities of the kind that have no type. */
  type: string | undefined;
  count: number;
}

/**
 * Combines the kind facet and each kind's type facet into counts per kind and type. Entities of a
 * kind without a type make up the difference, so the counts of a kind always add up to its total.
 */
export function ownershipCounts(kinds: readonly FacetCount[], typesByKind: ReadonlyMap<string, readonly FacetCount[]>): OwnershipCount[] {
  const counts: OwnershipCount[] = [];
  for (const kind of kinds) {
    const types = typesByKind.get(kind.value) ?? [];
    let typed = 0;
    for (const type of types) {
      counts.push({ kind: kind.value, type: type.value, count: type.count });
      typed += type.count;
    }
    if (kind.count > typed) counts.push({ kind: kind.value, type: undefined, count: kind.count - typed });
  }
  return counts;
}

/** "service" → "services", "library" → "libraries", "API" kept; for labels under a count. */
export function pluralize(word: string, count: number): string {
  if (count === 1) return word;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** "24 services, 3 websites and 9 APIs": the summary sentence of an ownership. */
export function ownershipSentence(counts: readonly OwnershipCount[]): string {
  const parts = counts.map((item) => `${item.count} ${pluralize(item.type ?? item.kind.toLocaleLowerCase('en-US'), item.count)}`);
  if (parts.length === 0) return 'Nothing';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
