import { compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { candidates, spread } from '../lib/rows.js';
import { median, medianRatio } from '../lib/stats.js';

/** (6) p50 / p99 at a fixed moderate rate for (2), beside @octokit/webhooks'. */
export const latency: Scenario = {
  id: 'latency',
  title: 'Latency at a fixed rate: node:http adapter vs @octokit/webhooks',
  async run(context) {
    const settings = context.settings.latency;
    const runs = await compareHttp({
      id: this.id,
      profileDir: context.profileDir,
      workload: 'infobip-hmac',
      contenders: [
        { label: 'octokit', spec: { kind: 'node-octokit-hmac', root: context.root } },
        ...candidates(context, { kind: 'node-rcs-hmac', store: 'memory' }),
      ],
      connections: settings.connections,
      rounds: settings.rounds,
      log: context.log,
      latency: { rate: settings.rate, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds },
    });
    const [baseline, ...others] = runs;
    if (baseline === undefined) return [];
    const rows: NotedRow[] = [];
    for (const quantile of ['p50', 'p99'] as const) {
      for (const candidate of others) {
        const variant =
          candidate === others[0] ? '' : `[${candidate.label.slice(candidate.label.indexOf('+') + 1)}]`;
        const problems = [...candidate.problems, ...baseline.problems];
        rows.push({
          name: `hmac.node.latency_${quantile}${variant}`,
          value: median(candidate[quantile]),
          unit: 'ms',
          baseline: median(baseline[quantile]),
          ratio: medianRatio(candidate[quantile], baseline[quantile]),
          target: null,
          notes: {
            against: `@octokit/webhooks at ${settings.rate} req/s, ${settings.connections} connections`,
            note: [
              'lower is better',
              spread(candidate[quantile], baseline[quantile]),
              ...(problems.length > 0 ? [`SUSPECT ${problems.join('; ')}`] : []),
            ].join('; '),
          },
        });
      }
    }
    return rows;
  },
};
