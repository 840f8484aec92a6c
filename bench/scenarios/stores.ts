import { type Contender, compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { spread } from '../lib/rows.js';
import type { StoreKind } from '../lib/specs.js';
import { median, medianRatio } from '../lib/stats.js';
import { reachable, storeUrls, where } from '../lib/store-urls.js';

/**
 * (5a) The HTTP throughput of (2) with the Redis and the PostgreSQL store, as ratios to the memory
 * store. Runs only against servers that are reachable (bash scripts/ci-services.sh starts both).
 */
export const storesHttp: Scenario = {
  id: 'stores',
  title: 'Stores: throughput of (2) with Redis / PostgreSQL vs the memory store',
  async run(context) {
    const urls = storeUrls();
    const servers: { kind: Exclude<StoreKind, 'memory'>; name: string; url: string }[] = [
      { kind: 'redis', name: 'Redis', url: urls.redis },
      { kind: 'postgres', name: 'PostgreSQL', url: urls.postgres },
    ];
    const rows: NotedRow[] = [];
    const up: typeof servers = [];
    for (const server of servers) {
      if (await reachable(server.url)) {
        up.push(server);
        continue;
      }
      const note = `SKIPPED: ${server.name} is not reachable at ${where(server.url)} (start it with bash scripts/ci-services.sh)`;
      context.log(`  ${note}`);
      rows.push({
        name: `store.${server.kind}.throughput`,
        value: null,
        unit: 'req/s',
        baseline: null,
        ratio: null,
        target: null,
        notes: { against: 'memory store', note },
      });
    }
    if (up.length === 0) return rows;

    const { http } = context.settings;
    const contenders: Contender[] = [
      { label: 'memory', spec: { kind: 'node-rcs-hmac', store: 'memory', root: context.root } },
      ...up.map((server) => ({
        label: server.kind,
        spec: { kind: 'node-rcs-hmac' as const, store: server.kind, root: context.root },
      })),
    ];
    const runs = await compareHttp({
      id: this.id,
      profileDir: context.profileDir,
      workload: 'infobip-hmac',
      contenders,
      connections: http.connections,
      rounds: http.rounds,
      log: context.log,
      throughput: {
        seconds: http.seconds,
        warmupRequests: http.warmupHmac,
        minAmount: http.minAmount,
        maxAmount: http.maxAmount,
      },
    });
    const [memory, ...others] = runs;
    if (memory === undefined) return rows;
    for (const [index, candidate] of others.entries()) {
      const server = up[index]!;
      const problems = [...candidate.problems, ...memory.problems];
      rows.push({
        name: `store.${server.kind}.throughput`,
        value: median(candidate.rps),
        unit: 'req/s',
        baseline: median(memory.rps),
        ratio: medianRatio(candidate.rps, memory.rps),
        target: null,
        notes: {
          against: `memory store, same node:http server (${server.name} at ${where(server.url)})`,
          note: [
            spread(candidate.rps, memory.rps),
            ...(problems.length > 0 ? [`SUSPECT ${problems.join('; ')}`] : []),
          ].join('; '),
        },
      });
    }
    return rows;
  },
};
