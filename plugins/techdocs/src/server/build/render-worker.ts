import { parentPort } from 'node:worker_threads';
import { serveRenderRequests } from './render-service.js';

// Entry point of a render worker thread: one Markdown pipeline and highlighter per thread.
if (!parentPort) throw new Error('render-worker must run in a worker thread');
serveRenderRequests(parentPort);
