export * from './expressions/index.js';
