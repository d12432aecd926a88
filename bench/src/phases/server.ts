/** The server a phase measures: anything that answers the catalog REST API on `baseUrl`. */
export interface ServerUnderTest {
  /** e.g. http://127.0.0.1:7017 (the catalog API is under /api/catalog). */
  baseUrl: string;
  /** For /proc memory and CPU; the bench's own pid when the server runs in-process (tests). */
  pid: number;
  /** Milliseconds since the server process was spawned. */
  sinceSpawnMs(): number;
  /** Why the server stopped, or null while it runs. */
  exitReason(): string | null;
}

/** Writes one JSON line of results (the peer harness's format). */
export type Emit = (type: string, data: Record<string, unknown>) => void;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
