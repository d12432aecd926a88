import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createPageRenderer, type PageInput, type PageRenderer, type PageRendererOptions } from './markdown/render-page.js';
import { openRenderSession, type RenderChannel, RenderWorkers, workerThreadsAvailable } from './render-pool.js';
import { type RenderReply, serveRenderRequests } from './render-service.js';

const siteA: PageRendererOptions = {
  site: { pagePathBySource: new Map([['a.md', 'a/']]), pagePaths: new Set(['a/']), assets: new Set() },
  baseUrl: '/docs/site-a/',
};
const siteB: PageRendererOptions = { ...siteA, baseUrl: '/docs/site-b/' };

/**
 * A worker stand-in that crosses a real message channel (structured clone both ways) and runs the
 * same service code as the worker thread; `create` can be swapped to inject a failure.
 */
function channelSpawner(spawned: string[], create?: (options: PageRendererOptions) => Promise<PageRenderer>) {
  return (): RenderChannel => {
    spawned.push(`channel-${spawned.length}`);
    const { port1, port2 } = new MessageChannel();
    serveRenderRequests(port2, create);
    return {
      send: (request) => port1.postMessage(request),
      onReply: (listener) => port1.on('message', (reply: RenderReply) => listener(reply)),
      onFailure: () => undefined,
      hold: () => undefined,
      close: async () => {
        port1.close();
        port2.close();
      },
    };
  };
}

const page = (index: number): PageInput => ({ markdown: `# Page ${index}\n\n[a](a.md)`, sourcePath: `p${index}.md`, file: `docs/p${index}.md` });

describe('RenderWorkers', () => {
  it('renders across several workers and returns each page its own result', async () => {
    const spawned: string[] = [];
    const workers = new RenderWorkers(3, channelSpawner(spawned));
    const session = workers.open(siteA);
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => session.render(page(index))));
    await workers.close();
    expect(spawned).toEqual(['channel-0', 'channel-1', 'channel-2']);
    results.forEach((result, index) => {
      expect(result.title).toBe(`Page ${index}`);
      expect(result.html).toContain('<a href="/docs/site-a/a/">a</a>');
    });
  });

  it('serves two builds of different sites at once, each with its own links', async () => {
    const workers = new RenderWorkers(2, channelSpawner([]));
    const [a, b] = [workers.open(siteA), workers.open(siteB)];
    const [fromA, fromB] = await Promise.all([a.render(page(1)), b.render(page(1))]);
    expect(fromA.html).toContain('/docs/site-a/a/');
    expect(fromB.html).toContain('/docs/site-b/a/');
    await a.close();
    await expect(a.render(page(2))).rejects.toThrow('rendering failed: Error: no open render session 0');
    expect((await b.render(page(2))).title).toBe('Page 2');
    await workers.close();
  });

  it('gives the same output as rendering in this thread', async () => {
    const local = await openRenderSession(siteA, 0);
    const workers = new RenderWorkers(2, channelSpawner([]));
    const input = { markdown: '!!! note\n    x\n\n```ts\nlet a = 1;\n```\n\n## H', sourcePath: 'a.md', file: 'docs/a.md' };
    expect(await workers.open(siteA).render(input)).toEqual(await local.render(input));
    await Promise.all([local.close(), workers.close()]);
  });

  it("rejects a page whose rendering failed with the worker's error", async () => {
    const workers = new RenderWorkers(1, channelSpawner([], async () => () => Promise.reject(new Error('grammar exploded'))));
    await expect(workers.open(siteA).render(page(1))).rejects.toThrow(/rendering failed: Error: grammar exploded/);
    await workers.close();
  });

  it('refuses work after it is closed', async () => {
    const workers = new RenderWorkers(1, channelSpawner([]));
    const session = workers.open(siteA);
    await workers.close();
    await expect(session.render(page(1))).rejects.toThrow('the render workers are closed');
    expect(workers.failed).toBe(true);
  });

  it('keeps rendering in this thread when run from TypeScript sources', async () => {
    expect(workerThreadsAvailable()).toBe(false);
    expect((await (await createPageRenderer(siteA))(page(3))).title).toBe('Page 3');
  });
});
