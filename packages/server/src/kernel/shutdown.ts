import type { Logger } from 'pino';

interface Stoppable {
  stop(): Promise<void>;
}

interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * Stops the kernel gracefully on the first SIGTERM or SIGINT; a second signal while stopping
 * exits at once (someone pressing Ctrl+C twice means it).
 */
export function stopOnSignals(
  kernel: Stoppable,
  logger: Logger,
  exit: (code: number) => void,
  source: SignalSource = process,
): void {
  let stopping = false;
  const handle = (signal: 'SIGTERM' | 'SIGINT') => () => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${signal}: finishing running work, then stopping`);
    kernel.stop().then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  source.on('SIGTERM', handle('SIGTERM'));
  source.on('SIGINT', handle('SIGINT'));
}
