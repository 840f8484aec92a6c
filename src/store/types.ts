import type { RcsWebhookError } from '../errors/index.js';
import type { DeliveryStatus, TrafficType } from '../events/types.js';
import type { InboxStore } from './inbox.js';

export type { DeadLetterEntry, InboxCounts, InboxEntry, InboxItem, InboxStore } from './inbox.js';

/**
 * Outcome of claiming an event id:
 * - `claimed`: this caller runs the handlers, then calls `complete` (success) or `release` (failure);
 * - `duplicate`: the event already succeeded: acknowledge without running handlers;
 * - `in_progress`: another request holds an unexpired lease on it right now.
 */
export type ClaimOutcome = 'claimed' | 'duplicate' | 'in_progress';

export interface StatusChange {
  status: DeliveryStatus;
  providerStatus: string;
  eventId: string;
  /** Epoch ms the provider says the status happened, when it said. */
  occurredAt?: number;
  /** Epoch ms the report was received. */
  receivedAt: number;
}

export interface StatusUpdate extends StatusChange {
  provider: string;
  messageId: string;
  recipient?: string;
  sender?: string;
}

export interface MessageRecord {
  provider: string;
  messageId: string;
  /** The most advanced status seen so far (see README "Message status"). */
  status: DeliveryStatus;
  providerStatus: string;
  recipient?: string;
  sender?: string;
  /** Every distinct report, in arrival order. */
  history: StatusChange[];
}

export interface ConversationRecord {
  provider: string;
  conversationId: string;
  type: 'A2P' | 'P2A';
  trafficType?: TrafficType;
  /** Epoch ms. */
  startsAt?: number;
  endsAt?: number;
  messageId?: string;
  /** The business side (sender / agent id) and the end user, when known. */
  agent?: string;
  user?: string;
  derived: boolean;
}

export interface ConversationQuery {
  provider: string;
  user: string;
  agent?: string;
  /** Epoch ms or Date; default now. */
  at?: number | Date;
}

/** Which side sent a message: the agent (`business`, known from its delivery reports) or the end user. */
export type ActivityDirection = 'business' | 'user';

/**
 * One message between an agent and an end user, as conversation derivation sees it (providers
 * that report no sessions). A message is identified by its id: recording it again keeps the
 * earliest `at` and the first known `agent`.
 */
export interface ConversationActivity {
  provider: string;
  /** The end user. */
  user: string;
  /** The business side (agent / sender id), when the provider names it. */
  agent?: string;
  messageId: string;
  direction: ActivityDirection;
  /** Epoch ms the message was sent, by the provider's clock. */
  at: number;
}

/** A recorded message, as returned in a {@link ConversationTimeline}. */
export type ActivityEntry = Omit<ConversationActivity, 'provider' | 'user'>;

export interface ActivityWindow {
  /** Epoch ms: messages with `at` in [from, to] are returned, and conversations overlapping it. */
  from: number;
  to: number;
  /**
   * How long (store clock) the user's activity is kept after this write; messages whose `at` is
   * older than now − ttlMs, and derived conversations that ended before it, are dropped.
   */
  ttlMs: number;
}

/** What `recordActivity` returns: the user's recent messages and conversations with one provider. */
export interface ConversationTimeline {
  /** Messages in the window (whatever their agent), each once, including the one just recorded. */
  messages: ActivityEntry[];
  /** The user's conversations (reported or derived, any agent) overlapping the window. */
  conversations: ConversationRecord[];
}

/** A store keeps at most this many messages per provider and user for derivation (the latest by `at`). */
export const ACTIVITY_MESSAGE_LIMIT = 500;

/**
 * Where rcs-webhooks keeps state between requests. Every method must be atomic on its own:
 * several instances of an app share one store and may call it for the same key at once.
 */
export interface ConversationStore {
  /**
   * Atomically claims `key` for `leaseMs`; an expired lease (a crashed instance) can be claimed again.
   * `token` names this holder (the pipeline passes a fresh one per claim): `extend`, `complete`
   * and `release` given the same token act only for it.
   */
  claim(key: string, leaseMs: number, token?: string): Promise<ClaimOutcome>;
  /**
   * Renews the unexpired lease `token` holds on `key` for `leaseMs` from now, while its handlers
   * still run. `false` when `token` holds no lease on it (expired, taken over, completed, released).
   * Optional: without it, a handler slower than `idempotency.leaseMs` can run twice at once.
   */
  extend?(key: string, token: string, leaseMs: number): Promise<boolean>;
  /**
   * Marks a claimed key as done, remembered for `ttlMs` so retries are recognized as duplicates.
   * With `token`: not while another holder's unexpired lease is on it (that holder decides).
   */
  complete(key: string, ttlMs: number, token?: string): Promise<void>;
  /**
   * Forgets a claim whose handlers failed, so the provider's retry runs them again. With `token`:
   * only the lease that token holds (never a done key, never another holder's lease).
   */
  release(key: string, token?: string): Promise<void>;
  /** Records a status report; `superseded` when the stored status is already more advanced. */
  recordStatus(update: StatusUpdate): Promise<{ superseded: boolean; record: MessageRecord }>;
  getMessage(provider: string, messageId: string): Promise<MessageRecord | undefined>;
  saveConversation(record: ConversationRecord): Promise<void>;
  getConversation(provider: string, conversationId: string): Promise<ConversationRecord | undefined>;
  /** The session open at `query.at` between that user (and agent, when given), if any. */
  findConversation(query: ConversationQuery): Promise<ConversationRecord | undefined>;
  /**
   * Conversation derivation (optional: without it, sessions are only stored as providers report
   * them). Atomically records one message of a user and returns that user's timeline around it.
   */
  recordActivity?(activity: ConversationActivity, window: ActivityWindow): Promise<ConversationTimeline>;
  /**
   * Conversation derivation: atomically saves a derived conversation (`user`, `startsAt` and
   * `endsAt` set) as `saveConversation` does, unless a conversation started here before for the
   * same provider and user, with a compatible agent (the same, or either unknown), overlaps
   * [startsAt, endsAt). `false` when one does (this very conversation, saved before, included).
   */
  startConversation?(record: ConversationRecord): Promise<boolean>;
  /** The durable inbox of the `inbox` processing mode (optional: without it, only inline processing). */
  readonly inbox?: InboxStore;
  /**
   * Optional: where the store tells of problems that are no failed call (memoryStore: handled
   * events evicted before their TTL). `createRcsWebhooks` passes a function that calls `onError`.
   */
  reportErrorsTo?(report: (error: RcsWebhookError) => void): void;
  close?(): Promise<void>;
}
