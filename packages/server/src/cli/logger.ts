import pino, { type Logger } from 'pino';

/** JSON logs for machines; readable lines when a person watches a terminal. */
export function createLogger(options: { pretty: boolean; level?: string }): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  if (!options.pretty) return pino({ level, base: { service: 'portico' } });
  return pino({
    level,
    transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } },
  });
}
