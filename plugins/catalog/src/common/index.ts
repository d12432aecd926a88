export * from './contracts.js';
export { CatalogClient, type CatalogTransport, type RequestOptions } from './client.js';
