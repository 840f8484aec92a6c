// Type tests (issue 14 item 2): checked by `npm run typecheck` (tsc over test/), never run.
import {
  createRcsWebhooks,
  type DeliveryEvent,
  type ProviderName,
  type RcsEvent,
  type TrackedConversation,
  type TrackedMessage,
} from 'rcs-webhooks';
import { expectTypeOf, test } from 'vitest';

test('event.provider is the union of provider names', () => {
  expectTypeOf<RcsEvent['provider']>().toEqualTypeOf<ProviderName>();
  expectTypeOf<ProviderName>().toEqualTypeOf<
    'infobip' | 'bird' | 'telnyx' | 'exotel' | 'google' | 'vonage' | 'sinch' | 'twilio'
  >();
  const rcs = createRcsWebhooks();
  rcs.onAny((event) => {
    // @ts-expect-error: not a provider rcs-webhooks knows
    if (event.provider === 'acme') return;
  });
});

test('narrowing on provider types raw by what that provider validated', () => {
  const rcs = createRcsWebhooks();
  rcs.onDelivery((event) => {
    if (event.provider === 'telnyx') {
      expectTypeOf(event.raw.data.event_type).toEqualTypeOf<string>();
      expectTypeOf(event.raw.data.id).toEqualTypeOf<string>();
      // Fields no schema declares are there, typed unknown.
      expectTypeOf(event.raw.data.payload.some_new_field).toEqualTypeOf<unknown>();
    }
    if (event.provider === 'infobip') {
      expectTypeOf(event.raw).toHaveProperty('messageId');
    }
    if (event.provider === 'twilio') {
      expectTypeOf(event.raw.MessageSid).toEqualTypeOf<string>();
    }
    if (event.provider === 'bird') {
      expectTypeOf(event.raw.service).toEqualTypeOf<string>();
      expectTypeOf(event.raw.event).toEqualTypeOf<string>();
    }
    if (event.provider === 'sinch') {
      expectTypeOf(event.raw.app_id).toEqualTypeOf<string>();
    }
    if (event.provider === 'vonage') {
      expectTypeOf(event.raw.channel).toEqualTypeOf<string>();
    }
  });
  rcs.onAny((event) => {
    if (event.kind === 'unsupported') {
      // Nothing about an unsupported event's raw was validated.
      expectTypeOf(event.raw).toEqualTypeOf<unknown>();
    } else if (event.provider === 'google') {
      expectTypeOf(event.raw).toHaveProperty('senderPhoneNumber');
    }
  });
  expectTypeOf<DeliveryEvent<'exotel'>['raw']>().toHaveProperty('sid');
  expectTypeOf<DeliveryEvent['provider']>().toEqualTypeOf<ProviderName>();
});

test('rcs.messages.get and rcs.conversations.* return Dates, as events do', async () => {
  const rcs = createRcsWebhooks();
  const message = await rcs.messages.get('m1');
  expectTypeOf(message).toEqualTypeOf<TrackedMessage | undefined>();
  expectTypeOf(message!.history[0]!.receivedAt).toEqualTypeOf<Date>();
  expectTypeOf(message!.history[0]!.occurredAt).toEqualTypeOf<Date | undefined>();
  const conversation = await rcs.conversations.get('c1', 'infobip');
  expectTypeOf(conversation).toEqualTypeOf<TrackedConversation | undefined>();
  expectTypeOf(conversation!.startsAt).toEqualTypeOf<Date | undefined>();
  expectTypeOf(conversation!.endsAt).toEqualTypeOf<Date | undefined>();
  const found = await rcs.conversations.find({ provider: 'infobip', user: '447700900123' });
  expectTypeOf(found).toEqualTypeOf<TrackedConversation | undefined>();
});
