export * from './config.js';
export * from './connect.js';
export * from './migrate.js';
