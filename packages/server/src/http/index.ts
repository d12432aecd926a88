export * from './create-app.js';
export * from './error-handler.js';
export * from './health.js';
export * from './metrics.js';
export * from './web-app.js';
