export * from './errors.js';
export * from './load.js';
export * from './mask.js';
export * from './schema.js';
export * from './unknown-keys.js';
export * from './duration-schema.js';
export type { ConfigObject, ConfigValue } from './read-files.js';
