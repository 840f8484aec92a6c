import { type ConversationStore, memoryStore, StoreDataError } from 'rcs-webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { infobipCore, signedInfobip } from '../helpers/infobip.js';

const report = (messageId: string) => ({
  messageId,
  to: '441134960001',
  status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
});
const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
});

/** A memory store whose inbox refuses every enqueue as PostgreSQL refuses an index row too large (54000). */
function refusingInbox(): ConversationStore {
  const refuse = () =>
    Promise.reject(Object.assign(new Error('index row size exceeds maximum'), { code: '54000' }));
  const replacing = <T extends object>(target: T, name: string, replacement: unknown): T =>
    new Proxy(target, {
      get(object, property) {
        if (property === name) return replacement;
        const value: unknown = Reflect.get(object, property, object);
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  const store = memoryStore();
  return replacing(store, 'inbox', replacing(store.inbox as object, 'enqueue', refuse));
}

describe('inbox mode, when the store refuses an event’s data', () => {
  it('runs the events inline instead of answering an error on every retry, and reports the refusal', async () => {
    const { rcs } = infobipCore({ inbox: { pollIntervalMs: 10 }, store: refusingInbox() });
    stoppers.push(() => rcs.inbox.stop());
    const handled: string[] = [];
    const errors: unknown[] = [];
    rcs.onDelivery((event) => {
      handled.push(event.messageId);
    });
    rcs.onError((error) => {
      errors.push(error);
    });
    const response = await rcs.handle(await signedInfobip({ results: [report('m1'), report('m2')] }));
    expect(response.status).toBe(200);
    expect(handled).toEqual(['m1', 'm2']);
    expect(errors[0]).toBeInstanceOf(StoreDataError);
  });
});
