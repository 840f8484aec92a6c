import { compareHttp } from '../lib/compare.js';
import type { Scenario } from '../lib/context.js';
import { candidates, throughputRows } from '../lib/rows.js';

/** (3) Express overhead with a cheap signature: rcs-webhooks (Infobip HMAC) vs a hand-written route doing the same. */
export const hmacExpress: Scenario = {
  id: 'hmac-express',
  title: 'HMAC through Express vs a hand-written Express route',
  async run(context) {
    const { http } = context.settings;
    const runs = await compareHttp({
      id: this.id,
      profileDir: context.profileDir,
      workload: 'infobip-hmac',
      contenders: [
        { label: 'hand', spec: { kind: 'express-hand-hmac', root: context.root } },
        ...candidates(context, { kind: 'express-rcs-hmac' }),
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
      'hmac.express',
      runs,
      'ratio >= 0.9',
      'hand-written Express route (express.raw + createHmac + timingSafeEqual + JSON.parse)',
    );
  },
};
