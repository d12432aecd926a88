import { searchPlugin } from './plugin.js';

export default searchPlugin;
export { searchPlugin };
export * from './extension-points.js';
export type { SearchConfig } from './config.js';
export type { SearchFilter } from './query/search-filter.js';
export { searchServiceRef, type SearchService, type SearchCallerOptions, type SearchFacetsQuery } from './service/search-service.js';
export type { CatalogReader } from './collators/catalog/catalog-reader.js';
