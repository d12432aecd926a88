import { createPageRenderer, type PageInput, type PageRenderer, type PageRendererOptions, type RenderedPage } from './markdown/render-page.js';

/** Messages to a render worker. A worker serves several builds; each opens a session with its site. */
export type RenderRequest =
  | { type: 'open'; session: number; options: PageRendererOptions }
  | { type: 'render'; session: number; id: number; page: PageInput }
  | { type: 'close'; session: number };

export type RenderReply = { id: number; result: RenderedPage } | { id: number; error: string };

/** The side of a message port or worker that the render service needs. */
export interface RenderPort {
  on(event: 'message', listener: (message: RenderRequest) => void): unknown;
  postMessage(message: RenderReply): void;
}

/**
 * Answers render requests arriving on `port`; runs inside a worker thread (or a test's channel).
 * The pipeline (and its warmed-up JIT and highlighter) outlives builds; only the site index is per build.
 */
export function serveRenderRequests(port: RenderPort, create: (options: PageRendererOptions) => Promise<PageRenderer> = createPageRenderer): void {
  const sessions = new Map<number, Promise<PageRenderer>>();
  port.on('message', (message) => {
    if (message.type === 'open') {
      sessions.set(message.session, create(message.options));
    } else if (message.type === 'close') {
      sessions.delete(message.session);
    } else {
      const { id, session } = message;
      const renderer = sessions.get(session) ?? Promise.reject(new Error(`no open render session ${session}`));
      renderer
        .then((render) => render(message.page))
        .then(
          (result) => port.postMessage({ id, result }),
          (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
        );
    }
  });
}
