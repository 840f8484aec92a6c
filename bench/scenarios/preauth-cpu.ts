import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { BenchContext, Scenario } from '../lib/context.js';
import {
  ATTACK_BODY_BYTES,
  ATTACKS,
  type Attack,
  type AttackRequest,
  BASELINE,
} from '../lib/preauth-attacks.js';
import type { NotedRow } from '../lib/report.js';
import { spread } from '../lib/rows.js';
import { REPO_ROOT, type RpcChild, startChild } from '../lib/rpc.js';
import type { ServerApi, ServerInfo } from '../lib/specs.js';
import { median, medianRatio } from '../lib/stats.js';

const SERVER_CHILD = join(REPO_ROOT, 'bench/lib/server-child.ts');
/** Issue 13 item A2: no unauthenticated request may cost more than this × the baseline. */
const BOUND = 5;

type Server = RpcChild<ServerApi, ServerInfo>;

interface Plan {
  /** Every body's size: the default maxBodyBytes (the largest body read) in full runs. */
  bodyBytes: number;
  rounds: number;
  /** Wall time one run aims at; the request count is calibrated from the warmup, within bounds. */
  seconds: number;
  minRequests: number;
  maxRequests: number;
}

const PLANS: Record<BenchContext['mode'], Plan> = {
  full: { bodyBytes: ATTACK_BODY_BYTES, rounds: 7, seconds: 0.6, minRequests: 4, maxRequests: 100 },
  // CI: proves every attack is built, sent and refused; smaller bodies, no calibration.
  smoke: { bodyBytes: 128 * 1024, rounds: 1, seconds: 0, minRequests: 2, maxRequests: 2 },
};

function send(agent: Agent, port: number, built: AttackRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: built.path,
        headers: { ...built.headers, 'content-length': String(built.body.length) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(built.body);
  });
}

interface Run {
  cpuUsPerRequest: number;
  wallMsPerRequest: number;
  statuses: number[];
}

/** `count` copies of one request, one at a time on a kept-alive connection; server CPU per request. */
async function run(
  server: Server,
  agent: Agent,
  attack: Attack,
  count: number,
  bodyBytes: number,
): Promise<Run> {
  const built = attack.build(bodyBytes);
  const statuses: number[] = [];
  // Each run starts from a collected heap, so no run pays for the garbage of the one before.
  await server.call('collect', null);
  const before = await server.call('stats', null);
  const started = performance.now();
  for (let index = 0; index < count; index++) statuses.push(await send(agent, server.info.port, built));
  const wallMs = performance.now() - started;
  const after = await server.call('stats', null);
  return {
    cpuUsPerRequest: (after.cpuUs - before.cpuUs) / count,
    wallMsPerRequest: wallMs / count,
    statuses,
  };
}

interface Measured {
  attack: Attack;
  value: number[];
  baseline: number[];
  statuses: Set<number>;
}

/**
 * (A2) The CPU an unauthenticated request costs before its 401: for each attack, runs of it and of the
 * baseline (an Infobip Basic-auth 401 with a body of the same size) back to back, order alternating
 * per round, against one server that has every provider configured. Server CPU only (the client
 * runs here, in the parent); a row per provider for its costliest attack.
 */
export const preauthCpu: Scenario = {
  id: 'preauth-cpu',
  title: `Server CPU of unauthenticated max-size requests vs an Infobip Basic 401 of the same size (bound ${BOUND}×)`,
  async run(context) {
    const plan = PLANS[context.mode];
    const server = await startChild<ServerApi, ServerInfo>(SERVER_CHILD, {
      nodeArgs: ['--expose-gc'],
      env: { BENCH_SERVER: JSON.stringify({ kind: 'node-rcs-preauth', root: context.root }) },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const counts = new Map<Attack, number>();
      // Warmup (JIT) and calibration: how many requests fill a run.
      for (const attack of [BASELINE, ...ATTACKS]) {
        let probe = await run(server, agent, attack, 2, plan.bodyBytes);
        // Calibrated on a second, warmed-up run (smoke runs have a fixed count: no calibration).
        if (plan.maxRequests > plan.minRequests) probe = await run(server, agent, attack, 2, plan.bodyBytes);
        const count = Math.round(plan.seconds / (probe.wallMsPerRequest / 1000));
        counts.set(attack, Math.min(plan.maxRequests, Math.max(plan.minRequests, count)));
      }
      const measured: Measured[] = [];
      for (const attack of ATTACKS) {
        const entry: Measured = { attack, value: [], baseline: [], statuses: new Set() };
        for (let round = 0; round < plan.rounds; round++) {
          const order = round % 2 === 0 ? [BASELINE, attack] : [attack, BASELINE];
          for (const which of order) {
            const count = counts.get(which) ?? plan.minRequests;
            const result = await run(server, agent, which, count, plan.bodyBytes);
            if (which === BASELINE) entry.baseline.push(result.cpuUsPerRequest);
            else {
              entry.value.push(result.cpuUsPerRequest);
              for (const status of result.statuses) entry.statuses.add(status);
            }
          }
        }
        const ratio = medianRatio(entry.value, entry.baseline);
        context.log(
          `  ${attack.provider.padEnd(8)} ${ratio.toFixed(2).padStart(7)}× ${ratio <= BOUND ? 'PASS' : 'MISS'}  ` +
            `${Math.round(median(entry.value))} vs ${Math.round(median(entry.baseline))} µs CPU/req  ` +
            `${attack.name} → ${[...entry.statuses].join(',')}`,
        );
        measured.push(entry);
      }
      return rowsPerProvider(measured, plan.bodyBytes);
    } finally {
      agent.destroy();
      await server.close();
    }
  },
};

/** One row per provider: its costliest attack. Any 2xx answer makes the row SUSPECT (a bench bug). */
function rowsPerProvider(measured: readonly Measured[], bodyBytes: number): NotedRow[] {
  const rows: NotedRow[] = [];
  for (const provider of [...new Set(measured.map((entry) => entry.attack.provider))]) {
    const entries = measured.filter((entry) => entry.attack.provider === provider);
    const ratios = entries.map((entry) => medianRatio(entry.value, entry.baseline));
    const worst = ratios.indexOf(Math.max(...ratios));
    const entry = entries[worst];
    if (entry === undefined) continue;
    const accepted = [...entry.statuses].filter((status) => status < 400);
    rows.push({
      name: `preauth_cpu.${provider}`,
      value: median(entry.value),
      unit: 'µs CPU/req',
      baseline: median(entry.baseline),
      ratio: ratios[worst] ?? null,
      target: `ratio <= ${BOUND}`,
      notes: {
        against: `Infobip Basic 401, ${bodyBytes / 1024} KiB body`,
        note: [
          `worst of ${entries.length}: ${entry.attack.name} (answered ${[...entry.statuses].join(',')})`,
          spread(entry.value, entry.baseline),
          accepted.length > 0 ? `SUSPECT an unauthenticated request got ${accepted.join(',')}` : '',
        ]
          .filter((part) => part !== '')
          .join('; '),
      },
    });
  }
  return rows;
}
