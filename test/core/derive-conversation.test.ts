import fc from 'fast-check';
import { type ConversationRecord, memoryStore } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import {
  type ConversationMessage,
  deriveConversation,
  SESSION_MS,
} from '../../src/pipeline/derive-conversation.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BASE = Date.parse('2026-06-01T00:00:00Z');

interface Sent {
  messageId: string;
  direction: 'business' | 'user';
  at: number;
  /** How long after `at` its report arrives. */
  delay: number;
}

/** A conversation of one user with one agent over four days, reports arriving up to 6 h late. */
const conversation = fc
  .array(
    fc.record({
      direction: fc.constantFrom('business' as const, 'user' as const),
      // Minutes, so that ties (same minute) happen too.
      minute: fc.integer({ min: 0, max: 4 * 24 * 60 }),
      delay: fc.integer({ min: 0, max: 6 * 60 }),
    }),
    { maxLength: 30 },
  )
  .map((items) =>
    items.map(
      (item, index): Sent => ({
        messageId: `m${index}`,
        direction: item.direction,
        at: BASE + item.minute * MINUTE,
        delay: item.delay * MINUTE,
      }),
    ),
  );

/** The rules applied to the whole conversation at once, in time order. */
function reference(messages: Sent[]): Pick<ConversationRecord, 'type' | 'startsAt' | 'messageId'>[] {
  const sorted = [...messages].sort(
    (a, b) =>
      a.at - b.at ||
      (a.direction === b.direction ? 0 : a.direction === 'business' ? -1 : 1) ||
      (a.messageId < b.messageId ? -1 : 1),
  );
  const sessions: { type: 'A2P' | 'P2A'; startsAt: number; messageId: string }[] = [];
  const unsolicited: number[] = [];
  const within = (time: number, at: number) => time < at && time >= at - SESSION_MS;
  for (const message of sorted) {
    if (
      sessions.some((session) => session.startsAt <= message.at && message.at < session.startsAt + SESSION_MS)
    ) {
      continue;
    }
    if (message.direction === 'user') {
      if (sorted.some((other) => other.direction === 'business' && within(other.at, message.at))) {
        sessions.push({ type: 'A2P', startsAt: message.at, messageId: message.messageId });
      } else {
        unsolicited.push(message.at);
      }
    } else if (unsolicited.some((time) => within(time, message.at))) {
      sessions.push({ type: 'P2A', startsAt: message.at, messageId: message.messageId });
    }
  }
  return sessions;
}

/** Runs every message through derivation in the given order, each at its arrival; returns the sessions. */
async function derive(messages: Sent[], arrival: (message: Sent) => number) {
  const clock = { now: BASE };
  const store = memoryStore({ now: () => clock.now });
  const derived = new Map<string, ConversationRecord>();
  for (const message of [...messages].sort((a, b) => arrival(a) - arrival(b))) {
    clock.now = arrival(message);
    const input: ConversationMessage = {
      user: 'user',
      agent: 'agent',
      messageId: message.messageId,
      direction: message.direction,
      at: message.at,
    };
    const result = await deriveConversation(store as Required<typeof store>, 'p', input, clock.now);
    if (result?.started !== undefined) derived.set(result.started.conversationId, result.started);
  }
  return [...derived.values()].sort((a, b) => (a.startsAt as number) - (b.startsAt as number));
}

describe('conversation derivation', () => {
  it('finds exactly the sessions of the rules when reports arrive in time order', async () => {
    await fc.assert(
      fc.asyncProperty(conversation, async (messages) => {
        const sessions = await derive(messages, (message) => message.at);
        expect(sessions.map(({ type, startsAt, messageId }) => ({ type, startsAt, messageId }))).toEqual(
          reference(messages),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('opens only sessions the messages justify, never two at once, in any arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(conversation, async (messages) => {
        const sessions = await derive(messages, (message) => message.at + message.delay);
        const byId = new Map(messages.map((message) => [message.messageId, message]));
        for (const [index, session] of sessions.entries()) {
          const start = session.startsAt as number;
          expect(session.endsAt).toBe(start + SESSION_MS);
          // Opened by its reply, at the reply's own time...
          const reply = byId.get(session.messageId as string);
          expect(reply?.at).toBe(start);
          expect(reply?.direction).toBe(session.type === 'A2P' ? 'user' : 'business');
          // ...answering a message of the other side sent within the 24 h before it.
          const answered = session.type === 'A2P' ? 'business' : 'user';
          expect(
            messages.some(
              (other) => other.direction === answered && other.at < start && other.at >= start - SESSION_MS,
            ),
          ).toBe(true);
          const next = sessions[index + 1];
          if (next !== undefined) expect(next.startsAt as number).toBeGreaterThanOrEqual(start + SESSION_MS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a report arriving late finds the session its answer opened, from the answer’s time', async () => {
    const messages: Sent[] = [
      { messageId: 'b', direction: 'business', at: BASE, delay: 3 * HOUR },
      { messageId: 'u', direction: 'user', at: BASE + HOUR, delay: 0 },
    ];
    const sessions = await derive(messages, (message) => message.at + message.delay);
    expect(sessions).toMatchObject([{ type: 'A2P', startsAt: BASE + HOUR, messageId: 'u' }]);
  });
});
