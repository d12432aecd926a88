import { z } from 'zod';
import type { SerializedTaskEvent } from '../../common/tasks.js';
import type { RouterContext } from './context.js';

const params = z.object({ taskId: z.string().min(1).max(100) });
const query = z.object({ after: z.coerce.number().int().min(0).optional() });

const LONG_POLL_MS = 30_000;
const KEEP_ALIVE_MS = 15_000;

/** A task's events: all at once (`/events`, a long poll) or as they happen (`/eventstream`, SSE). */
export function registerEventsRoutes(context: RouterContext): void {
  const { router, store, feed } = context;

  // Backstage's long poll: answers at once when there are events after `after`, otherwise with
  // the first ones written within 30 seconds, or [].
  router.get('/v2/tasks/:taskId/events', { schema: { params, querystring: query } }, async (request) => {
    const { taskId } = request.params;
    await store.row(taskId);
    const first = await store.events(taskId, request.query.after);
    if (first.length) return first;
    return new Promise<SerializedTaskEvent[]>((resolve, reject) => {
      let settled = false;
      const settle = (value: Promise<SerializedTaskEvent[]> | SerializedTaskEvent[]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        clearInterval(poll);
        stopListening();
        Promise.resolve(value).then(resolve, reject);
      };
      const check = async () => {
        const events = await store.events(taskId, request.query.after);
        if (events.length) settle(events);
      };
      const stopListening = feed.listen(taskId, () => void check().catch(reject), () => settle([]));
      const poll = setInterval(() => void check().catch(reject), context.pollMs);
      const timeout = setTimeout(() => settle([]), LONG_POLL_MS);
      request.raw.socket?.once('close', () => settle([]));
    });
  });

  router.get('/v2/tasks/:taskId/eventstream', { schema: { params, querystring: query } }, async (request, reply) => {
    const { taskId } = request.params;
    await store.row(taskId);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let after = request.query.after;
    let closed = false;
    let busy = false;
    let again = false;

    const close = () => {
      if (closed) return;
      closed = true;
      stopListening();
      clearInterval(poll);
      clearInterval(keepAlive);
      raw.end();
    };
    // One reader at a time; a notification during a read makes it read once more.
    const pump = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          for (const event of await store.events(taskId, after)) {
            if (closed) return;
            raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            after = event.id;
            if (event.type === 'completion') {
              close();
              return;
            }
          }
        } while (again && !closed);
      } catch (error) {
        context.logger.error({ err: error, taskId }, 'Task event stream failed');
        close();
      } finally {
        busy = false;
      }
    };
    const stopListening = feed.listen(taskId, () => void pump(), close);
    const poll = setInterval(() => void pump(), context.pollMs);
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    raw.on('close', close);
    await pump();
  });
}
