import type { JsonObject } from '@portico/model';
import type { LogLevel, TaskLogEntry } from '../../common/types.js';
import type { SecretRedactor } from './redactor.js';

export type { LogLevel, TaskLogEntry };

/** Where a task's log goes (the task store, a test array, the dry-run response). */
export interface TaskLogSink {
  log(entry: TaskLogEntry): void;
}

/** What actions log through. Every message and meta value passes the task's redactor first. */
export interface ActionLogger {
  debug(message: string, meta?: JsonObject): void;
  info(message: string, meta?: JsonObject): void;
  warn(message: string, meta?: JsonObject): void;
  error(message: string, meta?: JsonObject): void;
}

/** A logger that redacts secrets and writes to the sink, tagged with the step id. */
export function createTaskLogger(sink: TaskLogSink, redactor: SecretRedactor, stepId?: string): ActionLogger {
  const write = (level: LogLevel) => (message: string, meta?: JsonObject) => {
    const entry: TaskLogEntry = { level, message: redactor.redact(String(message)), createdAt: new Date().toISOString() };
    if (stepId !== undefined) entry.stepId = stepId;
    if (meta !== undefined) entry.meta = redactor.redactValue(meta);
    sink.log(entry);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A sink that keeps entries in memory (tests, dry-run). */
export function createMemoryLogSink(): TaskLogSink & { entries: TaskLogEntry[]; text(): string } {
  const entries: TaskLogEntry[] = [];
  return {
    entries,
    log: (entry) => entries.push(entry),
    text: () => entries.map((entry) => `${entry.message}${entry.meta ? ` ${JSON.stringify(entry.meta)}` : ''}`).join('\n'),
  };
}
