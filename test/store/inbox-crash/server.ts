/**
 * A webhook server in inbox mode, for inbox-crash.test.ts, which kills it with SIGKILL mid-load and
 * starts it again on the same store. Each handled delivery's message id is appended to HANDLED_FILE
 * (a synchronous write: what was written survives the kill). Prints `listening <port>` when ready.
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type ConversationStore, createRcsWebhooks, memoryStore } from 'rcs-webhooks';
import { createNodeHandler } from 'rcs-webhooks/node';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';

const { STORE_KIND, STORE_URL, STORE_NAMESPACE, HANDLED_FILE, LEASE_MS } = process.env;
if (STORE_URL === undefined || STORE_NAMESPACE === undefined || HANDLED_FILE === undefined) {
  throw new Error('STORE_URL, STORE_NAMESPACE and HANDLED_FILE are required');
}
const store: ConversationStore =
  STORE_KIND === 'memory'
    ? memoryStore()
    : STORE_KIND === 'redis'
      ? redisStore({ url: STORE_URL, prefix: `${STORE_NAMESPACE}:` })
      : postgresStore({ connectionString: STORE_URL, schema: STORE_NAMESPACE });

const rcs = createRcsWebhooks({
  providers: { infobip: { basic: { username: 'crash-user', password: 'crash-password' } } },
  store,
  inbox: { concurrency: 4, pollIntervalMs: 50, retryDelayMs: 50 },
  idempotency: { leaseMs: Number(LEASE_MS ?? 1_500) },
});
rcs.onDelivery(async (event) => {
  // Slower than the requests arrive, so the inbox holds a backlog when the process is killed.
  await new Promise((resolve) => setTimeout(resolve, 3));
  appendFileSync(HANDLED_FILE, `${event.messageId}\n`);
});

const server = createServer(createNodeHandler(rcs));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address !== null ? address.port : ''}`);
});
