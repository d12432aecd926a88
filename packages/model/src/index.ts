export * from './errors.js';
export * from './app-runtime.js';
