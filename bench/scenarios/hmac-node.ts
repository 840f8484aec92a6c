import { compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import { candidates, throughputRows } from '../lib/rows.js';

/**
 * (2) HMAC-SHA256 over the raw body through node:http: rcs-webhooks' node adapter (Infobip HMAC)
 * vs @octokit/webhooks createNodeMiddleware, on the very same requests (same bytes, same headers).
 */
export const hmacNode: Scenario = {
  id: 'hmac-node',
  title: 'HMAC through the node:http adapter vs @octokit/webhooks createNodeMiddleware',
  async run(context) {
    const { http } = context.settings;
    const runs = await compareHttp({
      id: this.id,
      profileDir: context.profileDir,
      workload: 'infobip-hmac',
      contenders: [
        { label: 'octokit', spec: { kind: 'node-octokit-hmac', root: context.root } },
        ...candidates(context, { kind: 'node-rcs-hmac', store: 'memory' }),
      ],
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
    return throughputRows(
      'hmac.node',
      runs,
      'ratio >= 1.0',
      '@octokit/webhooks createNodeMiddleware (HMAC-SHA256, same bodies)',
    );
  },
};
