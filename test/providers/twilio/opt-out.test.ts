import { describe, expect, it } from 'vitest';
import { base, harness, params, post, sign } from './setup.js';

// Issue 13 C18: Advanced Opt-Out adds OptOutType (STOP, START or HELP) to an incoming message whose
// whole body is a keyword. STOP and START are subscription changes; the message stays a message.
const TEXT = params('composed-rcs-inbound-text');
const SID = TEXT.MessageSid;

async function normalize(fields: Record<string, string>) {
  const { rcs, events } = harness();
  const raw = { ...TEXT, ...fields };
  const response = await post(rcs, await sign(raw));
  return { status: response.status, events, raw };
}

describe('twilio opt-out and opt-in keywords', () => {
  it('emits the inbound text, then an unsubscription, for STOP', async () => {
    const { status, events, raw } = await normalize({ Body: 'Stop', OptOutType: 'STOP' });
    expect(status).toBe(200);
    expect(events).toStrictEqual([
      {
        ...base,
        kind: 'inbound',
        id: `inbound:${SID}`,
        raw,
        messageId: SID,
        from: 'rcs:+15551234567',
        to: 'rcs:acme_agent',
        content: { type: 'text', text: 'Stop' },
      },
      {
        ...base,
        kind: 'subscription',
        id: `subscription:${SID}`,
        raw,
        user: 'rcs:+15551234567',
        agent: 'rcs:acme_agent',
        subscribed: false,
        keyword: 'Stop',
        providerStatus: 'STOP',
      },
    ]);
  });

  it('emits a subscription for START', async () => {
    const { events } = await normalize({ Body: 'unstop', OptOutType: 'START' });
    expect(events.at(-1)).toMatchObject({ kind: 'subscription', subscribed: true, keyword: 'unstop' });
  });

  it('emits no subscription for HELP or without OptOutType', async () => {
    for (const fields of [{ Body: 'help', OptOutType: 'HELP' }, { Body: 'STOP' }]) {
      const { events } = await normalize(fields);
      expect(events.map((event) => event.kind)).toEqual(['inbound']);
    }
  });

  it('reports an SMS opt-out on the Messaging Service too; the SMS message itself stays unsupported', async () => {
    const { events } = await normalize({
      From: '+15551234567',
      To: '+15550001111',
      Body: 'STOP',
      OptOutType: 'STOP',
    });
    expect(events.map((event) => event.kind)).toEqual(['unsupported', 'subscription']);
    expect(events[1]).toMatchObject({ user: '+15551234567', agent: '+15550001111', subscribed: false });
  });

  it('calls onSubscription once per keyword message, also when Twilio retries it', async () => {
    const { rcs } = harness();
    const seen: boolean[] = [];
    rcs.onSubscription((event) => {
      seen.push(event.subscribed);
    });
    const signed = await sign({ ...TEXT, Body: 'STOP', OptOutType: 'STOP' });
    expect((await post(rcs, signed)).status).toBe(200);
    expect((await post(rcs, signed)).status).toBe(200);
    expect(seen).toEqual([false]);
  });
});
