import os from 'node:os';
import path from 'node:path';

/** The SQLite file the query measurements read (PERF_DB), seeded by seed.perf.ts. */
export const perfDatabaseFile = process.env.PERF_DB ?? path.join(os.tmpdir(), 'portico-query-perf', 'catalog.sqlite');
