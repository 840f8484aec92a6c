/**
 * For close.test.ts: a core on a store opened from a URL (`redisStore({ url })` or
 * `postgresStore({ connectionString })`) handles one signed request, then calls `rcs.close()`
 * unless CLOSE=0. Prints `closed` (or `handled`); the process must then exit by itself.
 */
import { createRcsWebhooks } from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { signRequest } from 'rcs-webhooks/testing';

const { STORE_KIND, STORE_URL, NAMESPACE, CLOSE, INBOX } = process.env;
if (STORE_URL === undefined || NAMESPACE === undefined)
  throw new Error('STORE_URL and NAMESPACE are required');
const basic = { username: 'close-user', password: 'close-password' };
const store =
  STORE_KIND === 'redis'
    ? redisStore({ url: STORE_URL, prefix: `${NAMESPACE}:` })
    : postgresStore({ connectionString: STORE_URL, schema: NAMESPACE });
const rcs = createRcsWebhooks({
  providers: { infobip: { basic } },
  store,
  logger: false,
  ...(INBOX === '1' ? { inbox: { pollIntervalMs: 20 } } : {}),
});
let handled!: () => void;
const done = new Promise<void>((resolve) => {
  handled = resolve;
});
rcs.onDelivery(() => handled());
const body = {
  results: [{ messageId: `${NAMESPACE}-m1`, to: '441134960001', status: { groupName: 'DELIVERED' } }],
};
const response = await rcs.handle(await signRequest({ provider: 'infobip', body, config: { basic } }));
if (response.status !== 200) throw new Error(`answered ${response.status}`);
await done;
if (CLOSE === '0') {
  console.log('handled');
} else {
  await rcs.close();
  console.log('closed');
}
