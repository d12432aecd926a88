import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonValue } from '@portico/model';
import { directoryToBaseUrl } from '../actions/template-source.js';
import type { AnyTemplateAction } from '../actions/types.js';
import { SecretRedactor } from '../logging/redactor.js';
import { createMemoryLogSink, createTaskLogger } from '../logging/task-logger.js';
import { executeAction } from '../runner/execute-action.js';

const created: string[] = [];

/** A new temporary folder, removed by {@link cleanupTempDirs}. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `portico-${prefix}-`));
  created.push(dir);
  return dir;
}

export async function cleanupTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes files (path → content) under a folder. */
export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Runs one action the way the step runner does, with a memory log. */
export async function runAction(
  action: AnyTemplateAction,
  input: JsonValue,
  options: { workspacePath: string; templateDir?: string; templateRef?: string; secrets?: Record<string, string>; signal?: AbortSignal; dryRun?: boolean },
) {
  const log = createMemoryLogSink();
  const outputs: Record<string, JsonValue> = {};
  const redactor = new SecretRedactor(Object.values(options.secrets ?? {}));
  await executeAction(action, input, {
    workspacePath: options.workspacePath,
    logger: createTaskLogger(log, redactor, 'test-step'),
    signal: options.signal ?? new AbortController().signal,
    isDryRun: options.dryRun ?? false,
    user: { ref: 'user:default/ada' },
    templateInfo: {
      ...(options.templateDir ? { baseUrl: directoryToBaseUrl(options.templateDir) } : {}),
      ...(options.templateRef ? { entityRef: options.templateRef } : {}),
    },
    secrets: options.secrets ?? {},
    stepId: 'test-step',
    onOutput: (name, value) => (outputs[name] = value),
  });
  return { outputs, log };
}
