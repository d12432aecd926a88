/** Command-line options of `npm run bench -- catalog ...`. */

export type DatabaseMode = 'memory' | 'file' | 'pg';
export type PeerMode = 'results' | 'run' | 'none';

export interface CatalogBenchOptions {
  command: 'catalog';
  entities: number;
  db: DatabaseMode;
  peer: PeerMode;
  iterations: number;
  warmup: number;
  loadSeconds: number;
  connections: number;
  ingestTimeoutSeconds: number;
  maxQuerySeconds: number;
  pollMs: number;
  maxPollMs: number;
  /** Portico's port; not 7007, so a portal or the peer left running there cannot be measured by mistake. */
  port: number;
  /** Extra Portico config files merged after the peer's app-config.yaml. */
  overlays: string[];
  /** An existing gen-catalog.mjs output; default $PEER_WORK/cat-N, the peer's own convention. */
  catalogDir: string | null;
  /** Skip `npm run build:server` before starting (the dist must then be current). */
  build: boolean;
  keepRunning: boolean;
}

export class UsageError extends Error {}

export const usage = `Usage: npm run bench -- catalog [options]

  --entities N            catalog size (alias --n; default 1000, at least 20)
  --db memory|file|pg     in-memory SQLite (default, as the peer), a SQLite file, or a fresh
                          PostgreSQL database on 127.0.0.1:5432 (PORTICO_BENCH_PG_URL to change)
  --peer results|run|none Backstage numbers: read ../shared/peer-backstage/results.jsonl
                          (default), run the peer harness after Portico on the same files, or skip
  --iterations 200        sequential requests per query (after --warmup 10)
  --max-query-seconds 60  stop a query's sequential runs earlier than --iterations after this long
  --load-seconds 10       autocannon duration per load row
  --connections 10        autocannon connections
  --ingest-timeout 1800   seconds to wait for "fully processed"
  --poll-ms 250 --max-poll-ms 5000   ingest poll interval clamps (as the peer)
  --port 7017             Portico's port
  --overlay FILE          extra Portico config merged last (repeatable)
  --catalog DIR           an existing gen-catalog.mjs output whose N equals --entities
  --no-build              do not run \`npm run build:server\` first
  --keep-running          leave Portico running after the run`;

const defaults: Omit<CatalogBenchOptions, 'command'> = {
  entities: 1000,
  db: 'memory',
  peer: 'results',
  iterations: 200,
  warmup: 10,
  loadSeconds: 10,
  connections: 10,
  ingestTimeoutSeconds: 1800,
  maxQuerySeconds: 60,
  pollMs: 250,
  maxPollMs: 5000,
  port: 7017,
  overlays: [],
  catalogDir: null,
  build: true,
  keepRunning: false,
};

const numberOptions = {
  '--entities': 'entities',
  '--n': 'entities',
  '--iterations': 'iterations',
  '--warmup': 'warmup',
  '--load-seconds': 'loadSeconds',
  '--connections': 'connections',
  '--ingest-timeout': 'ingestTimeoutSeconds',
  '--max-query-seconds': 'maxQuerySeconds',
  '--poll-ms': 'pollMs',
  '--max-poll-ms': 'maxPollMs',
  '--port': 'port',
} as const satisfies Record<string, keyof CatalogBenchOptions>;

export function parseBenchArgs(argv: readonly string[]): CatalogBenchOptions {
  const [command, ...rest] = argv;
  if (command !== 'catalog') {
    throw new UsageError(command ? `Unknown benchmark '${command}'; the one there is: catalog\n\n${usage}` : usage);
  }
  const options: CatalogBenchOptions = { command, ...defaults, overlays: [] };
  for (let index = 0; index < rest.length; index++) {
    const [flag, inlineValue] = splitFlag(rest[index] as string);
    const value = (): string => {
      const next = inlineValue ?? rest[++index];
      if (next === undefined || (inlineValue === undefined && next.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value`);
      }
      return next;
    };
    if (flag in numberOptions) {
      const key = numberOptions[flag as keyof typeof numberOptions];
      options[key] = positiveInteger(flag, value());
    } else if (flag === '--db') {
      options.db = oneOf(flag, value(), ['memory', 'file', 'pg'] as const);
    } else if (flag === '--peer') {
      options.peer = oneOf(flag, value(), ['results', 'run', 'none'] as const);
    } else if (flag === '--overlay') {
      options.overlays.push(value());
    } else if (flag === '--catalog') {
      options.catalogDir = value();
    } else if (flag === '--no-build') {
      options.build = false;
    } else if (flag === '--keep-running') {
      options.keepRunning = true;
    } else {
      throw new UsageError(`Unknown option ${flag}\n\n${usage}`);
    }
  }
  if (options.entities < 20) throw new UsageError('--entities must be at least 20 (the generator needs one of each kind)');
  if (options.port > 65535) throw new UsageError('--port must be at most 65535');
  if (options.pollMs > options.maxPollMs) throw new UsageError('--poll-ms must not exceed --max-poll-ms');
  if (options.keepRunning && options.peer === 'run') {
    throw new UsageError('--keep-running cannot go with --peer run: the peer must have the machine to itself');
  }
  if (options.port === 7007 && options.peer === 'run') {
    throw new UsageError('--port 7007 is the peer harness\'s port; choose another for Portico with --peer run');
  }
  return options;
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 2 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

function positiveInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${flag} must be a positive whole number, not '${raw}'`);
  return value;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${raw}'`);
}
