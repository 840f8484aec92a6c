import { type ConversationStore, createRcsWebhooks, memoryStore } from 'rcs-webhooks';
import { describe, expect, it, vi } from 'vitest';
import { INFOBIP_BASIC, infobipCore, signedInfobip } from '../helpers/infobip.js';
import { recordingLogger } from '../helpers/recording-logger.js';

const delivery = (messageId: string) => ({
  results: [
    { messageId, to: '441134960001', status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' } },
  ],
});

/** A handler that waits for `release()`; `started` resolves when it began. */
function gatedHandler() {
  let release!: () => void;
  let began!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started = new Promise<void>((resolve) => {
    began = resolve;
  });
  const order: string[] = [];
  const handler = async () => {
    began();
    await gate;
    order.push('handler finished');
  };
  return { handler, started, release, order };
}

describe('rcs.close() (memory store)', () => {
  it('waits for an inline handler that is running, then answers 503 to later requests', async () => {
    const { rcs } = infobipCore({ logger: false });
    const { handler, started, release, order } = gatedHandler();
    rcs.onDelivery(handler);
    const answered = rcs.handle(await signedInfobip(delivery('close-1')));
    await started;
    const closed = rcs.close().then(() => order.push('close resolved'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(order).toEqual([]);
    release();
    await closed;
    expect(order).toEqual(['handler finished', 'close resolved']);
    expect((await answered).status).toBe(200);

    const after = await rcs.handle(await signedInfobip(delivery('close-2')));
    expect([after.status, JSON.parse(after.body)]).toEqual([503, { error: 'shutting_down' }]);
  });

  it('is idempotent', async () => {
    const { rcs } = infobipCore({ logger: false });
    const first = rcs.close();
    expect(rcs.close()).toBe(first);
    await first;
    await expect(rcs.close()).resolves.toBeUndefined();
  });

  it('stops the inbox worker after the handler it runs finished', async () => {
    const { rcs } = infobipCore({ logger: false, inbox: { pollIntervalMs: 10 } });
    const { handler, started, release, order } = gatedHandler();
    rcs.onDelivery(handler);
    expect((await rcs.handle(await signedInfobip(delivery('close-3')))).status).toBe(200);
    await started;
    const closed = rcs.close().then(() => order.push('close resolved'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(order).toEqual([]);
    release();
    await closed;
    expect(order).toEqual(['handler finished', 'close resolved']);
    expect((await rcs.inbox.counts()).pending).toBe(0);
  });

  it('answers 503 without reading the body through an adapter, and reports it', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger });
    const errors: string[] = [];
    rcs.onError((error) => {
      errors.push((error as { code?: string }).code ?? '');
    });
    await rcs.close();
    const readBody = vi.fn(async () => new Uint8Array());
    const response = await rcs.handleStreaming({
      method: 'POST',
      url: '/webhooks/rcs/infobip',
      headers: { 'content-type': 'application/json', 'content-length': '10' },
      readBody,
    });
    expect(response?.status).toBe(503);
    expect(readBody).not.toHaveBeenCalled();
    expect(errors).toEqual(['shutting_down']);
    expect(logger.at('warn')[0]?.message).toMatch(/infobip: shutting_down \(503\)/);
  });

  it('closes the store when the last core using it closes, once', async () => {
    const close = vi.fn(async () => {});
    const store: ConversationStore = { ...memoryStore(), close };
    const options = { providers: { infobip: { basic: INFOBIP_BASIC } }, store, logger: false as const };
    const a = createRcsWebhooks(options);
    const b = createRcsWebhooks(options);
    await a.close();
    await a.close();
    expect(close).not.toHaveBeenCalled();
    await b.close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
