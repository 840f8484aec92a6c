/**
 * Runs `count` Infobip HMAC requests through one contender in this process, and nothing else, so
 * that valgrind (callgrind) can count the instructions they take. Transpiled into the library root
 * it measures (instructions.ts), then run as plain JavaScript:
 *
 *   node instructions-child.js <rcs|octokit|hand> <count> <requests.json>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface StoredRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const [kind, countText, file] = process.argv.slice(2);
const count = Number(countText);
const requests = (JSON.parse(readFileSync(file ?? '', 'utf8')) as StoredRequest[]).map((request) => ({
  ...request,
  body: Buffer.from(request.body),
}));
if (!(count <= requests.length)) throw new Error(`${count} requests asked, ${requests.length} prepared`);

// The bench's fixed credentials (lib/workloads.ts), repeated: this file runs outside tsx.
const SECRET = 'bench-hmac-secret-0123456789abcdef';
const HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';
let handled = 0;
const count1 = () => {
  handled++;
};

if (kind === 'rcs') {
  const { createRcsWebhooks } = (await import(
    new URL('./src/index.js', import.meta.url).href
  )) as typeof import('../../src/index.js');
  const rcs = createRcsWebhooks({
    providers: {
      infobip: {
        hmac: { secret: SECRET, header: HEADER, prefix: PREFIX, encoding: 'hex', algorithm: 'sha256' },
      },
    },
  });
  rcs.onAny(count1);
  for (const request of requests.slice(0, count)) {
    const response = await rcs.handle({ method: 'POST', url: request.path, ...request });
    if (response.status !== 200) throw new Error(`rcs-webhooks answered ${response.status}`);
  }
} else if (kind === 'octokit') {
  const { Webhooks } = await import('@octokit/webhooks');
  const webhooks = new Webhooks({ secret: SECRET });
  webhooks.onAny(count1);
  for (const request of requests.slice(0, count)) {
    await webhooks.verifyAndReceive({
      id: request.headers['x-github-delivery'] ?? '',
      name: 'push',
      payload: request.body.toString('utf8'),
      signature: request.headers[HEADER] ?? '',
    });
  }
} else if (kind === 'hand') {
  // The floor: what any receiver must do (verify the HMAC, parse the JSON), written by hand.
  for (const request of requests.slice(0, count)) {
    const given = Buffer.from((request.headers[HEADER] ?? '').slice(PREFIX.length), 'hex');
    const expected = createHmac('sha256', SECRET).update(request.body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad HMAC');
    if (JSON.parse(request.body.toString('utf8')) !== undefined) count1();
  }
} else {
  throw new Error(`unknown contender ${kind}`);
}
if (handled !== count) throw new Error(`${handled} of ${count} events handled`);
