import { join } from 'node:path';
import { REPO_ROOT, type RpcChild, startChild } from './rpc.js';
import type { LoadgenApi, RunResult, ServerApi, ServerInfo, ServerSpec } from './specs.js';
import { median } from './stats.js';
import type { WorkloadName } from './workloads.js';

const SERVER_CHILD = join(REPO_ROOT, 'bench/lib/server-child.ts');
const LOADGEN_CHILD = join(REPO_ROOT, 'bench/lib/loadgen-child.ts');

export interface Contender {
  label: string;
  spec: ServerSpec;
  /** Extra node flags for this server (`--cpu-prof`, …). */
  nodeArgs?: readonly string[];
}

export interface CompareOptions {
  /** The scenario id (names profile directories). */
  id: string;
  /** When set, every contender runs with --cpu-prof into `<profileDir>/<id>-<label>/`. */
  profileDir: string | undefined;
  workload: WorkloadName;
  /** The first one is the baseline; the others are compared with it. */
  contenders: readonly Contender[];
  connections: number;
  rounds: number;
  log: (line: string) => void;
  /** Throughput runs: each run sends about `seconds` worth of requests (calibrated in the warmup). */
  throughput?: { seconds: number; warmupRequests: number; minAmount: number; maxAmount: number };
  /** Latency runs: a fixed overall rate for a fixed duration. */
  latency?: { rate: number; seconds: number; warmupSeconds: number };
}

export interface ContenderRuns {
  label: string;
  rps: number[];
  /** Server CPU time per request, µs (user + system of the server process). */
  cpuUsPerRequest: number[];
  p50: number[];
  p99: number[];
  /** Anything that makes the numbers suspect: non-2xx answers, errors, duplicates, a wrapped pool. */
  problems: string[];
}

type Server = RpcChild<ServerApi, ServerInfo>;

/**
 * Runs the contenders against the same requests, alternating their order every round (ABBA…) so
 * drifting machine noise affects all of them equally. Servers stay up for the whole comparison.
 */
export async function compareHttp(options: CompareOptions): Promise<ContenderRuns[]> {
  const { log } = options;
  const servers: Server[] = [];
  let loadgen: RpcChild<LoadgenApi, undefined> | undefined;
  try {
    servers.push(
      ...(await Promise.all(
        options.contenders.map((contender) =>
          startChild<ServerApi, ServerInfo>(SERVER_CHILD, {
            nodeArgs: [
              ...(contender.nodeArgs ?? []),
              ...(options.profileDir === undefined
                ? []
                : [
                    '--cpu-prof',
                    `--cpu-prof-dir=${join(options.profileDir, `${options.id}-${contender.label}`)}`,
                  ]),
            ],
            env: { BENCH_SERVER: JSON.stringify(contender.spec) },
          }),
        ),
      )),
    );
    loadgen = await startChild<LoadgenApi>(LOADGEN_CHILD);
    const results: ContenderRuns[] = options.contenders.map((contender) => ({
      label: contender.label,
      rps: [],
      cpuUsPerRequest: [],
      p50: [],
      p99: [],
      problems: [],
    }));

    const measure = async (index: number, run: Omit<Parameters<LoadgenApi['run']>[0], 'port'>) => {
      const server = servers[index]!;
      const before = await server.call('stats', null);
      const result = await loadgen!.call('run', { ...run, port: server.info.port });
      const after = await server.call('stats', null);
      return { result, handled: after.handled - before.handled, cpuUs: after.cpuUs - before.cpuUs };
    };

    // Warmup (JIT, connection pools, caches), which also calibrates how many requests make a run.
    const amounts: number[] = [];
    for (const [index, contender] of options.contenders.entries()) {
      if (options.throughput !== undefined) {
        const { warmupRequests, seconds, minAmount, maxAmount } = options.throughput;
        const { result } = await measure(index, {
          workload: options.workload,
          poolKey: 'warmup',
          poolSize: warmupRequests + options.connections * 2 + 16,
          connections: options.connections,
          amount: warmupRequests,
        });
        const amount = Math.round(Math.min(maxAmount, Math.max(minAmount, result.rps * seconds)));
        amounts.push(amount);
        log(`  warmup ${contender.label}: ${fmt(result.rps)} req/s → ${amount} requests per run`);
      } else if (options.latency !== undefined) {
        const { rate, warmupSeconds } = options.latency;
        await measure(index, {
          workload: options.workload,
          poolKey: 'warmup',
          poolSize: Math.ceil(rate * warmupSeconds * 1.3) + 64,
          connections: options.connections,
          duration: warmupSeconds,
          rate,
        });
        log(`  warmup ${contender.label}: ${warmupSeconds} s at ${rate} req/s`);
      }
    }

    for (let round = 0; round < options.rounds; round++) {
      const order = options.contenders.map((_, index) => index);
      if (round % 2 === 1) order.reverse();
      const poolSize =
        options.latency === undefined
          ? Math.max(...amounts) + options.connections * 2 + 16
          : Math.ceil(options.latency.rate * options.latency.seconds * 1.3) + 64;
      const line: string[] = [];
      for (const index of order) {
        const { result, handled, cpuUs } = await measure(index, {
          workload: options.workload,
          poolKey: `round-${round}`,
          poolSize,
          connections: options.connections,
          ...(options.latency === undefined
            ? { amount: amounts[index] ?? 1 }
            : { duration: options.latency.seconds, rate: options.latency.rate }),
        });
        const entry = results[index]!;
        entry.rps.push(result.rps);
        if (options.throughput !== undefined) {
          // Re-calibrate from the rounds so far: warmup rates understate a warmed-up server.
          const { seconds, minAmount, maxAmount } = options.throughput;
          amounts[index] = Math.round(Math.min(maxAmount, Math.max(minAmount, median(entry.rps) * seconds)));
        }
        entry.cpuUsPerRequest.push(cpuUs / Math.max(1, result.completed));
        entry.p50.push(result.p50);
        entry.p99.push(result.p99);
        entry.problems.push(...problemsOf(result, handled));
        line.push(
          options.latency === undefined
            ? `${entry.label} ${fmt(result.rps)} req/s`
            : `${entry.label} p50 ${result.p50.toFixed(2)} ms p99 ${result.p99.toFixed(2)} ms`,
        );
      }
      log(`  round ${round + 1}/${options.rounds}: ${line.join(' | ')}`);
      await loadgen.call('dropPools', null);
    }
    for (const entry of results) {
      entry.problems = [...new Set(entry.problems)];
      for (const problem of entry.problems) log(`  ! ${entry.label}: ${problem}`);
    }
    return results;
  } finally {
    await Promise.all([...servers.map((server) => server.close()), loadgen?.close()]);
  }
}

function problemsOf(result: RunResult, handled: number): string[] {
  const problems: string[] = [];
  const ok = result.completed - result.non2xx;
  if (result.non2xx > 0) problems.push(`non-2xx answers: ${JSON.stringify(result.statusCodes)}`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (result.statusCodes.poolWrapped === 1) problems.push('request pool wrapped (duplicates were sent)');
  // One event per request: fewer handler calls than 2xx answers means duplicates were acknowledged.
  if (handled < ok) problems.push(`handled ${handled} events for ${ok} accepted requests`);
  return problems;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}
