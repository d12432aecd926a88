import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createPageRenderer, type PageInput, type PageRendererOptions, type RenderedPage } from './markdown/render-page.js';
import type { RenderReply, RenderRequest } from './render-service.js';

/** One render worker as the pool sees it; a real thread in production, a message channel in tests. */
export interface RenderChannel {
  send(request: RenderRequest): void;
  onReply(listener: (reply: RenderReply) => void): void;
  onFailure(listener: (error: Error) => void): void;
  /** Whether the worker keeps the process alive: while a build waits on it, yes; when idle, no. */
  hold(active: boolean): void;
  close(): Promise<void>;
}

/** Renders the pages of one build. */
export interface RenderSession {
  render(page: PageInput): Promise<RenderedPage>;
  close(): Promise<void>;
}

/** Requests each worker holds at once: one being rendered, one waiting, so no worker idles. */
const inFlightPerChannel = 2;
const workerScript = new URL('./render-worker.js', import.meta.url);

/**
 * Whether pages can be rendered on worker threads: only from the compiled package, where the
 * worker script exists as JavaScript. Run from TypeScript sources (tests), rendering stays in-process.
 */
export function workerThreadsAvailable(): boolean {
  return !import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(workerScript));
}

export function spawnWorkerChannel(): RenderChannel {
  const worker = new Worker(workerScript);
  return {
    hold: (active) => (active ? worker.ref() : worker.unref()),
    send: (request) => worker.postMessage(request),
    onReply: (listener) => worker.on('message', listener),
    onFailure: (listener) => {
      worker.on('error', listener);
      worker.on('exit', (code) => listener(new Error(`docs render worker exited with code ${code}`)));
    },
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/**
 * A set of render workers shared by builds. Rendering is CPU-bound, so on a 2-core machine two
 * workers build a large site about twice as fast; keeping them between builds keeps their JIT and
 * highlighter warm (a cold worker costs about a third more CPU on a 1,000-page site).
 */
export class RenderWorkers {
  private readonly channels: RenderChannel[];
  private readonly load: number[];
  private readonly pending = new Map<number, { resolve: (page: RenderedPage) => void; reject: (error: Error) => void }>();
  private readonly queue: RenderRequest[] = [];
  private nextId = 0;
  private nextSession = 0;
  private failure: Error | undefined;

  constructor(count: number, spawn: () => RenderChannel = spawnWorkerChannel) {
    this.channels = Array.from({ length: count }, spawn);
    this.load = this.channels.map(() => 0);
    this.channels.forEach((channel, index) => {
      channel.onReply((reply) => this.settle(index, reply));
      channel.onFailure((error) => this.failAll(error));
    });
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Lets the process exit while no build is waiting on the workers. */
  hold(active: boolean): void {
    this.channels.forEach((channel) => channel.hold(active));
  }

  open(options: PageRendererOptions): RenderSession {
    const session = this.nextSession++;
    this.channels.forEach((channel) => channel.send({ type: 'open', session, options }));
    return {
      render: (page) =>
        new Promise<RenderedPage>((resolve, reject) => {
          if (this.failure) {
            reject(this.failure);
            return;
          }
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.queue.push({ type: 'render', session, id, page });
          this.dispatch();
        }),
      close: async () => {
        if (!this.failure) this.channels.forEach((channel) => channel.send({ type: 'close', session }));
      },
    };
  }

  async close(): Promise<void> {
    this.failAll(new Error('the render workers are closed'));
    await Promise.all(this.channels.map((channel) => channel.close()));
  }

  private dispatch(): void {
    for (let index = 0; index < this.channels.length && this.queue.length > 0; index += 1) {
      while ((this.load[index] as number) < inFlightPerChannel && this.queue.length > 0) {
        this.load[index] = (this.load[index] as number) + 1;
        (this.channels[index] as RenderChannel).send(this.queue.shift() as RenderRequest);
      }
    }
  }

  private settle(index: number, reply: RenderReply): void {
    const task = this.pending.get(reply.id);
    if (!task) return;
    this.pending.delete(reply.id);
    this.load[index] = (this.load[index] as number) - 1;
    if ('error' in reply) task.reject(new Error(`rendering failed: ${reply.error}`));
    else task.resolve(reply.result);
    this.dispatch();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const task of this.pending.values()) task.reject(error);
    this.pending.clear();
    this.queue.length = 0;
  }
}

const idleShutdownMs = 60_000;
let shared: { workers: RenderWorkers; count: number; sessions: number; idleTimer?: NodeJS.Timeout } | undefined;

/**
 * Opens a render session for one build: in this thread when `workers` is 0, otherwise on the
 * process-wide worker set (started on first use, stopped after a minute without builds).
 */
export async function openRenderSession(options: PageRendererOptions, workers: number): Promise<RenderSession> {
  if (workers <= 0) {
    const render = await createPageRenderer(options);
    return { render, close: async () => undefined };
  }
  if (!shared || shared.workers.failed || shared.count !== workers) {
    const previous = shared;
    shared = { workers: new RenderWorkers(workers), count: workers, sessions: 0 };
    if (previous && previous.sessions === 0) await previous.workers.close();
  }
  const current = shared;
  clearTimeout(current.idleTimer);
  current.sessions += 1;
  current.workers.hold(true);
  const session = current.workers.open(options);
  return {
    render: session.render,
    close: async () => {
      await session.close();
      current.sessions -= 1;
      if (current.sessions === 0) {
        current.workers.hold(false);
        current.idleTimer = setTimeout(() => {
          if (shared === current) shared = undefined;
          void current.workers.close();
        }, idleShutdownMs);
        current.idleTimer.unref();
      }
    },
  };
}
