export * from './plugin-api/index.js';
export * from './config/index.js';
export * from './database/index.js';
export * from './http/index.js';
export * from './kernel/index.js';
export * from './scheduler/index.js';
export * from './events/index.js';
