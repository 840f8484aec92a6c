import { describe, expect, it } from 'vitest';
import { PayloadParseError } from '../../../src/errors/index.js';
import { expectAcceptedUnsupported, expectValueNotEchoed } from '../../helpers/content-contract.js';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { INFOBIP_BASIC, infobipCore, signedInfobip } from '../../helpers/infobip.js';
import { providerHarness } from '../../helpers/provider-harness.js';

/** A core with Infobip Basic auth recording events and errors. */
const infobipHarness = () => providerHarness({ infobip: { basic: INFOBIP_BASIC } });

const RECEIVED_AT = Date.parse('2026-11-21T12:00:00Z');
const date = (iso: string) => new Date(iso);

/** Every Infobip fixture and the events it must produce, field for field (`raw` checked separately). */
const EXPECTED: Record<string, object[]> = {
  'seed-delivery-report-can-initiate': [
    {
      kind: 'delivery',
      id: 'delivery:msg_12345678-1234-5678-9012-123456789abc:DELIVERED:DELIVERED_TO_HANDSET',
      occurredAt: date('2026-05-22T10:00:01.000Z'),
      messageId: 'msg_12345678-1234-5678-9012-123456789abc',
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      recipient: 'YOUR_DESTINATION_NUMBER',
      sender: 'YOUR_RCS_SENDER',
      conversation: { canInitiate: true },
    },
  ],
  'seed-conversation-started': [
    {
      kind: 'conversationStarted',
      id: 'conversationStarted:3b87aaa2-0809-44c5-9a57-154fdc4ac97d',
      occurredAt: date('2026-05-22T10:05:00.000Z'),
      conversationId: '3b87aaa2-0809-44c5-9a57-154fdc4ac97d',
      type: 'A2P',
      trafficType: 'A2P_CONVERSATION',
      startsAt: date('2026-05-22T10:05:00.000Z'),
      endsAt: date('2026-05-23T10:05:00.000Z'),
      messageId: 'msg_12345678-1234-5678-9012-123456789abc',
      derived: false,
    },
  ],
  'seed-delivery-report-in-conversation': [
    {
      kind: 'delivery',
      id: 'delivery:msg_87654321-4321-8765-2109-cba987654321:DELIVERED:DELIVERED_TO_HANDSET',
      occurredAt: date('2026-05-22T10:10:01.000Z'),
      messageId: 'msg_87654321-4321-8765-2109-cba987654321',
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      recipient: 'YOUR_DESTINATION_NUMBER',
      sender: 'YOUR_RCS_SENDER',
      conversation: { id: '3b87aaa2-0809-44c5-9a57-154fdc4ac97d', canInitiate: false },
    },
  ],
  'composed-delivery-report-traffic-type-p2a': [
    {
      kind: 'delivery',
      id: 'delivery:msg_87654321-4321-8765-2109-cba987654321:DELIVERED:DELIVERED_TO_HANDSET',
      occurredAt: date('2026-05-22T10:10:01.000Z'),
      messageId: 'msg_87654321-4321-8765-2109-cba987654321',
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      recipient: 'YOUR_DESTINATION_NUMBER',
      sender: 'YOUR_RCS_SENDER',
      conversation: { id: '3b87aaa2-0809-44c5-9a57-154fdc4ac97d', canInitiate: false },
      trafficType: 'P2A',
    },
  ],
  'notes-delivery-report-full': [
    {
      kind: 'delivery',
      id: 'delivery:c0ed295b-c39d-4f6d-b347-fa1837f18c00:DELIVERED:DELIVERED_TO_HANDSET:RCS',
      occurredAt: date('2024-06-14T09:12:03.000Z'),
      messageId: 'c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      recipient: '441134960001',
      sender: 'DemoSender',
      conversation: { id: 'conv-xyz789', canInitiate: false },
      trafficType: 'RICH',
      channel: 'rcs',
      callbackData: 'order-42',
    },
  ],
  'notes-seen-report': [
    {
      kind: 'delivery',
      id: 'read:c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      occurredAt: date('2019-08-24T14:16:02Z'),
      messageId: 'c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      status: 'read',
      providerStatus: 'SEEN',
      recipient: '441134960001',
      sender: 'DemoSender',
    },
  ],
  'notes-inbound-text': [
    {
      kind: 'inbound',
      id: 'inbound:c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      occurredAt: date('2024-06-14T09:12:00.000Z'),
      messageId: 'c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      from: '385912345678',
      to: 'DemoSender',
      content: { type: 'text', text: 'This is a text message' },
      replyToMessageId: '29ee2440-5461-4b04-bc81-3f6aa630ffa7',
    },
  ],
  'notes-inbound-file': [
    {
      kind: 'inbound',
      id: 'inbound:msg-abc123',
      occurredAt: date('2026-03-03T14:22:30.000Z'),
      messageId: 'msg-abc123',
      from: '385912345678',
      to: 'DemoSender',
      content: {
        type: 'file',
        url: 'https://…/media/abc.jpg',
        mimeType: 'image/jpeg',
        name: 'abc.jpg',
        size: 230230,
      },
      replyToMessageId: 'msg-xyz456',
      conversation: { id: 'conv-xyz789', canInitiate: false },
      trafficType: 'P2A_CONVERSATION',
    },
  ],
  'composed-inbound-location': [
    {
      kind: 'inbound',
      id: 'inbound:c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      occurredAt: date('2024-06-14T09:12:00.000Z'),
      messageId: 'c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      from: '385912345678',
      to: 'DemoSender',
      content: { type: 'location', latitude: 45.815, longitude: 15.9819 },
      replyToMessageId: '29ee2440-5461-4b04-bc81-3f6aa630ffa7',
    },
  ],
  'composed-inbound-suggestion': [
    {
      kind: 'inbound',
      id: 'inbound:c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      occurredAt: date('2024-06-14T09:12:00.000Z'),
      messageId: 'c0ed295b-c39d-4f6d-b347-fa1837f18c00',
      from: '385912345678',
      to: 'DemoSender',
      content: { type: 'suggestion', postbackData: 'reply_yes', text: 'Yes, please' },
      replyToMessageId: '29ee2440-5461-4b04-bc81-3f6aa630ffa7',
    },
  ],
  'notes-user-action-event': [
    {
      kind: 'inbound',
      id: 'inbound:msg-abc123',
      occurredAt: date('2026-03-03T14:22:30.000Z'),
      messageId: 'msg-abc123',
      from: '+385911234567',
      to: '+385911111111',
      content: { type: 'suggestion', postbackData: 'suggestionPostbackData', text: 'suggestionText' },
      replyToMessageId: 'msg-xyz456',
      conversation: { id: 'conv-xyz789', canInitiate: false },
    },
  ],
  'notes-typing-indicator': [
    {
      kind: 'typing',
      id: 'typing:441134960001:DemoSender:2025-02-06T15:35:12.123+0000:on',
      occurredAt: date('2025-02-06T15:35:12.123Z'),
      from: '441134960001',
      to: 'DemoSender',
      active: true,
    },
  ],
  'notes-conversation-started-flat': [
    {
      kind: 'conversationStarted',
      id: 'conversationStarted:conv-xyz789',
      occurredAt: date('2026-06-14T09:12:00.000Z'),
      conversationId: 'conv-xyz789',
      type: 'A2P',
      trafficType: 'A2P_CONVERSATION',
      startsAt: date('2026-06-14T09:12:00.000Z'),
      endsAt: date('2026-06-15T09:12:00.000Z'),
      messageId: 'msg-abc123',
      derived: false,
    },
  ],
  'notes-capability-check': [
    {
      kind: 'capability',
      id: 'capability:b5c3bdff-2d44-4f74-8a8e-3792fa57dfc3',
      phoneNumber: '441134960001',
      enabled: true,
      providerStatus: 'ENABLED',
    },
  ],
  'notes-resource-status-update': [
    { kind: 'unsupported', reason: 'Infobip event RESOURCE_REQUEST_STATUS_UPDATE is not supported' },
  ],
  'notes-messages-api-delivery': [
    {
      kind: 'delivery',
      id: 'delivery:m-1:DELIVERED:DELIVERED_TO_HANDSET:RCS',
      occurredAt: date('2024-06-14T09:12:03.000Z'),
      messageId: 'm-1',
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      recipient: '441134960001',
      sender: 'DemoSender',
      channel: 'rcs',
    },
  ],
  'composed-messages-api-seen': [
    {
      kind: 'delivery',
      id: 'read:m-1',
      occurredAt: date('2024-06-14T09:13:10.000Z'),
      messageId: 'm-1',
      status: 'read',
      providerStatus: 'SEEN',
      recipient: '441134960001',
      sender: 'DemoSender',
      channel: 'rcs',
    },
  ],
  'notes-messages-api-mo': [
    {
      kind: 'inbound',
      id: 'inbound:ABEGVUGWh3gEAgo-sLTvmQCS5kwjhsy',
      occurredAt: date('2020-02-06T14:18:29.797Z'),
      messageId: 'ABEGVUGWh3gEAgo-sLTvmQCS5kwjhsy',
      from: '48123234567',
      to: 'DemoSender',
      content: { type: 'text', text: 'Text message 123' },
    },
  ],
  'composed-messages-api-typing-started': [
    {
      kind: 'typing',
      id: 'typing:ABEGVUGWh3gEAgo-sLTvmQCS5kwjhsy:on',
      occurredAt: date('2020-02-06T14:18:29.797Z'),
      from: '48123234567',
      to: 'DemoSender',
      active: true,
    },
  ],
  'composed-messages-api-typing-stopped': [
    {
      kind: 'typing',
      id: 'typing:ABEGVUGWh3gEAgo-sLTvmQCS5kwjhsy:off',
      occurredAt: date('2020-02-06T14:18:29.797Z'),
      from: '48123234567',
      to: 'DemoSender',
      active: false,
    },
  ],
};

describe('Infobip payloads', () => {
  it('covers every Infobip fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('infobip'));
  });

  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    it(`normalizes ${fixture}`, async () => {
      const { rcs, events } = infobipCore({ now: () => RECEIVED_AT });
      const body = loadFixture('infobip', fixture);
      const response = await rcs.handle(await signedInfobip(body));
      expect(response.status).toBe(200);

      const parsed = JSON.parse(body) as { results?: unknown[] };
      const raws = parsed.results ?? [parsed];
      expect(
        events.map(({ raw: _raw, provider: _provider, receivedAt: _receivedAt, ...rest }) => rest),
      ).toEqual(
        expected.map((event) =>
          'id' in event ? event : { ...event, id: expect.stringMatching(/^unsupported:/) },
        ),
      );
      events.forEach((event, index) => {
        expect(event.provider).toBe('infobip');
        expect(event.receivedAt).toEqual(new Date(RECEIVED_AT));
        expect(event.raw).toEqual(raws[index]);
      });
    });
  }
});

/** A delivery report result. */
const report = (messageId: string, groupName: string, name: string) => ({
  messageId,
  to: '441134960001',
  sender: 'DemoSender',
  doneAt: '2024-06-14T09:12:03.000-0300',
  status: { groupId: 1, groupName, id: 7, name },
});

describe('Infobip batches and edge cases', () => {
  it('emits one event per result, in order', async () => {
    const { rcs, events } = infobipCore();
    const results = Array.from({ length: 100 }, (_, index) =>
      report(`m-${index}`, 'PENDING', 'PENDING_ENROUTE'),
    );
    expect((await rcs.handle(await signedInfobip({ results }))).status).toBe(200);
    expect(events.map((event) => (event.kind === 'delivery' ? event.messageId : ''))).toEqual(
      results.map((result) => result.messageId),
    );
  });

  it('parses offsets without a colon to the right instant', async () => {
    const { rcs, events } = infobipCore();
    await rcs.handle(await signedInfobip({ results: [report('m-1', 'PENDING', 'PENDING_ENROUTE')] }));
    expect(events[0]?.occurredAt).toEqual(new Date('2024-06-14T12:12:03.000Z'));
  });

  it.each([
    ['PENDING', 'MESSAGE_ACCEPTED', 'queued'],
    ['PENDING', 'PENDING_ENROUTE', 'sent'],
    ['PENDING', 'PENDING_WAITING_DELIVERY', 'sent'],
    ['DELIVERED', 'DELIVERED_TO_HANDSET', 'delivered'],
    ['UNDELIVERABLE', 'UNDELIVERABLE_NOT_DELIVERED', 'failed'],
    ['REJECTED', 'REJECTED_NETWORK', 'failed'],
    ['EXPIRED', 'EXPIRED_EXPIRED', 'expired'],
    ['SOMETHING_NEW', 'NEW_NAME', 'unknown'],
  ])('maps status group %s / %s to %s', async (groupName, name, status) => {
    const { rcs, events } = infobipCore();
    await rcs.handle(await signedInfobip({ results: [report('m-1', groupName, name)] }));
    expect(events[0]).toMatchObject({ kind: 'delivery', status, providerStatus: name });
  });

  it('carries errors and failover channel', async () => {
    const { rcs, events } = infobipCore();
    const error = {
      groupId: 1,
      groupName: 'HANDSET_ERRORS',
      id: 27,
      name: 'EC_ABSENT_SUBSCRIBER',
      description: 'Absent',
      permanent: false,
    };
    await rcs.handle(
      await signedInfobip({ results: [{ ...report('m-1', 'UNDELIVERABLE', 'X'), error, channel: 'SMS' }] }),
    );
    expect(events[0]).toMatchObject({
      status: 'failed',
      channel: 'sms',
      error: { code: 'EC_ABSENT_SUBSCRIBER', message: 'Absent', permanent: false },
    });
  });

  it('turns unknown shapes into unsupported events instead of guessing', async () => {
    const { rcs, events } = infobipCore();
    const body = { results: [{ something: 'new' }, { event: { type: 'NEW_EVENT' } }], unrelated: true };
    expect((await rcs.handle(await signedInfobip(body))).status).toBe(200);
    expect(events.map((event) => event.kind)).toEqual(['unsupported', 'unsupported']);
    expect(events[0]?.raw).toEqual({ something: 'new' });
  });

  it('passes one result of the wrong shape on as unsupported, the others normalized ([ok, bad, ok])', async () => {
    const recorded = infobipHarness();
    const bad = { messageId: 'm-bad', status: { groupName: 4711 } };
    const body = {
      results: [
        report('m-1', 'DELIVERED', 'DELIVERED_TO_HANDSET'),
        bad,
        report('m-3', 'PENDING', 'PENDING_ENROUTE'),
      ],
    };
    const response = await recorded.rcs.handle(await signedInfobip(body));
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(recorded.events).toMatchObject([
      { kind: 'delivery', messageId: 'm-1' },
      {
        kind: 'unsupported',
        raw: bad,
        reason:
          'infobip delivery report is not valid: status.groupName: Invalid input: expected string, received number',
      },
      { kind: 'delivery', messageId: 'm-3' },
    ]);
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toBeInstanceOf(PayloadParseError);
    expectValueNotEchoed(recorded, '4711');
  });

  it('passes one bad Messages API MO content part on as unsupported, the other parts normalized', async () => {
    const recorded = infobipHarness();
    const mo = {
      event: 'MO',
      messageId: 'mo-1',
      sender: '447700900000',
      destination: 'agent',
      content: [{ type: 'TEXT', text: 'hello' }, { text: 'no type' }, { type: 'TEXT', text: 'bye' }],
    };
    expect((await recorded.rcs.handle(await signedInfobip({ results: [mo] }))).status).toBe(200);
    expect(recorded.events.map((event) => [event.kind, event.id])).toEqual([
      ['inbound', 'inbound:mo-1:0'],
      ['unsupported', 'unsupported:mo-1:1'],
      ['inbound', 'inbound:mo-1:2'],
    ]);
    expect(recorded.errors).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"results": [', 'malformed_body'],
    ['a JSON array', '[]', 'invalid_payload'],
    ['invalid UTF-8', '', 'malformed_body'],
  ] as const)('passes %s on as unsupported, reported to onError', async (label, body, code) => {
    const recorded = infobipHarness();
    const signed = await signedInfobip('{}');
    const bytes = label === 'invalid UTF-8' ? Buffer.from([0x7b, 0xff, 0x7d]) : body;
    const response = await recorded.rcs.handle({ ...signed, body: bytes });
    expectAcceptedUnsupported(recorded, { status: response.status, body: JSON.parse(response.body) }, code);
  });
});

describe('Infobip traffic type (issue 13 item 17)', () => {
  it('reads the top-level trafficType of a delivery report, an MO and a user-action event', async () => {
    const { rcs, events } = infobipCore();
    const results = [
      { ...report('m-1', 'DELIVERED', 'DELIVERED_TO_HANDSET'), trafficType: 'A2P_CONVERSATION' },
      {
        messageId: 'mo-1',
        sender: '447700900000',
        to: 'agent',
        trafficType: 'P2A',
        message: { type: 'TEXT', text: 'hi' },
      },
      {
        messageId: 'ev-1',
        sender: '447700900000',
        to: 'agent',
        interactionType: 'EVENT',
        trafficType: 'P2A_CONVERSATION',
        message: { type: 'SUGGESTION', text: 'Yes', postbackData: 'yes' },
      },
    ];
    expect((await rcs.handle(await signedInfobip({ results }))).status).toBe(200);
    expect(events.map((event) => (event as { trafficType?: string }).trafficType)).toEqual([
      'A2P_CONVERSATION',
      'P2A',
      'P2A_CONVERSATION',
    ]);
  });

  it('prefers the top-level value, falls back to price.trafficType, and drops unknown values', async () => {
    const { rcs, events } = infobipCore();
    const base = report('m-1', 'DELIVERED', 'DELIVERED_TO_HANDSET');
    const results = [
      { ...base, messageId: 'a', trafficType: 'P2A', price: { trafficType: 'RICH' } },
      { ...base, messageId: 'b', price: { trafficType: 'RICH' } },
      { ...base, messageId: 'c', trafficType: 'SOMETHING_NEW' },
      { ...base, messageId: 'd', trafficType: 'A2P' },
    ];
    await rcs.handle(await signedInfobip({ results }));
    expect(events.map((event) => (event as { trafficType?: string }).trafficType)).toEqual([
      'P2A',
      'RICH',
      undefined,
      'A2P',
    ]);
  });
});
