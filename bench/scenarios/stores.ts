import { type Contender, compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { candidates, spread } from '../lib/rows.js';
import type { StoreKind } from '../lib/specs.js';
import { median, medianRatio } from '../lib/stats.js';
import { reachable, storeUrls, where } from '../lib/store-urls.js';

/**
 * (5a) The HTTP throughput of (2) with the Redis and the PostgreSQL store, as ratios to the memory
 * store, and their server CPU per request. Runs only against servers that are reachable (bash
 * scripts/ci-services.sh starts both). With `--variant`, each store also runs from every variant.
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
      ...up.flatMap((server) =>
        candidates(context, { kind: 'node-rcs-hmac', store: server.kind }, server.kind),
      ),
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
    for (const candidate of others) {
      const [kind = candidate.label, variant] = candidate.label.split('+');
      const server = up.find((entry) => entry.kind === kind);
      if (server === undefined) continue;
      const name = `store.${server.kind}`;
      const suffix = variant === undefined ? '' : `[${variant}]`;
      const against = `memory store, same node:http server (${server.name} at ${where(server.url)})`;
      const problems = [...candidate.problems, ...memory.problems];
      rows.push(
        {
          name: `${name}.throughput${suffix}`,
          value: median(candidate.rps),
          unit: 'req/s',
          baseline: median(memory.rps),
          ratio: medianRatio(candidate.rps, memory.rps),
          target: null,
          notes: {
            against,
            note: [
              spread(candidate.rps, memory.rps),
              ...(problems.length > 0 ? [`SUSPECT ${problems.join('; ')}`] : []),
            ].join('; '),
          },
        },
        {
          name: `${name}.server_cpu${suffix}`,
          value: median(candidate.cpuUsPerRequest),
          unit: 'µs CPU/req',
          baseline: median(memory.cpuUsPerRequest),
          ratio: medianRatio(candidate.cpuUsPerRequest, memory.cpuUsPerRequest),
          target: null,
          notes: { against, note: 'server process CPU per request (store client included), lower is better' },
        },
      );
    }
    return rows;
  },
};
