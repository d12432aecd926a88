import type { FacetCount } from '../../common/contracts.js';

/** The order kinds appear in the kind selector; other kinds follow alphabetically. */
const KIND_ORDER = ['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template', 'location'];

const PLURALS: Readonly<Record<string, string>> = {
  api: 'APIs',
};

/** "Components", "APIs": the kind as a table or tab is labelled. */
export function kindPlural(kind: string): string {
  const key = kind.toLocaleLowerCase('en-US');
  return PLURALS[key] ?? `${capitalize(kind)}s`;
}

/** "component" → "Component", "api" → "API": a kind as written in entity files, for headings. */
export function kindLabel(kind: string, known: readonly FacetCount[] = []): string {
  const key = kind.toLocaleLowerCase('en-US');
  const match = known.find((facet) => facet.value.toLocaleLowerCase('en-US') === key);
  if (match) return match.value;
  return key === 'api' ? 'API' : capitalize(kind);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** Kinds from the kind facet, in the selector's order, with their counts. */
export function orderKinds(facet: readonly FacetCount[]): FacetCount[] {
  const rank = (value: string) => {
    const index = KIND_ORDER.indexOf(value.toLocaleLowerCase('en-US'));
    return index === -1 ? KIND_ORDER.length : index;
  };
  return [...facet].sort((a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value));
}
