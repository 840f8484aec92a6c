import {
  type ConversationStartedEvent,
  createRcsWebhooks,
  type RcsEvent,
  type RcsWebhooks,
  type RcsWebhooksOptions,
} from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';
import { sample as exotelSample } from '../../examples/samples/exotel.js';
import { sample as infobipSample } from '../../examples/samples/infobip.js';
import { sample as telnyxSample } from '../../examples/samples/telnyx.js';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2026-06-01T08:00:00.000Z');
export const AGENT = 'agent-7d1c';
export const USER = '+13125550100';

export const iso = (at: number) => new Date(at).toISOString();

if (telnyxSample.provider !== 'telnyx' || exotelSample.provider !== 'exotel') throw new Error('samples');
if (infobipSample.provider !== 'infobip') throw new Error('samples');

/** A core for the demo samples' providers, on a clock the test moves; it records every event. */
export function conversationCore(options: Omit<RcsWebhooksOptions, 'providers' | 'now'> = {}) {
  const clock = { now: T0 };
  const rcs = createRcsWebhooks({
    providers: {
      telnyx: telnyxSample.options,
      exotel: exotelSample.options,
      infobip: infobipSample.options,
    },
    now: () => clock.now,
    ...options,
  });
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  /** Handles one request at `arrival` (default: the clock as it is) and returns its status. */
  const post = async (
    provider: 'telnyx' | 'exotel' | 'infobip',
    body: unknown,
    arrival?: number,
  ): Promise<number> => {
    if (arrival !== undefined) clock.now = arrival;
    const config = { telnyx: telnyxSample, exotel: exotelSample, infobip: infobipSample }[provider].signing;
    const signed = await signRequest({ provider, body, config, now: clock.now } as Parameters<
      typeof signRequest
    >[0]);
    return (await rcs.handle(signed)).status;
  };
  return { rcs, events, clock, post };
}

export type ConversationCore = ReturnType<typeof conversationCore> & { rcs: RcsWebhooks };

export const started = (events: RcsEvent[]) =>
  events.filter((event): event is ConversationStartedEvent => event.kind === 'conversationStarted');

/** What a test reads of an event: its kind, the message and the attached conversation id. */
export const summary = (events: RcsEvent[]) =>
  events.map((event) => {
    if (event.kind === 'conversationStarted') return `started ${event.type} ${event.messageId}`;
    if (event.kind === 'delivery' || event.kind === 'inbound') {
      return `${event.kind} ${event.messageId}${event.conversation?.id === undefined ? '' : ' in session'}`;
    }
    return event.kind;
  });

/** Telnyx `message.sent` (or another outbound event type) for one message of AGENT to `user`. */
export function telnyxOutbound(
  messageId: string,
  at: number,
  options: { status?: string; eventType?: string; user?: string; agent?: string; channel?: string } = {},
) {
  const status = options.status ?? 'sent';
  const eventType = options.eventType ?? 'message.sent';
  return {
    data: {
      event_type: eventType,
      id: `evt-${messageId}-${eventType}-${status}`,
      occurred_at: iso(at),
      payload: {
        id: messageId,
        direction: 'outbound',
        type: options.channel ?? 'RCS',
        from: { agent_id: options.agent ?? AGENT, agent_name: 'Demo agent' },
        to: [{ phone_number: options.user ?? USER, status }],
        body: { text: 'Your order shipped' },
        errors: [],
      },
      record_type: 'event',
    },
    meta: { attempt: 1 },
  };
}

/** Telnyx `message.received`: `user` wrote to AGENT. */
export function telnyxInbound(
  messageId: string,
  at: number,
  options: { user?: string; agent?: string } = {},
) {
  return {
    data: {
      event_type: 'message.received',
      id: `evt-${messageId}`,
      occurred_at: iso(at),
      payload: {
        id: messageId,
        direction: 'inbound',
        type: 'RCS',
        from: { phone_number: options.user ?? USER },
        to: [{ agent_id: options.agent ?? AGENT }],
        body: { text: 'Thanks!' },
      },
      record_type: 'event',
    },
  };
}
