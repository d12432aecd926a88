import { catalogPlugin } from './plugin.js';

export default catalogPlugin;
export { catalogPlugin };
export * from './extension-points.js';
export * from './events.js';
export type { CatalogConfig } from './config.js';
