import { join } from 'node:path';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { REPO_ROOT, startChild } from '../lib/rpc.js';
import { median, medianRatio } from '../lib/stats.js';
import type { CryptoApi } from './crypto-child.js';

const CHILD = join(REPO_ROOT, 'bench/scenarios/crypto-child.ts');

/** Crypto primitives per runtime: which implementation a provider should use here. */
export const crypto: Scenario = {
  id: 'crypto',
  title: 'Crypto: WebCrypto vs node:crypto (HMAC-SHA256 1 KB, Ed25519 verify)',
  async run(context) {
    const child = await startChild<CryptoApi>(CHILD);
    try {
      const results = await child.call('measure', context.settings.crypto);
      return results.map(
        (result): NotedRow => ({
          name: result.name,
          value: median(result.candidateOps),
          unit: 'ops/s',
          baseline: median(result.baselineOps),
          ratio: medianRatio(result.candidateOps, result.baselineOps),
          target: null,
          notes: { against: result.baseline, note: result.candidate },
        }),
      );
    } finally {
      await child.close();
    }
  },
};
