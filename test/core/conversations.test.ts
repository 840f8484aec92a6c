import {
  ConfigurationError,
  type ConversationStartedEvent,
  type ConversationStore,
  createRcsWebhooks,
  type InboundEvent,
  memoryStore,
} from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { sample as telnyxSample } from '../../examples/samples/telnyx.js';
import { loadFixture, loadFixtureJson } from '../helpers/fixtures.js';
import {
  AGENT,
  conversationCore,
  DAY,
  HOUR,
  iso,
  started,
  summary,
  T0,
  telnyxInbound,
  telnyxOutbound,
  USER,
} from './conversation-helpers.js';

describe('derived conversations (providers that report no sessions)', () => {
  it('derives an A2P session when the user answers a business message within 24 h', async () => {
    const { rcs, events, post } = conversationCore();
    expect(await post('telnyx', telnyxOutbound('b1', T0), T0 + 2_000)).toBe(200);
    const reply = telnyxInbound('u1', T0 + 2 * HOUR);
    expect(await post('telnyx', reply, T0 + 2 * HOUR + 500)).toBe(200);

    expect(summary(events)).toEqual(['delivery b1', 'inbound u1 in session', 'started A2P u1']);
    const [session] = started(events);
    const conversationId = session?.conversationId as string;
    expect(conversationId).toMatch(/^[0-9a-f]{32}$/);
    expect(session).toEqual({
      kind: 'conversationStarted',
      id: `conversationStarted:derived:${conversationId}`,
      provider: 'telnyx',
      receivedAt: new Date(T0 + 2 * HOUR + 500),
      occurredAt: new Date(T0 + 2 * HOUR),
      raw: reply,
      conversationId,
      type: 'A2P',
      startsAt: new Date(T0 + 2 * HOUR),
      endsAt: new Date(T0 + 26 * HOUR),
      messageId: 'u1',
      derived: true,
    } satisfies ConversationStartedEvent);
    // The reply itself carries the session it opened.
    expect((events[1] as InboundEvent).conversation).toEqual({ id: conversationId });

    const query = { provider: 'telnyx', user: USER, agent: AGENT };
    expect(await rcs.conversations.find({ ...query, at: new Date(T0 + 3 * HOUR) })).toEqual({
      provider: 'telnyx',
      conversationId,
      type: 'A2P',
      startsAt: new Date(T0 + 2 * HOUR),
      endsAt: new Date(T0 + 26 * HOUR),
      messageId: 'u1',
      agent: AGENT,
      user: USER,
      derived: true,
    });
    expect(await rcs.conversations.find({ ...query, at: T0 + 26 * HOUR })).toBeUndefined();
    expect((await rcs.conversations.get(conversationId, 'telnyx'))?.messageId).toBe('u1');

    // Messages inside the session carry its id and open no other.
    await post('telnyx', telnyxOutbound('b2', T0 + 5 * HOUR), T0 + 5 * HOUR);
    await post('telnyx', telnyxInbound('u2', T0 + 6 * HOUR), T0 + 6 * HOUR);
    await post(
      'telnyx',
      telnyxOutbound('b2', T0 + 5 * HOUR + 1_000, { status: 'delivered', eventType: 'message.finalized' }),
    );
    expect(summary(events.slice(3))).toEqual([
      'delivery b2 in session',
      'inbound u2 in session',
      'delivery b2 in session',
    ]);
  });

  it('opens no session for a reply more than 24 h after the business message', async () => {
    const { rcs, events, post } = conversationCore();
    await post('telnyx', telnyxOutbound('b1', T0), T0);
    await post('telnyx', telnyxInbound('u1', T0 + DAY + 1), T0 + DAY + 1_000);
    expect(summary(events)).toEqual(['delivery b1', 'inbound u1']);
    expect(
      await rcs.conversations.find({ provider: 'telnyx', user: USER, at: T0 + DAY + 2 }),
    ).toBeUndefined();
  });

  it('derives a P2A session when the business answers an unsolicited user message within 24 h', async () => {
    const { events, post } = conversationCore();
    const answer = telnyxOutbound('b1', T0 + 23 * HOUR);
    await post('telnyx', telnyxInbound('u1', T0), T0);
    await post('telnyx', answer, T0 + 23 * HOUR);
    // Later reports of the answer belong to the session, and derive nothing new.
    await post(
      'telnyx',
      telnyxOutbound('b1', T0 + 23 * HOUR + 4_000, { status: 'delivered', eventType: 'message.finalized' }),
    );
    await post('telnyx', telnyxOutbound('b1', T0 + 30 * HOUR, { status: 'read', eventType: 'message.read' }));
    expect(summary(events)).toEqual([
      'inbound u1',
      'delivery b1 in session',
      'started P2A b1',
      'delivery b1 in session',
      'delivery b1 in session',
    ]);
    expect(started(events)[0]).toMatchObject({
      startsAt: new Date(T0 + 23 * HOUR),
      endsAt: new Date(T0 + 47 * HOUR),
      messageId: 'b1',
      raw: answer,
      derived: true,
    });
  });

  it('counts a business message from its earliest report, and never from a read report', async () => {
    const { events, post } = conversationCore();
    // Sent at T0, reported delivered only 30 h later; the user wrote on his own at T0 + 29 h.
    await post('telnyx', telnyxOutbound('b1', T0), T0);
    await post('telnyx', telnyxInbound('u1', T0 + 29 * HOUR), T0 + 29 * HOUR);
    await post(
      'telnyx',
      telnyxOutbound('b1', T0 + 30 * HOUR, { status: 'delivered', eventType: 'message.finalized' }),
      T0 + 30 * HOUR,
    );
    // A message first known from its read report cannot be placed in time: it answers nothing.
    await post('telnyx', telnyxOutbound('b0', T0 + 31 * HOUR, { status: 'read', eventType: 'message.read' }));
    // SMS fallback legs are no part of an RCS session.
    await post('telnyx', telnyxOutbound('s1', T0 + 32 * HOUR, { channel: 'SMS' }), T0 + 32 * HOUR);
    expect(started(events)).toEqual([]);
  });

  it('judges late reports by the provider times, so they open no false session', async () => {
    // The business message's report arrives after the user's answer: by arrival order the
    // business would have answered an unsolicited message (P2A). By the provider's times the user
    // answered the business (A2P, from the reply's time), found when the late report arrives.
    const late = conversationCore();
    const report = telnyxOutbound('b1', T0 + 9 * HOUR);
    await late.post('telnyx', telnyxInbound('u1', T0 + 10 * HOUR), T0 + 10 * HOUR);
    await late.post('telnyx', report, T0 + 10 * HOUR + 60_000);
    expect(summary(late.events)).toEqual(['inbound u1', 'delivery b1', 'started A2P u1']);
    expect(started(late.events)[0]).toMatchObject({ startsAt: new Date(T0 + 10 * HOUR), raw: report });

    // An even later answer inside that window opens nothing: the session already covers it.
    await late.post('telnyx', telnyxInbound('u0', T0 + 9.5 * HOUR), T0 + 11 * HOUR);
    await late.post('telnyx', telnyxInbound('u2', T0 + 11 * HOUR));
    expect(summary(late.events.slice(3))).toEqual(['inbound u0', 'inbound u2 in session']);

    // The user's message arrives after the business message that answered it: P2A, not A2P.
    const reversed = conversationCore();
    await reversed.post('telnyx', telnyxOutbound('b1', T0 + 10 * HOUR), T0 + 10 * HOUR);
    await reversed.post('telnyx', telnyxInbound('u1', T0 + 9 * HOUR), T0 + 10 * HOUR + 60_000);
    expect(summary(reversed.events)).toEqual(['delivery b1', 'inbound u1', 'started P2A b1']);

    // A message reported more than a day late is not judged at all.
    const stale = conversationCore();
    await stale.post('telnyx', telnyxInbound('u1', T0), T0 + 2 * DAY);
    await stale.post('telnyx', telnyxOutbound('b1', T0 + HOUR), T0 + 2 * DAY);
    expect(started(stale.events)).toEqual([]);
  });

  it('emits a derived session once, and again only if its handlers failed', async () => {
    const { rcs, events, post } = conversationCore();
    const attempts: string[] = [];
    let failures = 1;
    rcs.onConversationStarted((event) => {
      attempts.push(event.messageId as string);
      if (failures-- > 0) throw new Error('session handler down');
    });
    await post('telnyx', telnyxOutbound('b1', T0), T0);
    const reply = telnyxInbound('u1', T0 + HOUR);
    expect(await post('telnyx', reply, T0 + HOUR)).toBe(500);
    // The provider retries: the reply was handled, its session was not.
    expect(await post('telnyx', reply)).toBe(200);
    expect(await post('telnyx', reply)).toBe(200);
    expect(attempts).toEqual(['u1', 'u1']);
    expect(summary(events)).toEqual([
      'delivery b1',
      'inbound u1 in session',
      'started A2P u1',
      'started A2P u1',
    ]);
    expect(new Set(started(events).map((event) => event.id)).size).toBe(1);
  });

  it('derives the session after the reply has been handled, on the retry when its handlers failed', async () => {
    const { rcs, events, post } = conversationCore();
    let failures = 1;
    rcs.onInbound(() => {
      if (failures-- > 0) throw new Error('inbound handler down');
    });
    await post('telnyx', telnyxOutbound('b1', T0), T0);
    const reply = telnyxInbound('u1', T0 + HOUR);
    expect(await post('telnyx', reply, T0 + HOUR)).toBe(500);
    expect(summary(events)).toEqual(['delivery b1', 'inbound u1 in session']);
    expect(await post('telnyx', reply)).toBe(200);
    expect(summary(events.slice(2))).toEqual(['inbound u1 in session', 'started A2P u1']);
  });

  it('keeps agents apart, and matches a delivery report that names none (Exotel)', async () => {
    const other = conversationCore();
    await other.post('telnyx', telnyxOutbound('b1', T0), T0);
    await other.post('telnyx', telnyxInbound('u1', T0 + HOUR, { agent: 'another-agent' }), T0 + HOUR);
    await other.post('telnyx', telnyxInbound('u2', T0 + HOUR, { user: '+13125550199' }));
    expect(started(other.events)).toEqual([]);

    // Exotel's DLRs carry no sender; one request holds the DLR and the user's answer, in order.
    const exotel = conversationCore();
    const dlr = {
      callback_type: 'dlr',
      sid: 'ex-b1',
      to: USER,
      exo_status_code: 40002,
      exo_detailed_status: 'EX_MESSAGE_DELIVERED',
      timestamp: iso(T0),
    };
    const icm = {
      callback_type: 'icm',
      sid: 'ex-u1',
      from: USER,
      to: 'exotel_bot',
      timestamp: iso(T0 + 20 * 60_000),
      content: { type: 'text', text: 'Yes, confirm my order' },
    };
    expect(await exotel.post('exotel', { rcs: { messages: [dlr, icm] } }, T0 + HOUR)).toBe(200);
    expect(summary(exotel.events)).toEqual([
      'delivery ex-b1',
      'inbound ex-u1 in session',
      'started A2P ex-u1',
    ]);
    expect(
      await exotel.rcs.conversations.find({ provider: 'exotel', user: USER, agent: 'exotel_bot' }),
    ).toMatchObject({
      type: 'A2P',
      agent: 'exotel_bot',
      derived: true,
    });
  });
});

describe('reported conversations (Infobip)', () => {
  it('stores them and attaches them to later events of the same pair, keeping the ids Infobip sends', async () => {
    const { rcs, events, post } = conversationCore();
    await post(
      'infobip',
      loadFixture('infobip', 'seed-delivery-report-can-initiate'),
      Date.parse('2026-05-22T10:00:02Z'),
    );
    await post('infobip', loadFixture('infobip', 'seed-conversation-started'));
    await post('infobip', loadFixture('infobip', 'seed-delivery-report-in-conversation'));
    // An MO without a conversation object (as the Messages API sends them) gets the session's id.
    const mo = {
      results: [
        {
          sender: 'YOUR_DESTINATION_NUMBER',
          to: 'YOUR_RCS_SENDER',
          receivedAt: '2026-05-22T11:00:00.000+0000',
          messageId: 'mo-1',
          message: { type: 'TEXT', text: 'Where is my parcel?' },
        },
      ],
    };
    await post('infobip', mo);
    const conversationId = '3b87aaa2-0809-44c5-9a57-154fdc4ac97d';
    expect(
      events.map((event) =>
        event.kind === 'conversationStarted' ? [event.kind, event.derived] : event.kind,
      ),
    ).toEqual(['delivery', ['conversationStarted', false], 'delivery', 'inbound']);
    // Infobip said "no session yet" for the first message: that stays as it was sent.
    expect(events[0]).toMatchObject({ conversation: { canInitiate: true } });
    expect(events[0]).not.toHaveProperty('conversation.id');
    expect(events[2]).toMatchObject({ conversation: { id: conversationId, canInitiate: false } });
    expect((events[3] as InboundEvent).conversation).toEqual({ id: conversationId });
    expect(
      await rcs.conversations.find({
        provider: 'infobip',
        user: 'YOUR_DESTINATION_NUMBER',
        agent: 'YOUR_RCS_SENDER',
        at: Date.parse('2026-05-22T11:00:00Z'),
      }),
    ).toMatchObject({ conversationId, trafficType: 'A2P_CONVERSATION', derived: false });
  });

  it('learns the user of a session opened by an MO from the next event carrying its id', async () => {
    const { rcs, post } = conversationCore();
    const startedP2A = loadFixtureJson('infobip', 'notes-conversation-started-flat') as {
      results: Record<string, unknown>[];
    };
    const result = startedP2A.results[0] as { conversation: Record<string, unknown> };
    result.conversation = { ...result.conversation, type: 'P2A' };
    await post('infobip', startedP2A, Date.parse('2026-06-14T09:12:05Z'));
    const query = { provider: 'infobip', user: '441134960001', at: Date.parse('2026-06-14T10:00:00Z') };
    expect(await rcs.conversations.find(query)).toBeUndefined();
    await post('infobip', {
      results: [
        {
          messageId: 'mt-in-session',
          to: '441134960001',
          sender: 'DemoSender',
          sentAt: '2026-06-14T09:30:00.000+0000',
          doneAt: '2026-06-14T09:30:01.000+0000',
          status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
          conversation: { canInitiate: false, id: 'conv-xyz789' },
        },
      ],
    });
    expect(await rcs.conversations.find({ ...query, agent: 'DemoSender' })).toMatchObject({
      conversationId: 'conv-xyz789',
      type: 'P2A',
      user: '441134960001',
      agent: 'DemoSender',
    });
  });

  it('derives no sessions for Infobip by default', async () => {
    const { events, post } = conversationCore();
    await post('infobip', infobipReport('mt-1', '2026-06-01T08:00:00.000+0000'), T0);
    await post('infobip', infobipMo('mo-1', '2026-06-01T09:00:00.000+0000'), T0 + HOUR);
    expect(started(events)).toEqual([]);
  });
});

describe('the deriveConversations option', () => {
  it('turns derivation off for every provider or for one', async () => {
    for (const deriveConversations of [false, { telnyx: false }] as const) {
      const { events, post } = conversationCore({ deriveConversations });
      await post('telnyx', telnyxOutbound('b1', T0), T0);
      await post('telnyx', telnyxInbound('u1', T0 + HOUR), T0 + HOUR);
      expect(summary(events)).toEqual(['delivery b1', 'inbound u1']);
    }
  });

  it('turns it on for a provider that reports sessions', async () => {
    const { events, post } = conversationCore({ deriveConversations: { infobip: true, telnyx: false } });
    await post('infobip', infobipReport('mt-1', '2026-06-01T08:00:00.000+0000'), T0);
    await post('infobip', infobipMo('mo-1', '2026-06-01T09:00:00.000+0000'), T0 + HOUR);
    expect(summary(events)).toEqual(['delivery mt-1', 'inbound mo-1 in session', 'started A2P mo-1']);
  });

  it('is validated, and needs a store that can derive when asked for', () => {
    const providers = { telnyx: telnyxSample.options } as const;
    expect(() => createRcsWebhooks({ providers, deriveConversations: { nope: true } as never })).toThrow(
      /deriveConversations\.nope/,
    );
    expect(() => createRcsWebhooks({ providers, deriveConversations: { telnyx: 'yes' } as never })).toThrow(
      ConfigurationError,
    );
    const { recordActivity: _record, startConversation: _start, ...plain } = memoryStore();
    const store: ConversationStore = plain;
    expect(() => createRcsWebhooks({ providers, store, deriveConversations: true })).toThrow(
      /needs a store with recordActivity and startConversation/,
    );
    // By default such a store simply derives nothing.
    expect(createRcsWebhooks({ providers, store }).providers).toEqual(['telnyx']);
  });
});

function infobipReport(messageId: string, sentAt: string) {
  return {
    results: [
      {
        messageId,
        to: 'user-1',
        sender: 'InfobipAgent',
        sentAt,
        doneAt: sentAt,
        status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
      },
    ],
  };
}

function infobipMo(messageId: string, receivedAt: string) {
  return {
    results: [
      { sender: 'user-1', to: 'InfobipAgent', receivedAt, messageId, message: { type: 'TEXT', text: 'Hi' } },
    ],
  };
}
