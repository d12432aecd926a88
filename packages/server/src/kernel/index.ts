export * from './kernel.js';
export * from './load-plugins.js';
export * from './migrate-all.js';
export * from './order-plugins.js';
export * from './shutdown.js';
