import { compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import { candidates, throughputRows } from '../lib/rows.js';

/** (1) Telnyx (Ed25519) through Express: rcs-webhooks vs express.raw + node:crypto verify + JSON.parse. */
export const ed25519Express: Scenario = {
  id: 'ed25519-express',
  title: 'Ed25519 (Telnyx) through Express vs a hand-written Express route',
  async run(context) {
    const { http } = context.settings;
    const runs = await compareHttp({
      id: this.id,
      profileDir: context.profileDir,
      workload: 'telnyx-ed25519',
      contenders: [
        { label: 'hand', spec: { kind: 'express-hand-ed25519', root: context.root } },
        ...candidates(context, { kind: 'express-rcs-ed25519' }),
      ],
      connections: http.connections,
      rounds: http.rounds,
      log: context.log,
      throughput: {
        seconds: http.seconds,
        warmupRequests: http.warmupEd25519,
        minAmount: http.minAmount,
        maxAmount: http.maxAmount,
      },
    });
    return throughputRows(
      'ed25519.express',
      runs,
      'ratio >= 0.9',
      'hand-written Express route (express.raw + crypto.verify + JSON.parse)',
    );
  },
};
