import { catalogPlugin } from './plugin.js';

export default catalogPlugin;
export { catalogPlugin };
export * from './extension-points.js';
export * from './events.js';
export type { CatalogConfig } from './config.js';
export { catalogServiceRef, type CatalogService, type CatalogQuery } from './service/catalog-service.js';
export type { EntityFilter } from './query/entity-filter.js';
export type { CatalogIngestion, LocationSpec } from './service/ingestion-api.js';
