/**
 * Crypto primitives the providers need, each alternative against the synchronous node:crypto call,
 * alternating order every round: HMAC-SHA256 of 1 KB, and Ed25519 verification of a Telnyx-sized
 * message sequentially and with 64 verifications in flight (WebCrypto and node:crypto's callback
 * form both run on the libuv thread pool; the synchronous call blocks the event loop).
 */
import { createHmac, sign, verify, webcrypto } from 'node:crypto';
import { serveRpc } from '../lib/rpc.js';
import { ED25519_PRIVATE_KEY, ED25519_PUBLIC_KEY, HMAC_SECRET, telnyxBody } from '../lib/workloads.js';

export interface CryptoParams {
  rounds: number;
  millisPerRun: number;
}

export interface CryptoComparison {
  name: string;
  baseline: string;
  candidate: string;
  baselineOps: number[];
  candidateOps: number[];
}

export interface CryptoApi {
  measure(params: CryptoParams): Promise<CryptoComparison[]>;
}

type Operation = () => unknown;

/** Operations per second: `concurrency` operations in flight at a time until `millis` have passed. */
async function rate(operation: Operation, millis: number, concurrency: number): Promise<number> {
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < millis) {
    if (concurrency === 1) {
      await operation();
      done++;
    } else {
      await Promise.all(Array.from({ length: concurrency }, operation));
      done += concurrency;
    }
  }
  return done / ((performance.now() - started) / 1000);
}

async function measure({ rounds, millisPerRun }: CryptoParams): Promise<CryptoComparison[]> {
  const { subtle } = webcrypto;
  const kilobyte = Buffer.alloc(1024, 'a');
  const hmacKey = await subtle.importKey(
    'raw',
    Buffer.from(HMAC_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const message = Buffer.from(`1700000000|${telnyxBody()}`);
  const signature = sign(null, message, ED25519_PRIVATE_KEY);
  const spki = ED25519_PUBLIC_KEY.export({ format: 'der', type: 'spki' });
  const edKey = await subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);

  const nodeHmac = () => createHmac('sha256', HMAC_SECRET).update(kilobyte).digest();
  const webHmac = () => subtle.sign('HMAC', hmacKey, kilobyte);
  const syncVerify = () => {
    if (!verify(null, message, ED25519_PUBLIC_KEY, signature)) throw new Error('did not verify');
  };
  const webVerify = async () => {
    if (!(await subtle.verify('Ed25519', edKey, signature, message))) throw new Error('did not verify');
  };
  const callbackVerify = () =>
    new Promise<void>((resolve, reject) =>
      verify(null, message, ED25519_PUBLIC_KEY, signature, (error, ok) =>
        error || !ok ? reject(error ?? new Error('did not verify')) : resolve(),
      ),
    );

  const pairs: {
    name: string;
    baseline: string;
    candidate: string;
    base: () => Promise<number>;
    alt: () => Promise<number>;
  }[] = [
    {
      name: 'crypto.hmac_sha256_1kb.webcrypto',
      baseline: 'node:crypto createHmac',
      candidate: 'WebCrypto subtle.sign, one at a time',
      base: () => rate(nodeHmac, millisPerRun, 1),
      alt: () => rate(webHmac, millisPerRun, 1),
    },
    {
      name: 'crypto.hmac_sha256_1kb.webcrypto_c64',
      baseline: 'node:crypto createHmac',
      candidate: 'WebCrypto subtle.sign, 64 in flight',
      base: () => rate(nodeHmac, millisPerRun, 1),
      alt: () => rate(webHmac, millisPerRun, 64),
    },
    {
      name: 'crypto.ed25519_verify.webcrypto',
      baseline: 'node:crypto verify (sync)',
      candidate: 'WebCrypto subtle.verify, one at a time',
      base: () => rate(syncVerify, millisPerRun, 1),
      alt: () => rate(webVerify, millisPerRun, 1),
    },
    {
      name: 'crypto.ed25519_verify.webcrypto_c64',
      baseline: 'node:crypto verify (sync)',
      candidate: 'WebCrypto subtle.verify, 64 in flight',
      base: () => rate(syncVerify, millisPerRun, 1),
      alt: () => rate(webVerify, millisPerRun, 64),
    },
    {
      name: 'crypto.ed25519_verify.node_callback_c64',
      baseline: 'node:crypto verify (sync)',
      candidate: 'node:crypto verify(…, callback), 64 in flight',
      base: () => rate(syncVerify, millisPerRun, 1),
      alt: () => rate(callbackVerify, millisPerRun, 64),
    },
  ];
  const results: CryptoComparison[] = [];
  for (const pair of pairs) {
    // Warm both paths first.
    await pair.base();
    await pair.alt();
    const baselineOps: number[] = [];
    const candidateOps: number[] = [];
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        baselineOps.push(await pair.base());
        candidateOps.push(await pair.alt());
      } else {
        candidateOps.push(await pair.alt());
        baselineOps.push(await pair.base());
      }
    }
    results.push({
      name: pair.name,
      baseline: pair.baseline,
      candidate: pair.candidate,
      baselineOps,
      candidateOps,
    });
  }
  return results;
}

serveRpc<CryptoApi>({ measure });
