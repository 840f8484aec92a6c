import { join } from 'node:path';
import type { NotedRow } from './report.js';
import type { Variant } from './variants.js';

export type Mode = 'full' | 'smoke';

export interface Settings {
  http: {
    connections: number;
    rounds: number;
    /** Seconds of traffic per run (calibrated into a request count during the warmup). */
    seconds: number;
    /** Warmup requests for the Ed25519 workload and for the cheaper HMAC one. */
    warmupEd25519: number;
    warmupHmac: number;
    minAmount: number;
    maxAmount: number;
  };
  latency: { connections: number; rate: number; seconds: number; warmupSeconds: number; rounds: number };
  batch: {
    reportsPerBody: number;
    rounds: number;
    bodiesPerRound: number;
    steadyRounds: number;
    steadyBodiesPerRound: number;
    steadySecondsPerRound: number;
  };
  memory: { entries: number };
  crypto: { rounds: number; millisPerRun: number };
}

export const SETTINGS: Record<Mode, Settings> = {
  full: {
    http: {
      connections: 10,
      rounds: 6,
      seconds: 2,
      warmupEd25519: 1_500,
      warmupHmac: 3_000,
      minAmount: 300,
      maxAmount: 60_000,
    },
    latency: { connections: 10, rate: 500, seconds: 4, warmupSeconds: 1, rounds: 2 },
    batch: {
      reportsPerBody: 100,
      rounds: 6,
      bodiesPerRound: 250,
      steadyRounds: 4,
      steadyBodiesPerRound: 40,
      steadySecondsPerRound: 3,
    },
    memory: { entries: 1_000_000 },
    crypto: { rounds: 3, millisPerRun: 300 },
  },
  // Proves the suite works end to end (CI): tiny durations, numbers not meaningful, no targets enforced.
  smoke: {
    http: {
      connections: 4,
      rounds: 1,
      seconds: 0.2,
      warmupEd25519: 50,
      warmupHmac: 100,
      minAmount: 50,
      maxAmount: 400,
    },
    latency: { connections: 4, rate: 100, seconds: 1, warmupSeconds: 0.5, rounds: 1 },
    batch: {
      reportsPerBody: 100,
      rounds: 1,
      bodiesPerRound: 5,
      steadyRounds: 1,
      steadyBodiesPerRound: 1,
      steadySecondsPerRound: 1,
    },
    memory: { entries: 10_000 },
    crypto: { rounds: 1, millisPerRun: 20 },
  },
};

export interface BenchContext {
  mode: Mode;
  settings: Settings;
  /** The library under test, compiled to JavaScript (see lib/build.ts). */
  root: string;
  /** Experimental copies measured beside it (`--variant`). */
  variants: readonly Variant[];
  /** Where servers write `--cpu-prof` profiles (`--profile`), if anywhere. */
  profileDir: string | undefined;
  log(line: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  run(context: BenchContext): Promise<NotedRow[]>;
}

/**
 * Node flags for a candidate process when profiling is on: one directory per process, because each
 * thread (the main one, tsx's loader worker) writes its own `CPU.<date>.<pid>.<thread>.cpuprofile`;
 * the main thread's is the one ending in `.0.001.cpuprofile`.
 */
export function profileArgs(context: BenchContext, label: string): string[] {
  if (context.profileDir === undefined) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${join(context.profileDir, label)}`];
}
