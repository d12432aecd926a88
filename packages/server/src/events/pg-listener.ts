import { toError } from '@portico/model';
import pg from 'pg';
import type { Logger } from 'pino';

export interface PgListenerOptions {
  /** Connection settings: the same as the kernel's pool. */
  clientConfig: pg.ClientConfig;
  channel: string;
  logger: Logger;
  onMessage(text: string): void;
}

const firstRetryMs = 250;
const maxRetryMs = 10_000;

/**
 * A dedicated connection that LISTENs on one channel. A pooled connection would be handed to
 * queries between uses and lose the LISTEN, so this one lives on its own and reconnects (with
 * backoff) when the database drops it. Messages sent while it is away are lost: NOTIFY is not
 * durable, and events are notifications, not a queue.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private attempts = 0;
  private stopped = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** Connects and listens; rejects when the first connection fails. */
  async start(): Promise<void> {
    if (this.client) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // TCP keepalive: an idle LISTEN connection must notice a peer that vanished without closing it.
    const client = new pg.Client({ ...this.options.clientConfig, keepAlive: true, keepAliveInitialDelayMillis: 30_000 });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined) this.options.onMessage(message.payload);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private dropped(client: pg.Client, error: Error | undefined): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.options.logger.warn({ err: error }, 'Lost the connection that listens for events from other replicas; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delayMs = Math.min(firstRetryMs * 2 ** this.attempts, maxRetryMs);
    this.retry = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.stopped) return;
          this.attempts = 0;
          this.options.logger.info('Listening for events from other replicas again');
        },
        (error: unknown) => {
          if (this.stopped) return;
          this.attempts += 1;
          this.options.logger.warn({ err: toError(error) }, 'Could not reconnect to listen for events; retrying');
          this.scheduleReconnect();
        },
      );
    }, delayMs);
    this.retry.unref();
  }
}
