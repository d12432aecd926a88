/**
 * How text splits into words, the same way on both engines' side of the query: letters, digits
 * and combining marks make words; everything else separates them (as FTS5's unicode61 tokenizer
 * does). Only these words ever reach an engine's query syntax.
 */
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

export function splitWords(text: string): string[] {
  return text.toLocaleLowerCase('en-US').match(wordPattern) ?? [];
}

/**
 * A name or title reduced to its words, for exact-match ranking: `Checkout-Service` and
 * `checkout service` both become `checkout service`.
 */
export function normalizeForExactMatch(text: string): string {
  return splitWords(text).join(' ');
}

/**
 * PostgreSQL's `english` configuration drops these words at index time, so a query needing one
 * could never match there. Dropping them from queries on both engines keeps results alike.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
    'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
    'while of at by for with about against between into through during before after above below to from up ' +
    'down in out on off over under again further then once here there when where why how all any both each few ' +
    'more most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);
