import type { DeliveryStatus } from '../events/types.js';
import { BoundedMap } from './bounded-map.js';
import { isSuperseded } from './status-order.js';
import type { MessageRecord, StatusChange, StatusUpdate } from './types.js';

/**
 * A tracked message as the memory store keeps it: one fixed-shape object without the provider and
 * message id (its key holds them), its expiry inline, and its first report inline too (an array
 * only from the second report on). About 400 heap bytes per message, key and report included,
 * where a `MessageRecord` in a wrapper took about 610.
 */
interface StoredMessage {
  expiresAt: number;
  status: DeliveryStatus;
  providerStatus: string;
  recipient: string | undefined;
  sender: string | undefined;
  history: StatusChange | StatusChange[];
}

export interface MemoryMessages {
  record(update: StatusUpdate): { superseded: boolean; record: MessageRecord };
  get(provider: string, messageId: string): MessageRecord | undefined;
}

export function memoryMessages(maxEntries: number, now: () => number, ttlMs: number): MemoryMessages {
  const messages = new BoundedMap<StoredMessage>(maxEntries, now, (stored) => stored.expiresAt);
  return {
    record(update) {
      const { provider, messageId } = update;
      const key = keyOf(provider, messageId);
      const existing = messages.get(key);
      const change = changeOf(update);
      let stored: StoredMessage;
      let superseded = false;
      if (existing === undefined) {
        stored = {
          expiresAt: now() + ttlMs,
          status: update.status,
          providerStatus: update.providerStatus,
          recipient: update.recipient,
          sender: update.sender,
          history: change,
        };
      } else {
        const history = historyOf(existing);
        superseded = isSuperseded(existing.status, update.status);
        stored = {
          expiresAt: now() + ttlMs,
          status: superseded ? existing.status : update.status,
          providerStatus: superseded ? existing.providerStatus : update.providerStatus,
          recipient: existing.recipient ?? update.recipient,
          sender: existing.sender ?? update.sender,
          history: history.some((item) => item.eventId === update.eventId)
            ? existing.history
            : history.concat(change), // sized exactly, where a spread leaves spare capacity
        };
      }
      // A first report is a new key: put() skips the lookup that moving an existing one needs.
      if (existing === undefined) messages.put(key, stored);
      else messages.set(key, stored);
      return { superseded, record: recordOf(provider, messageId, stored) };
    },

    get(provider, messageId) {
      const stored = messages.get(keyOf(provider, messageId));
      return stored === undefined ? undefined : recordOf(provider, messageId, stored);
    },
  };
}

// join() builds one flat string; a template literal would keep a rope of three (about 56 bytes more).
const keyOf = (provider: string, messageId: string) => [provider, messageId].join('\u0000');

/** The report as given: `occurredAt` only when the provider said when. */
function changeOf(update: StatusUpdate): StatusChange {
  const { status, providerStatus, eventId, occurredAt, receivedAt } = update;
  return occurredAt === undefined
    ? { status, providerStatus, eventId, receivedAt }
    : { status, providerStatus, eventId, occurredAt, receivedAt };
}

function historyOf(stored: StoredMessage): StatusChange[] {
  return Array.isArray(stored.history) ? stored.history : [stored.history];
}

/** A fresh public record: callers may change it without touching the store. */
function recordOf(provider: string, messageId: string, stored: StoredMessage): MessageRecord {
  const record: MessageRecord = {
    provider,
    messageId,
    status: stored.status,
    providerStatus: stored.providerStatus,
    history: historyOf(stored).map((change) => ({ ...change })),
  };
  if (stored.recipient !== undefined) record.recipient = stored.recipient;
  if (stored.sender !== undefined) record.sender = stored.sender;
  return record;
}
