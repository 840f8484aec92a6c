import type { WorkloadName } from './workloads.js';

/** Which server a child process runs. `rcs-*` servers load the library from `root` (a variant copy or the repo). */
export type ServerKind =
  | 'express-hand-ed25519'
  | 'express-rcs-ed25519'
  | 'express-hand-hmac'
  | 'express-rcs-hmac'
  | 'node-octokit-hmac'
  | 'node-rcs-hmac'
  /** Every provider configured (bench/lib/preauth-attacks.ts), for the pre-authentication CPU row. */
  | 'node-rcs-preauth';

export type StoreKind = 'memory' | 'redis' | 'postgres';

export interface ServerSpec {
  kind: ServerKind;
  /** Library root for the rcs servers (the repository, or an experimental copy). */
  root: string;
  store?: StoreKind;
}

/** Server-side counters, read between runs. */
export interface ServerStats {
  /** Handler invocations (one per accepted event). */
  handled: number;
  /** Process CPU time, µs. */
  cpuUs: number;
  heapUsed: number;
  rss: number;
}

export interface ServerApi {
  stats(params: null): Promise<ServerStats>;
  /** A full garbage collection when the server runs with `--expose-gc` (else nothing). */
  collect(params: null): Promise<null>;
}

export interface ServerInfo {
  port: number;
}

export interface RunParams {
  port: number;
  workload: WorkloadName;
  /** Requests of this pool are built once and reused by every contender of a round. */
  poolKey: string;
  poolSize: number;
  connections: number;
  /** Fixed number of requests (throughput runs), … */
  amount?: number;
  /** … or a duration in seconds at a fixed overall rate (latency runs). */
  duration?: number;
  rate?: number;
}

export interface RunResult {
  completed: number;
  elapsedMs: number;
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Exact latency percentiles (ms) from every 2xx response, not autocannon's integer histogram. */
  p50: number;
  p99: number;
}

export interface LoadgenApi {
  run(params: RunParams): Promise<RunResult>;
  dropPools(params: null): Promise<null>;
}
