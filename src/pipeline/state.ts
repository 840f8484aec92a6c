import type { Lifecycle } from '../core/lifecycle.js';
import type { HandlerErrorPolicy } from '../core/options.js';
import type { ConfiguredProvider } from '../core/providers.js';
import type { RcsEventEmitter } from '../events/emitter.js';
import type { WebhookRequest } from '../http/types.js';
import type { InboxWorker } from '../inbox/worker.js';
import type { Log } from '../log/logger.js';
import type { InboxStore } from '../store/inbox.js';
import type { ConversationStore } from '../store/types.js';
import type { LeaseKeeper } from './leases.js';
import type { PendingCompletions } from './pending-completions.js';

/** Everything the request pipeline needs, resolved once at construction. */
export interface PipelineState {
  mountPath: string;
  providers: ReadonlyMap<string, ConfiguredProvider>;
  store: ConversationStore;
  emitter: RcsEventEmitter;
  publicUrl: string | ((request: WebhookRequest) => string) | undefined;
  trustProxy: boolean;
  /** The user's global replay window, when set (providers fall back to their own default). */
  toleranceSeconds: number | undefined;
  maxBodyBytes: number;
  readTimeoutMs: number;
  /** The user's global policy, when set (providers fall back to their own default). */
  handlerErrors: HandlerErrorPolicy | undefined;
  idempotencyTtlMs: number;
  leaseMs: number;
  /** Renews the leases of the events whose handlers run (inline claims and inbox entries). */
  leases: LeaseKeeper;
  /** Providers whose conversation sessions are derived from their messages (see derive-conversation.ts). */
  deriveConversations: ReadonlySet<string>;
  now: () => number;
  /** Handled events whose completion the store has not taken yet (pending-completions.ts). */
  pendingCompletions: PendingCompletions;
  /** Set in inbox mode: where verified events wait, and the worker that handles them. */
  inbox: { store: InboxStore; worker: InboxWorker } | undefined;
  /** Option `logger` / `debug`: problems and (debug) one line per request. */
  log: Log;
  /** Requests running, and whether `close()` was called (then they are answered 503). */
  lifecycle: Lifecycle;
}
