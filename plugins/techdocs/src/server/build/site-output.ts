import { randomBytes } from 'node:crypto';
import { realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts a finished site in place of the old one with two renames, so a reader sees either the old
 * site or the new one, never a half-written folder (the gap between the renames is a moment in
 * which the folder is missing, not mixed).
 */
export async function replaceFolder(staging: string, target: string): Promise<void> {
  // Two builds of one site finishing together can collide between the renames; the later retries.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await swapIn(staging, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw error;
    }
  }
}

async function swapIn(staging: string, target: string): Promise<void> {
  const retired = `${target}.retired-${randomBytes(6).toString('hex')}`;
  let hadOld = true;
  try {
    await rename(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadOld) await rename(retired, target).catch(() => rm(retired, { recursive: true, force: true }));
    throw error;
  }
  if (hadOld) await rm(retired, { recursive: true, force: true });
}

/** The real path of a folder that may not exist yet: its nearest existing parent, resolved, plus the rest. */
export async function realpathOfMaybeMissing(target: string): Promise<string> {
  const missing: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(target);
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
