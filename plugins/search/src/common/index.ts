export * from './contracts.js';
export { searchQueryString } from './query-string.js';
