/**
 * The main job (`npm start`): runs the Express example on the in-memory store and sends it the
 * signed sample webhooks of every implemented provider, then a retried duplicate and a forged
 * request, printing each normalized event as it is handled.
 */
import type { AddressInfo } from 'node:net';
import type { RcsEvent } from 'rcs-webhooks';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { createApp } from './express/app.js';
import { formatEvent } from './format-event.js';
import { loadSamples, samplePayload } from './samples/index.js';

const samples = await loadSamples();
const providers = Object.fromEntries(samples.map((sample) => [sample.provider, sample.options]));
const events: RcsEvent[] = [];
const { app } = createApp(providers, (event) => {
  events.push(event);
  console.log(`  ${formatEvent(event)}`);
});
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`Express example listening on ${base}/webhooks/rcs/:provider (in-memory store)\n`);

let unexpected = 0;
async function send(label: string, request: SignedRequest, expected: number): Promise<void> {
  console.log(`→ ${label}`);
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const mark = response.status === expected ? '✓' : '✗ unexpected';
  if (response.status !== expected) unexpected++;
  console.log(`  ${mark} HTTP ${response.status} ${await response.text()}\n`);
}

let first: { provider: string; request: SignedRequest } | undefined;
for (const sample of samples) {
  for (const fixture of sample.fixtures) {
    const body = samplePayload(sample.provider, fixture);
    const request = await signRequest({
      provider: sample.provider,
      body,
      config: sample.signing,
      url: `${base}/webhooks/rcs/${sample.provider}`,
    } as Parameters<typeof signRequest>[0]);
    first ??= { provider: sample.provider, request };
    await send(`${sample.provider}: ${fixture}`, request, 200);
  }
}

if (first !== undefined) {
  const { provider, request } = first;
  await send(
    'the first webhook again (a provider retry): acknowledged, handlers not run twice',
    request,
    200,
  );
  const unsigned = {
    ...request,
    url: `${base}/webhooks/rcs/${provider}`,
    headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
  };
  await send('the same body without credentials: rejected with 401, nothing emitted', unsigned, 401);
}

console.log(
  `${events.length} events handled from ${samples.length} providers; ${unexpected} unexpected responses.`,
);
server.close();
process.exitCode = unexpected === 0 ? 0 : 1;
