import { type ConversationStore, createRcsWebhooks, memoryStore } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_COMPLETIONS, PendingCompletions } from '../../src/pipeline/pending-completions.js';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';

describe('pending completions', () => {
  it('gives up on the oldest key past its cap, and says so', () => {
    const failing: ConversationStore = {
      ...memoryStore(),
      complete: () => Promise.reject(new Error('down')),
    };
    const dropped: string[] = [];
    const pending = new PendingCompletions(failing, (key) => dropped.push(key));
    for (let index = 0; index <= MAX_PENDING_COMPLETIONS; index++) pending.add(`k${index}`, 1_000);
    expect(dropped).toEqual(['k0']);
    expect(pending.size).toBe(MAX_PENDING_COMPLETIONS);
  });

  it('completes a pending key before it is claimed again, or fails while the store does', async () => {
    const base = memoryStore();
    let down = true;
    const store: ConversationStore = {
      ...base,
      complete: (key, ttl) => (down ? Promise.reject(new Error('down')) : base.complete(key, ttl)),
    };
    const pending = new PendingCompletions(store, () => {});
    pending.add('k', 60_000);
    await expect(pending.settleBefore('k')).rejects.toThrow('down');
    down = false;
    expect(await pending.settleBefore('k')).toBe(true);
    expect(await pending.settleBefore('k')).toBe(false);
    expect(await base.claim('k', 1_000)).toBe('duplicate');
  });
});

describe('pending completions and lease tokens', () => {
  it('complete with the token of the lease the handlers ran under, never over another holder', async () => {
    const base = memoryStore();
    let down = true;
    const store: ConversationStore = {
      ...base,
      complete: (key, ttl, token) =>
        down ? Promise.reject(new Error('down')) : base.complete(key, ttl, token),
    };
    const pending = new PendingCompletions(store, () => {});
    pending.add('mine', 60_000, 'a');
    pending.add('taken', 60_000, 'a');
    // While the store was away, another instance took over the second key (its lease had expired).
    await base.claim('taken', 60_000, 'b');
    down = false;
    expect(await pending.settleBefore('mine')).toBe(true);
    expect(await pending.settleBefore('taken')).toBe(true);
    expect(await base.claim('mine', 1_000, 'c')).toBe('duplicate');
    expect(await base.claim('taken', 1_000, 'c')).toBe('in_progress');
  });
});

describe('identifiers with NUL characters', () => {
  it('are answered 200 and reach a handler, never refused as content nor lost', async () => {
    const rcs = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } } });
    const seen: unknown[] = [];
    rcs.onAny((event) => {
      seen.push(event);
    });
    const body = {
      results: [
        {
          messageId: 'm\u00001',
          to: '4411',
          status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
        },
      ],
    };
    const response = await rcs.handle(await signedInfobip(body));
    expect([response.status, JSON.parse(response.body)]).toEqual([200, { ok: true }]);
    expect(seen).toHaveLength(1);
  });
});
