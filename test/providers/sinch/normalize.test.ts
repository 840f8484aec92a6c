import { describe, expect, it } from 'vitest';
import { expectAcceptedUnsupported } from '../../helpers/content-contract.js';
import { loadFixtureJson } from '../../helpers/fixtures.js';
import { base, eventsOf, harness, NOW, post } from './setup.js';

type Json = Record<string, unknown>;

const INBOUND = loadFixtureJson('sinch', 'notes-message-inbound-text') as Json & { message: Json };
const READ = loadFixtureJson('sinch', 'notes-message-delivery-read') as Json & {
  message_delivery_report: Json;
};
const COMPOSING = loadFixtureJson('sinch', 'composed-event-inbound-composing') as Json & { event: Json };
const CAPABILITY = loadFixtureJson('sinch', 'composed-capability-full') as Json & {
  capability_notification: Json;
};
const START = loadFixtureJson('sinch', 'composed-conversation-start') as Json;
const OUTBOUND = '01JGQX000000000000000000MT';

const inboundWith = (message: Json, envelope: Json = {}) => ({
  ...INBOUND,
  ...envelope,
  message: { ...INBOUND.message, ...message },
});
const reportWith = (report: Json, envelope: Json = {}) => ({
  ...READ,
  ...envelope,
  message_delivery_report: { ...READ.message_delivery_report, ...report },
});
const contentOf = async (contactMessage: unknown) =>
  ((await eventsOf(inboundWith({ contact_message: contactMessage })))[0] as { content?: object }).content;

/** Signed and accepted although it does not fit: 200, `unsupported` events, each reported to onError. */
async function expectUnsupported(body: unknown, code: 'invalid_payload' | 'malformed_body') {
  const recorded = harness();
  const answer = await post(recorded.rcs, typeof body === 'string' ? body : JSON.stringify(body));
  return expectAcceptedUnsupported(recorded, answer, code);
}

describe('sinch delivery statuses', () => {
  const mapping: [string, string, Json?][] = [
    ['QUEUED_ON_CHANNEL', 'sent'],
    ['DELIVERED', 'delivered'],
    ['READ', 'read'],
    ['FAILED', 'failed'],
    ['FAILED', 'expired', { code: 'MESSAGE_EXPIRED' }],
    ['FAILED', 'expired', { code: 'message_expired' }],
    ['FAILED', 'expired', { code: 'DELIVERY_TIMED_OUT' }],
    ['FAILED', 'unknown', { code: 'DELIVERY_REPORT_TIME_OUT' }],
    ['FAILED', 'failed', { code: 'RECIPIENT_NOT_REACHABLE' }],
    ['FAILED', 'failed', { code: 'SOME_FUTURE_CODE' }],
    ['SWITCHING_CHANNEL', 'unknown'],
    ['delivered', 'delivered'],
    ['SOME_FUTURE_STATUS', 'unknown'],
    ['constructor', 'unknown'],
  ];
  for (const [providerStatus, status, reason] of mapping) {
    it(`maps ${providerStatus}${reason ? ` (reason ${reason.code})` : ''} to ${status}`, async () => {
      const [event] = await eventsOf(reportWith({ status: providerStatus, ...(reason ? { reason } : {}) }));
      expect(event).toMatchObject({
        kind: 'delivery',
        id: `delivery:${OUTBOUND}:${providerStatus}:RCS`,
        status,
        providerStatus,
      });
    });
  }

  it('follows a fallback from RCS to SMS: four reports, four ids, the store ends at delivered', async () => {
    const { rcs, events } = harness();
    const sms = { channel: 'SMS', identity: '46732001122', app_id: '' };
    const reports = [
      reportWith({ status: 'QUEUED_ON_CHANNEL' }),
      reportWith({ status: 'SWITCHING_CHANNEL', reason: { code: 'RECIPIENT_INVALID_CHANNEL_IDENTITY' } }),
      reportWith({ status: 'QUEUED_ON_CHANNEL', channel_identity: sms }),
      reportWith({ status: 'DELIVERED', channel_identity: sms }),
    ];
    for (const report of reports) expect((await post(rcs, report)).status).toBe(200);
    expect(
      events.map((event) => [event.id, (event as { superseded?: boolean }).superseded ?? false]),
    ).toEqual([
      [`delivery:${OUTBOUND}:QUEUED_ON_CHANNEL:RCS`, false],
      // `unknown` never replaces `sent`: a handler sees the switch, the store keeps its status.
      [`delivery:${OUTBOUND}:SWITCHING_CHANNEL:RCS`, true],
      [`delivery:${OUTBOUND}:QUEUED_ON_CHANNEL:SMS`, false],
      [`delivery:${OUTBOUND}:DELIVERED:SMS`, false],
    ]);
    expect(await rcs.messages.get(OUTBOUND)).toMatchObject({
      status: 'delivered',
      providerStatus: 'DELIVERED',
    });
  });

  it('marks a DELIVERED report arriving after READ as superseded', async () => {
    const { rcs, events } = harness();
    await post(rcs, reportWith({ status: 'READ' }));
    await post(rcs, reportWith({ status: 'DELIVERED' }));
    expect(events.map((event) => (event as { superseded?: boolean }).superseded)).toEqual([undefined, true]);
  });

  it('runs handlers once when Sinch delivers the same callback twice (new nonce and timestamp)', async () => {
    const { rcs, events } = harness();
    expect(await post(rcs, READ)).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rcs, READ, { now: NOW + 30_000 })).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rcs, INBOUND)).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rcs, INBOUND, { now: NOW + 30_000 })).toEqual({ status: 200, body: { ok: true } });
    expect(events.map((event) => event.kind)).toEqual(['delivery', 'inbound']);
  });

  it('reads a report without channel identity, metadata or reason text', async () => {
    const { channel_identity: _c, ...rest } = READ.message_delivery_report;
    const webhook = {
      ...READ,
      message_delivery_report: { ...rest, metadata: '', reason: { description: '' } },
    };
    expect(await eventsOf(webhook)).toStrictEqual([
      {
        ...base,
        kind: 'delivery',
        id: `delivery:${OUTBOUND}:READ`,
        raw: webhook,
        occurredAt: new Date('2025-01-01T12:00:01.900Z'),
        messageId: OUTBOUND,
        status: 'read',
        providerStatus: 'READ',
        conversation: { id: '01JGQX0000000000000000000C' },
      },
    ]);
  });

  it('keeps a reason code without description', async () => {
    const [event] = await eventsOf(
      reportWith({ status: 'FAILED', reason: { code: 'INTERNAL_ERROR', sub_code: null } }),
    );
    expect((event as { error?: object }).error).toStrictEqual({ code: 'INTERNAL_ERROR' });
  });

  // Issue 13 item 16: each documented ReasonCode where the event model has a place.
  for (const [code, permanent] of [
    ['RATE_LIMITED', false],
    ['RECIPIENT_INVALID_CHANNEL_IDENTITY', true],
    ['MEDIA_TYPE_UNSUPPORTED', true],
    ['MEDIA_TOO_LARGE', true],
    ['TEMPLATE_NOT_FOUND', true],
    ['TEMPLATE_INSUFFICIENT_PARAMETERS', true],
    ['TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION', true],
    ['BAD_REQUEST', true],
    ['CHANNEL_REJECT', true],
    ['RECIPIENT_NOT_REACHABLE', undefined],
    ['CHANNEL_FAILURE', undefined],
    ['UNKNOWN', undefined],
  ] as const) {
    it(`reads FAILED with reason ${code} as failed with error.code${permanent === undefined ? '' : ` and permanent: ${permanent}`}`, async () => {
      const [event] = await eventsOf(
        reportWith({ status: 'FAILED', reason: { code, description: 'Sinch says why' } }),
      );
      expect(event).toMatchObject({ status: 'failed', providerStatus: 'FAILED' });
      expect((event as { error?: object }).error).toStrictEqual({
        code,
        message: 'Sinch says why',
        ...(permanent === undefined ? {} : { permanent }),
      });
    });
  }

  it('normalizes reports of other channels (a fallback to WhatsApp) without `channel`', async () => {
    const webhook = reportWith({ channel_identity: { channel: 'WHATSAPP', identity: '46732001122' } });
    expect(await eventsOf(webhook)).toStrictEqual([
      {
        ...base,
        kind: 'delivery',
        id: `delivery:${OUTBOUND}:READ:WHATSAPP`,
        raw: webhook,
        occurredAt: new Date('2025-01-01T12:00:01.900Z'),
        messageId: OUTBOUND,
        status: 'read',
        providerStatus: 'READ',
        recipient: '46732001122',
        conversation: { id: '01JGQX0000000000000000000C' },
      },
    ]);
    const [mms] = await eventsOf(
      reportWith({ channel_identity: { channel: 'MMS', identity: '46732001122' } }),
    );
    expect(mms).toMatchObject({ kind: 'delivery', channel: 'mms' });
  });
});

describe('sinch timestamps', () => {
  it('parses nanosecond event times (as Sinch sends them) to the millisecond', async () => {
    const [event] = await eventsOf(reportWith({}, { event_time: '2022-02-07T20:01:09.892757478Z' }));
    expect(event?.occurredAt).toEqual(new Date('2022-02-07T20:01:09.892Z'));
  });

  it('falls back to accept_time, then accepted_time, and omits occurredAt without any', async () => {
    const noEventTime = inboundWith({}, { event_time: '' });
    expect((await eventsOf(noEventTime))[0]?.occurredAt).toEqual(new Date('2025-01-01T12:00:00.100Z'));
    const { event_time: _e, ...envelope } = READ;
    expect((await eventsOf(envelope))[0]?.occurredAt).toEqual(new Date('2025-01-01T12:00:02Z'));
    const { accepted_time: _a, ...bare } = envelope;
    expect((await eventsOf(bare))[0]).not.toHaveProperty('occurredAt');
  });
});

describe('sinch inbound messages', () => {
  it('omits `to` and `conversation` when Sinch sends empty strings', async () => {
    const [event] = await eventsOf(inboundWith({ sender_id: '', conversation_id: '' }));
    expect(event).not.toHaveProperty('to');
    expect(event).not.toHaveProperty('conversation');
  });

  it('keeps only the fields a media message carries, and accepts a null reply_to', async () => {
    expect(
      await contentOf({ media_message: { url: 'https://m.example/a.pdf' }, reply_to: null }),
    ).toStrictEqual({
      type: 'file',
      url: 'https://m.example/a.pdf',
    });
    expect(
      await contentOf({ location_message: { coordinates: { latitude: 1, longitude: 2 }, title: 'T' } }),
    ).toStrictEqual({ type: 'location', latitude: 1, longitude: 2 });
  });

  it('prefers reply_to over the choice message id', async () => {
    const [event] = await eventsOf(
      inboundWith({
        contact_message: {
          choice_response_message: { message_id: 'choice-msg', postback_data: 'yes' },
          reply_to: { message_id: 'reply-msg' },
        },
      }),
    );
    expect(event).toMatchObject({
      replyToMessageId: 'reply-msg',
      content: { type: 'suggestion', postbackData: 'yes' },
    });
  });

  const unsupportedCases: [string, Json, string][] = [
    [
      'a WhatsApp product response',
      { contact_message: { product_response_message: {} } },
      'Sinch product_response_message contact messages are not supported',
    ],
    [
      'an unknown content variant',
      { contact_message: { calendar_message: {} } },
      'Sinch contact message (keys: calendar_message) is not supported',
    ],
    [
      'an empty contact message',
      { contact_message: { reply_to: { message_id: 'x' } } },
      'Sinch contact message (keys: none) is not supported',
    ],
    [
      'a message to the contact',
      { direction: 'TO_CONTACT' },
      'Sinch message with direction TO_CONTACT is not from the contact',
    ],
    [
      'a Messenger message',
      { channel_identity: { channel: 'MESSENGER', identity: '123' } },
      'Sinch MESSENGER messages are not RCS, SMS or MMS',
    ],
  ];
  for (const [what, message, reason] of unsupportedCases) {
    it(`passes ${what} on unsupported`, async () => {
      const webhook = inboundWith(message);
      expect(await eventsOf(webhook)).toMatchObject([{ kind: 'unsupported', reason, raw: webhook }]);
    });
  }

  it('normalizes an MMS message like an SMS one', async () => {
    const [event] = await eventsOf(
      inboundWith({ channel_identity: { channel: 'MMS', identity: '46732001122' } }),
    );
    expect(event).toMatchObject({
      kind: 'inbound',
      from: '46732001122',
      content: { type: 'text', text: 'Hello' },
    });
  });

  const invalid: [string, Json][] = [
    ['no id', { id: undefined }],
    ['no channel identity', { channel_identity: undefined }],
    ['a channel identity without identity', { channel_identity: { channel: 'RCS', identity: '' } }],
    ['no contact message', { contact_message: undefined }],
    ['a text that is not a string', { contact_message: { text_message: { text: 42 } } }],
    ['a media message without url', { contact_message: { media_message: { thumbnail_url: 'x' } } }],
    [
      'string coordinates',
      {
        contact_message: { location_message: { coordinates: { latitude: '1', longitude: '2' }, title: 'x' } },
      },
    ],
    [
      'a choice response without postback data',
      { contact_message: { choice_response_message: { message_id: 'x' } } },
    ],
    ['a reply_to that is a string', { contact_message: { text_message: { text: 'x' }, reply_to: 'x' } }],
  ];
  for (const [what, message] of invalid) {
    it(`passes a message with ${what} on as unsupported, reported`, () =>
      expectUnsupported(inboundWith(message), 'invalid_payload'));
  }
});

describe('sinch inbound events', () => {
  // Through JSON, so a field set to `undefined` is absent, as in the bytes sent.
  const eventWith = (event: Json): Json =>
    JSON.parse(JSON.stringify({ ...COMPOSING, event: { ...COMPOSING.event, ...event } }));

  const unsupportedCases: [string, Json, string][] = [
    [
      'a generic contact event',
      { contact_event: { generic_event: { payload: {} } } },
      'Sinch EVENT_INBOUND contact_event (generic_event) is not supported',
    ],
    [
      'a deleted conversation',
      { contact_event: { conversation_deleted_event: {} } },
      'Sinch EVENT_INBOUND contact_event (conversation_deleted_event) is not supported',
    ],
    [
      'an event with neither group',
      { contact_event: undefined },
      'Sinch EVENT_INBOUND contact_message_event (empty) is not supported',
    ],
    [
      'a WhatsApp typing indicator',
      { channel_identity: { channel: 'WHATSAPP', identity: '1' } },
      'Sinch WHATSAPP events are not RCS, SMS or MMS',
    ],
    [
      'an event to the contact',
      { direction: 'TO_CONTACT' },
      'Sinch event with direction TO_CONTACT is not from the contact',
    ],
  ];
  for (const [what, event, reason] of unsupportedCases) {
    it(`passes ${what} on unsupported`, async () => {
      const webhook = eventWith(event);
      expect(await eventsOf(webhook)).toMatchObject([{ kind: 'unsupported', reason, raw: webhook }]);
    });
  }

  it('gives typing on and off of one contact distinct ids, both handled', async () => {
    const { rcs, events } = harness();
    await post(rcs, COMPOSING);
    await post(rcs, eventWith({ id: 'EV-END', contact_event: { composing_end_event: {} } }));
    expect(events.map((event) => [event.id, (event as { active?: boolean }).active])).toEqual([
      ['typing:01JGQX00000000000000000EV1:on', true],
      ['typing:EV-END:off', false],
    ]);
  });

  it('passes an event without id or channel identity on as unsupported, reported', async () => {
    await expectUnsupported(eventWith({ id: undefined }), 'invalid_payload');
    await expectUnsupported(eventWith({ channel_identity: undefined }), 'invalid_payload');
  });
});

describe('sinch conversations and capability', () => {
  it('reads a conversation without `active` as one without status', async () => {
    const webhook = { ...START, conversation_start_notification: { conversation: { id: 'C1' } } };
    expect(await eventsOf(webhook)).toStrictEqual([
      {
        ...base,
        kind: 'conversationUpdated',
        id: 'conversationUpdated:C1:CONVERSATION_START',
        raw: webhook,
        occurredAt: new Date('2025-01-01T11:59:57.000Z'),
        conversationId: 'C1',
      },
    ]);
  });

  it('never reports a Sinch conversation as an RCS conversation session', async () => {
    const { rcs, events } = harness();
    await post(rcs, START);
    expect(events.map((event) => event.kind)).toEqual(['conversationUpdated']);
    expect(await rcs.conversations.find({ provider: 'sinch', user: '46732001122', at: NOW })).toBeUndefined();
  });

  it('passes conversation callbacks without a conversation id on as unsupported, reported', async () => {
    await expectUnsupported(
      { ...START, conversation_start_notification: { conversation: {} } },
      'invalid_payload',
    );
    await expectUnsupported({ ...START, conversation_start_notification: {} }, 'invalid_payload');
  });

  const capabilityWith = (notification: Json) => ({
    ...CAPABILITY,
    capability_notification: { ...CAPABILITY.capability_notification, ...notification },
  });

  it('maps CAPABILITY_PARTIAL to enabled and identifies a result without request_id by number and status', async () => {
    const [event] = await eventsOf(
      capabilityWith({ capability_status: 'CAPABILITY_PARTIAL', request_id: '' }),
    );
    expect(event).toMatchObject({
      kind: 'capability',
      id: 'capability:46732001122:CAPABILITY_PARTIAL',
      enabled: true,
      providerStatus: 'CAPABILITY_PARTIAL',
    });
  });

  for (const [what, notification, reason] of [
    [
      'an unknown capability',
      { capability_status: 'CAPABILITY_UNKNOWN' },
      'Sinch capability status CAPABILITY_UNKNOWN says neither enabled nor not',
    ],
    ['a WhatsApp capability', { channel: 'WHATSAPP' }, 'Sinch WHATSAPP capability results are not RCS'],
  ] as const) {
    it(`passes ${what} on unsupported`, async () => {
      expect(await eventsOf(capabilityWith(notification))).toMatchObject([{ kind: 'unsupported', reason }]);
    });
  }

  it('passes a capability result without identity or status on as unsupported, reported', async () => {
    await expectUnsupported(capabilityWith({ identity: undefined }), 'invalid_payload');
    await expectUnsupported(capabilityWith({ capability_status: undefined }), 'invalid_payload');
  });
});

describe('sinch envelope', () => {
  const envelope = { app_id: 'APP', project_id: 'PROJECT' };

  for (const [key, trigger] of [
    ['event_delivery_report', 'EVENT_DELIVERY'],
    ['unsupported_callback', 'UNSUPPORTED'],
    ['smart_conversation_notification', 'SMART_CONVERSATIONS'],
    ['record_notification', 'RECORD_NOTIFICATION'],
  ]) {
    it(`passes ${trigger} callbacks on unsupported`, async () => {
      const webhook = { ...envelope, [key as string]: {} };
      expect(await eventsOf(webhook)).toMatchObject([
        { kind: 'unsupported', reason: `Sinch ${trigger} callbacks are not supported`, raw: webhook },
      ]);
    });
  }

  it('passes a callback with an unknown payload key on unsupported', async () => {
    expect(await eventsOf({ ...envelope, brand_new_notification: {} })).toMatchObject([
      { kind: 'unsupported', reason: 'Sinch callback without a known trigger key' },
    ]);
  });

  it('reads `message` first, as the SDK does', async () => {
    const [event] = await eventsOf({ ...INBOUND, event: COMPOSING.event });
    expect(event).toMatchObject({ kind: 'inbound' });
  });

  for (const [what, body] of [
    ['an array', '[]'],
    ['an empty object', '{}'],
    [
      'no project_id',
      JSON.stringify({ app_id: 'APP', message_delivery_report: READ.message_delivery_report }),
    ],
    ['a JSON string', '"message"'],
    ['null', 'null'],
    ['a message that is not an object', JSON.stringify({ ...envelope, message: 'hi' })],
    ['a delivery report without status', JSON.stringify(reportWith({ status: undefined }))],
    ['a delivery report without message_id', JSON.stringify(reportWith({ message_id: '' }))],
    [
      'a submit notification without message_id',
      JSON.stringify({ ...envelope, message_submit_notification: {} }),
    ],
  ] as const) {
    it(`passes ${what} on as unsupported, reported`, () => expectUnsupported(body, 'invalid_payload'));
  }

  it('passes a body that is not JSON on as unsupported (malformed_body)', () =>
    expectUnsupported('{"message":', 'malformed_body'));

  it('never puts its own fields on raw: raw is the callback as sent', async () => {
    const [event] = await eventsOf(READ);
    expect(event?.raw).toStrictEqual(READ);
  });
});

describe('sinch OPT_IN and OPT_OUT (issue 13 items 16, 18)', () => {
  const envelope = { app_id: 'APP', project_id: 'PROJECT', accepted_time: '2025-01-01T12:00:00Z' };
  const opt = (key: 'opt_in_notification' | 'opt_out_notification', notification: Json) => ({
    ...envelope,
    [key]: { channel: 'RCS', identity: '46732001122', ...notification },
  });

  it('reports an opt-out as unsubscribed whatever its registration outcome', async () => {
    for (const status of ['OPT_OUT_SUCCEEDED', 'OPT_OUT_FAILED', undefined]) {
      const [event] = await eventsOf(opt('opt_out_notification', { status, request_id: 'R1' }));
      expect(event).toMatchObject({
        kind: 'subscription',
        id: 'subscription:R1',
        user: '46732001122',
        subscribed: false,
        providerStatus: status ?? 'OPT_OUT',
      });
    }
  });

  it('reports an opt-in only when Sinch says it succeeded', async () => {
    const [ok] = await eventsOf(opt('opt_in_notification', { status: 'OPT_IN_SUCCEEDED' }));
    expect(ok).toMatchObject({
      kind: 'subscription',
      id: 'subscription:OPT_IN:46732001122:2025-01-01T12:00:00Z',
      subscribed: true,
    });
    for (const status of ['OPT_IN_FAILED', 'OPT_IN_STATUS_UNSPECIFIED', undefined]) {
      const [event] = await eventsOf(opt('opt_in_notification', { status }));
      expect(event).toMatchObject({
        kind: 'unsupported',
        reason: expect.stringContaining('did not subscribe'),
      });
    }
  });

  it('passes a notification without identity on as unsupported, reported', async () => {
    const { rcs, events, errors } = harness();
    expect((await post(rcs, opt('opt_out_notification', { identity: '' }))).status).toBe(200);
    expect(events).toMatchObject([{ kind: 'unsupported' }]);
    expect(errors).toHaveLength(1);
  });

  it('names the reason code of an unknown capability in its unsupported reason', async () => {
    const webhook = {
      ...CAPABILITY,
      capability_notification: {
        ...CAPABILITY.capability_notification,
        capability_status: 'CAPABILITY_UNKNOWN',
        reason: { code: 'RECIPIENT_NOT_REACHABLE' },
      },
    };
    expect(await eventsOf(webhook)).toMatchObject([
      {
        kind: 'unsupported',
        reason:
          'Sinch capability status CAPABILITY_UNKNOWN says neither enabled nor not (reason RECIPIENT_NOT_REACHABLE)',
      },
    ]);
  });
});
