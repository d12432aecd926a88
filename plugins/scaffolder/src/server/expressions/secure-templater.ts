import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ivm from 'isolated-vm';
import { InputError, type JsonObject, type JsonValue } from '@portico/model';
import { BUILTIN_FILTERS_SOURCE } from './builtin-filters-source.js';
import { assertExtensionName, type TemplateExtensions, type TemplateFunction } from './extensions.js';
import { ISOLATE_RUNTIME_SOURCE } from './isolate-runtime.js';

/** How a host's repo URLs are shaped, for `parseRepoUrl` (which query parameters it needs). */
export type RepoHostType =
  | 'github'
  | 'gitlab'
  | 'gitea'
  | 'git'
  | 'bitbucketCloud'
  | 'bitbucketServer'
  | 'azure'
  | 'gerrit';

export interface TemplaterOptions extends TemplateExtensions {
  /** Heap limit of the isolate. Default 64 MB. */
  memoryLimitMb?: number;
  /** Time limit of one evaluation. Default 1000 ms. */
  timeoutMs?: number;
  /** Longest string one evaluation may produce. Default 10 million characters. */
  maxOutputLength?: number;
  /** Host → type, so `parseRepoUrl` knows e.g. that Bitbucket Cloud needs `workspace`. */
  repoUrlHosts?: Record<string, RepoHostType>;
}

export interface RenderOptions {
  /** `backstage`: `${{ }}` tags (default). `cookiecutter`: `{{ }}` tags and a `jsonify` filter. */
  syntax?: 'backstage' | 'cookiecutter';
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

type IsolateFunctionConfig =
  | { name: string; kind: 'source'; source: string }
  | { name: string; kind: 'host'; index: number };
type IsolateGlobalConfig = IsolateFunctionConfig | { name: string; kind: 'value'; value: JsonValue };

interface LiveIsolate {
  isolate: ivm.Isolate;
  context: ivm.Context;
  evaluate: ivm.Reference<(requestJson: string) => string>;
}

const require = createRequire(import.meta.url);
let nunjucksSource: string | undefined;
let nunjucksCode: ivm.ExternalCopy<ArrayBuffer> | undefined;

function loadNunjucksSource(): string {
  nunjucksSource ??= readFileSync(require.resolve('nunjucks/browser/nunjucks.min.js'), 'utf8');
  return nunjucksSource;
}

/**
 * Evaluates `${{ }}` expressions with nunjucks inside an isolated-vm isolate. One templater
 * belongs to one task (or one fetch:template run): the isolate, the nunjucks environments and
 * the compiled templates are reused across its evaluations, and thrown away with it, so nothing
 * a template does inside the isolate reaches another task.
 *
 * Data goes in as a JSON string and comes out as a JSON string; no host object is ever visible
 * inside the isolate.
 */
export class SecureTemplater {
  readonly #options: Required<Pick<TemplaterOptions, 'memoryLimitMb' | 'timeoutMs' | 'maxOutputLength'>>;
  readonly #setupJson: string;
  readonly #hostFunctions: TemplateFunction[] = [];
  #live: LiveIsolate | undefined;
  #disposed = false;

  constructor(options: TemplaterOptions = {}) {
    this.#options = {
      memoryLimitMb: options.memoryLimitMb ?? 64,
      timeoutMs: options.timeoutMs ?? 1000,
      maxOutputLength: options.maxOutputLength ?? 10_000_000,
    };
    const filters: IsolateFunctionConfig[] = Object.entries(options.filters ?? {}).map(([name, fn]) => {
      assertExtensionName(name, 'filter');
      return this.#functionConfig(name, fn);
    });
    const globals: IsolateGlobalConfig[] = Object.entries(options.globals ?? {}).map(([name, entry]) => {
      assertExtensionName(name, 'global');
      return 'value' in entry ? { name, kind: 'value', value: entry.value } : this.#functionConfig(name, entry);
    });
    this.#setupJson = JSON.stringify({
      filters,
      globals,
      repoUrlHosts: options.repoUrlHosts ?? {},
      maxOutputLength: this.#options.maxOutputLength,
    });
  }

  #functionConfig(name: string, fn: TemplateFunction): IsolateFunctionConfig {
    if ('source' in fn) return { name, kind: 'source', source: fn.source };
    this.#hostFunctions.push(fn);
    return { name, kind: 'host', index: this.#hostFunctions.length - 1 };
  }

  /**
   * Evaluates a template value the way Backstage does: strings are rendered; a string that is
   * exactly one `${{ expr }}` yields the expression's raw value (object, list, number, boolean);
   * objects and lists are evaluated member by member. Undefined results drop the key.
   */
  evaluate(value: JsonValue, data: JsonObject): JsonValue | undefined {
    return this.#run(value, data, { syntax: 'backstage', raw: true });
  }

  /** Renders a string as text, e.g. a skeleton file. */
  renderString(template: string, data: JsonObject, options: RenderOptions = {}): string {
    const out = this.#run(template, data, {
      syntax: options.syntax ?? 'backstage',
      trimBlocks: options.trimBlocks ?? false,
      lstripBlocks: options.lstripBlocks ?? false,
      raw: false,
    });
    return typeof out === 'string' ? out : '';
  }

  /** Frees the isolate. The templater can't be used afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#release();
  }

  #run(value: JsonValue, data: JsonObject, options: RenderOptions & { raw: boolean }): JsonValue | undefined {
    if (this.#disposed) throw new Error('This templater was disposed');
    const live = this.#ensureIsolate();
    const request = JSON.stringify({ value, data, options });
    let resultJson: string;
    try {
      resultJson = live.evaluate.applySync(undefined, [request], {
        timeout: this.#options.timeoutMs,
        result: { copy: true },
      });
    } catch (error) {
      throw this.#explain(error, value);
    }
    const parsed = JSON.parse(resultJson) as { value?: JsonValue };
    return parsed.value;
  }

  #explain(error: unknown, value: JsonValue): Error {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    const where = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
    const message = error instanceof Error ? error.message : String(error);
    if (this.#live?.isolate.isDisposed) {
      this.#live = undefined;
      return new InputError(
        `Template expression used more than ${this.#options.memoryLimitMb} MB of memory and was stopped, in: ${where}`,
        { cause: error },
      );
    }
    if (/execution timed out/i.test(message)) {
      return new InputError(
        `Template expression ran longer than ${this.#options.timeoutMs} ms and was stopped, in: ${where}`,
        { cause: error },
      );
    }
    const cleaned = message.replace(/\(unknown path\)\s*/g, '').replace(/\s+/g, ' ').trim();
    return new InputError(`Template expression failed: ${cleaned}, in: ${where}`, { cause: error });
  }

  #ensureIsolate(): LiveIsolate {
    if (this.#live && !this.#live.isolate.isDisposed) return this.#live;
    const isolate = new ivm.Isolate({ memoryLimit: this.#options.memoryLimitMb });
    try {
      const context = isolate.createContextSync();
      const jail = context.global;
      jail.setSync('globalThis', jail.derefInto());
      const script = isolate.compileScriptSync(
        `${loadNunjucksSource()}\n;globalThis.nunjucks = nunjucks;`,
        nunjucksCode ? { cachedData: nunjucksCode } : { produceCachedData: true },
      );
      const produced = (script as ivm.Script & ivm.CachedDataResult).cachedData;
      if (!nunjucksCode && produced) nunjucksCode = produced;
      script.runSync(context);
      this.#hostFunctions.forEach((fn, index) => {
        if ('host' in fn) jail.setSync(`__portico_host_${index}`, hostCallback(fn.host));
      });
      context.evalSync(BUILTIN_FILTERS_SOURCE);
      context.evalSync(ISOLATE_RUNTIME_SOURCE);
      const setup = jail.getSync('__portico_setup', { reference: true }) as ivm.Reference<(json: string) => void>;
      setup.applySync(undefined, [this.#setupJson], { timeout: this.#options.timeoutMs });
      const evaluate = jail.getSync('__portico_evaluate', { reference: true }) as LiveIsolate['evaluate'];
      this.#live = { isolate, context, evaluate };
      return this.#live;
    } catch (error) {
      isolate.dispose();
      throw error;
    }
  }

  #release(): void {
    const live = this.#live;
    this.#live = undefined;
    if (live && !live.isolate.isDisposed) live.isolate.dispose();
  }
}

function hostCallback(fn: (...args: JsonValue[]) => JsonValue | undefined): ivm.Callback {
  return new ivm.Callback((argsJson: string): string | undefined => {
    const args = JSON.parse(argsJson) as JsonValue[];
    const result = fn(...args);
    return result === undefined ? undefined : JSON.stringify(result);
  });
}
