import { describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { infobipCore, signedInfobip } from '../helpers/infobip.js';

// rcs.messages.get and rcs.conversations.* return Dates, as events do (issue 14 item 2); the store
// underneath keeps epoch milliseconds.
describe('tracked records', () => {
  it('messages.get: every status report has Dates, equal to the events', async () => {
    const { rcs, events } = infobipCore();
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-delivery-report-full')));
    const [event] = events;
    const record = await rcs.messages.get('c0ed295b-c39d-4f6d-b347-fa1837f18c00');
    const [change] = record?.history ?? [];
    expect(change?.receivedAt).toBeInstanceOf(Date);
    expect(change?.receivedAt).toEqual(event?.receivedAt);
    expect(change?.occurredAt).toBeInstanceOf(Date);
    expect(change?.occurredAt).toEqual(event?.occurredAt);
    // The store's own record keeps numbers.
    const stored = await rcs.store.getMessage('infobip', 'c0ed295b-c39d-4f6d-b347-fa1837f18c00');
    expect(typeof stored?.history[0]?.receivedAt).toBe('number');
  });

  it('conversations.get and find: startsAt and endsAt are Dates', async () => {
    const { rcs } = infobipCore();
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'seed-delivery-report-can-initiate')));
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'seed-conversation-started')));
    const window = {
      startsAt: new Date('2026-05-22T10:05:00.000Z'),
      endsAt: new Date('2026-05-23T10:05:00.000Z'),
    };
    const got = await rcs.conversations.get('3b87aaa2-0809-44c5-9a57-154fdc4ac97d', 'infobip');
    expect(got).toMatchObject(window);
    const query = { provider: 'infobip', user: 'YOUR_DESTINATION_NUMBER', agent: 'YOUR_RCS_SENDER' };
    const found = await rcs.conversations.find({ ...query, at: new Date('2026-05-22T12:00:00Z') });
    expect(found).toEqual(got);
    expect(await rcs.conversations.get('unknown', 'infobip')).toBeUndefined();
  });
});
