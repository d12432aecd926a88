import pino, { type Logger } from 'pino';

export interface LogRecord {
  level: number;
  msg: string;
  taskId?: string;
  taskIds?: string[];
  err?: { message: string; type: string };
  topic?: string;
  plugin?: string;
}

/** A real pino logger whose records the test can read (in `records`, a new array unless given). */
export function captureLogs(records: LogRecord[] = []): { logger: Logger; records: LogRecord[] } {
  const logger = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line) as LogRecord) });
  return { logger, records };
}

export const levels = { debug: 20, info: 30, warn: 40, error: 50 } as const;
