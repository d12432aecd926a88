export * from './refs.js';
export * from './services.js';
export * from './define-server-plugin.js';
