import type { SearchDocumentInput } from '../extension-points.js';

/** A small deterministic generator (mulberry32), so every run indexes the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN_WORDS = (
  'service api payment checkout billing invoice ledger order cart inventory stock shipping delivery ' +
  'customer account profile identity login auth token session search index catalog docs template ' +
  'kafka queue stream event topic consumer producer worker batch report analytics metrics logging ' +
  'tracing alert monitor dashboard gateway proxy router cache redis postgres database migration ' +
  'schema backup restore deploy pipeline build release kubernetes cluster node pod helm terraform ' +
  'cloud storage bucket image video audio email notification push sms webhook scheduler cron job ' +
  'pricing discount coupon loyalty recommendation ranking model training feature flag experiment'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru ta vo zi be da fe gu hi jo ke lu ma no pe qui ra se ti vu wa xe yo zu'.split(' ');

export interface Vocabulary {
  words: string[];
  /** A word drawn with a Zipf-like skew: a few words are everywhere, most are rare. */
  pick(): string;
}

export function vocabulary(next: () => number, size = 5000): Vocabulary {
  const words = [...DOMAIN_WORDS];
  const seen = new Set(words);
  while (words.length < size) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let index = 0; index < length; index++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  // Inverse-CDF of a 1/rank distribution over `size` words.
  const harmonic = Math.log(size) + 0.5772;
  return {
    words,
    pick: () => words[Math.min(size - 1, Math.floor(Math.exp(next() * harmonic)) - 1)]!,
  };
}

const KINDS: Array<[string, number]> = [
  ['Component', 0.55],
  ['API', 0.15],
  ['Resource', 0.1],
  ['System', 0.05],
  ['User', 0.1],
  ['Group', 0.03],
  ['Template', 0.02],
];
const LIFECYCLES = ['production', 'experimental', 'deprecated'];
const TYPES = ['service', 'website', 'library', 'worker', 'openapi', 'database'];

function weighted(next: () => number): string {
  let roll = next();
  for (const [kind, weight] of KINDS) {
    roll -= weight;
    if (roll <= 0) return kind;
  }
  return 'Component';
}

function sentence(vocab: Vocabulary, next: () => number, min: number, max: number): string {
  const count = min + Math.floor(next() * (max - min + 1));
  return Array.from({ length: count }, () => vocab.pick()).join(' ');
}

/** Catalog-like documents: names of two or three words and a number, short descriptions. */
export function catalogDocuments(count: number, vocab: Vocabulary, next: () => number): SearchDocumentInput[] {
  const documents: SearchDocumentInput[] = [];
  for (let index = 0; index < count; index++) {
    const kind = weighted(next);
    const name = `${vocab.words[Math.floor(next() * 300)]}-${vocab.words[Math.floor(next() * 2000)]}-${index}`;
    const owner = `team-${Math.floor(next() * 200)}`;
    const ref = `${kind.toLowerCase()}:default/${name}`;
    const tags = Array.from({ length: Math.floor(next() * 3) }, () => DOMAIN_WORDS[Math.floor(next() * 50)]!);
    const type = TYPES[Math.floor(next() * TYPES.length)]!;
    const lifecycle = LIFECYCLES[Math.floor(next() * LIFECYCLES.length)]!;
    documents.push({
      type: 'software-catalog',
      key: ref,
      title: name.split('-').slice(0, 2).map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ') + ` ${index}`,
      text: sentence(vocab, next, 8, 30),
      name,
      location: `/catalog/default/${kind.toLowerCase()}/${name}`,
      fields: { kind, namespace: 'default', type, lifecycle, owner, tags, entityRef: ref },
      keywords: [kind, type, owner, lifecycle, ...tags],
      ownerRef: `group:default/${owner}`,
    });
  }
  return documents;
}

/** Docs sections: a heading and a paragraph or three, edited at some time in the last two years. */
export function docsSections(count: number, vocab: Vocabulary, next: () => number, now: number): SearchDocumentInput[] {
  return Array.from({ length: count }, (_, index) => {
    const entity = `component:default/docs-owner-${index % 4000}`;
    return {
      type: 'techdocs',
      key: `${entity}#page-${Math.floor(index / 5)}#section-${index % 5}`,
      itemKey: entity,
      title: sentence(vocab, next, 2, 5),
      text: sentence(vocab, next, 40, 200),
      location: `/docs/default/component/docs-owner-${index % 4000}/page-${Math.floor(index / 5)}#section-${index % 5}`,
      fields: { entityRef: entity, kind: 'Component', namespace: 'default', owner: `team-${index % 200}` },
      ownerRef: `group:default/team-${index % 200}`,
      updatedAt: now - Math.floor(next() * 730 * 24 * 60 * 60 * 1000),
    };
  });
}
