import { ConfigurationError, RcsWebhookError } from '../errors/index.js';
import type { ErrorHandler, EventHandler, Unsubscribe } from '../events/emitter.js';
import type { EventKind, EventOfKind, RcsEvent } from '../events/types.js';
import { type FetchOptions, handleFetch } from '../http/fetch.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { type DeadLetters, deadLetters, type InboxControl, inboxControl } from '../inbox/api.js';
import { resolveInboxOptions } from '../inbox/options.js';
import { InboxWorker } from '../inbox/worker.js';
import { resolveLog } from '../log/logger.js';
import { LoggingEmitter } from '../log/logging-emitter.js';
import { handleRequest } from '../pipeline/handle.js';
import { handleStreaming, type StreamingRequest } from '../pipeline/handle-streaming.js';
import { LeaseKeeper } from '../pipeline/leases.js';
import { MAX_PENDING_COMPLETIONS, PendingCompletions } from '../pipeline/pending-completions.js';
import { normalizeMountPath } from '../pipeline/route.js';
import type { PipelineState } from '../pipeline/state.js';
import { memoryStore } from '../store/memory.js';
import type { ConversationQuery, ConversationStore } from '../store/types.js';
import { closer, countStoreUser } from './close.js';
import { Lifecycle } from './lifecycle.js';
import { checkOptionNames, DEFAULTS, derivingProviders, type RcsWebhooksOptions } from './options.js';
import { configureProviders } from './providers.js';
import {
  type TrackedConversation,
  type TrackedMessage,
  trackedConversation,
  trackedMessage,
} from './records.js';

const CORE = Symbol.for('rcs-webhooks.core');

/** Subscribing: every method returns a function that unsubscribes. */
export interface RcsSubscriptions {
  on<K extends EventKind>(kinds: K | readonly K[], handler: EventHandler<EventOfKind<K>>): Unsubscribe;
  onAny(handler: EventHandler<RcsEvent>): Unsubscribe;
  onError(handler: ErrorHandler): Unsubscribe;
  onDelivery(handler: EventHandler<EventOfKind<'delivery'>>): Unsubscribe;
  onInbound(handler: EventHandler<EventOfKind<'inbound'>>): Unsubscribe;
  onConversationStarted(handler: EventHandler<EventOfKind<'conversationStarted'>>): Unsubscribe;
  onConversationUpdated(handler: EventHandler<EventOfKind<'conversationUpdated'>>): Unsubscribe;
  onConversationEnded(handler: EventHandler<EventOfKind<'conversationEnded'>>): Unsubscribe;
  onTyping(handler: EventHandler<EventOfKind<'typing'>>): Unsubscribe;
  onCapability(handler: EventHandler<EventOfKind<'capability'>>): Unsubscribe;
  onSubscription(handler: EventHandler<EventOfKind<'subscription'>>): Unsubscribe;
  onUnsupported(handler: EventHandler<EventOfKind<'unsupported'>>): Unsubscribe;
}

export interface RcsWebhooks extends RcsSubscriptions {
  /** Runs the pipeline on a raw request (the body as the exact bytes received). */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** Web-standard `Request` → `Response`. */
  fetch(request: Request, options?: FetchOptions): Promise<Response>;
  /** For adapters: reads the body only for provider routes; `undefined` when the path is outside the mount. */
  handleStreaming(request: StreamingRequest): Promise<WebhookResponse | undefined>;
  readonly messages: {
    /**
     * Latest status and history of a message (searches every configured provider when none is named).
     * Times are `Date`s, as in events (the store itself keeps epoch milliseconds).
     */
    get(messageId: string, provider?: string): Promise<TrackedMessage | undefined>;
  };
  readonly conversations: {
    /** The session open at `query.at` (default now) between that user and agent; times are `Date`s. */
    find(query: ConversationQuery): Promise<TrackedConversation | undefined>;
    get(conversationId: string, provider: string): Promise<TrackedConversation | undefined>;
  };
  /** The worker of the inbox processing mode. */
  readonly inbox: InboxControl;
  /** Inbox mode: events whose handlers kept failing. */
  readonly deadLetters: DeadLetters;
  readonly store: ConversationStore;
  readonly path: string;
  readonly providers: readonly string[];
  /**
   * Shuts down (README "Shutting down"): later requests are answered 503, the inbox worker stops,
   * running handlers finish, then the store closes the connections it opened itself (when no other
   * open core uses it). Idempotent.
   */
  close(): Promise<void>;
}

export function createRcsWebhooks(options: RcsWebhooksOptions = {}): RcsWebhooks {
  checkOptionNames(options);
  const emitter = new LoggingEmitter();
  const env = options.env ?? globalThis.process?.env ?? {};
  const log = resolveLog(options, env, (kind) => emitter.subscribed(kind));
  emitter.log = log;
  const providers = configureProviders(options.providers, env);
  const store = options.store ?? memoryStore(options.now === undefined ? {} : { now: options.now });
  store.reportErrorsTo?.((error) => void emitter.reportError(error));
  const leaseMs = positive('idempotency.leaseMs', options.idempotency?.leaseMs, DEFAULTS.leaseMs);
  const state: PipelineState = {
    mountPath: normalizeMountPath(options.path ?? DEFAULTS.path),
    providers,
    store,
    emitter,
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    toleranceSeconds:
      options.toleranceSeconds === undefined
        ? undefined
        : positive('toleranceSeconds', options.toleranceSeconds, 0, true),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, DEFAULTS.maxBodyBytes),
    readTimeoutMs: positive('readTimeoutMs', options.readTimeoutMs, DEFAULTS.readTimeoutMs),
    handlerErrors: options.handlerErrors,
    idempotencyTtlMs: positive('idempotency.ttlMs', options.idempotency?.ttlMs, DEFAULTS.idempotencyTtlMs),
    leaseMs,
    leases: new LeaseKeeper(leaseMs),
    deriveConversations: derivingProviders(options.deriveConversations, providers, store),
    now: options.now ?? Date.now,
    pendingCompletions: new PendingCompletions(store, (key) => {
      const message = `gave up completing ${key}: ${MAX_PENDING_COMPLETIONS} completions are pending; a retry of it runs its handlers again`;
      void emitter.reportError(new RcsWebhookError('store_unavailable', message));
    }),
    inbox: undefined,
    log,
    lifecycle: new Lifecycle(),
  };
  const inboxOptions = resolveInboxOptions(options.inbox);
  if (inboxOptions !== undefined) {
    if (store.inbox === undefined) {
      throw new ConfigurationError(
        'the inbox mode needs a store with an inbox (memoryStore, redisStore, postgresStore)',
      );
    }
    if (!store.inbox.durable) warnNotDurable();
    state.inbox = { store: store.inbox, worker: new InboxWorker(state, store.inbox, inboxOptions) };
    if (inboxOptions.autoStart) state.inbox.worker.start();
  }
  const providerNames = [...state.providers.keys()];
  countStoreUser(store);
  if (log.debugging) {
    log.info(
      `rcs-webhooks: debug on: POST ${state.mountPath}/<provider> for ${providerNames.join(', ') || 'no provider'}, ` +
        `${state.inbox === undefined ? 'inline' : 'inbox'} processing; one debug line per request`,
      { path: state.mountPath, providers: providerNames, inbox: state.inbox !== undefined },
    );
  }

  const core: RcsWebhooks & { [CORE]: true } = {
    [CORE]: true,
    handle: (request) => handleRequest(state, request),
    fetch: (request, fetchOptions) => handleFetch(state, request, fetchOptions),
    handleStreaming: (request) => handleStreaming(state, request),
    on: (kinds, handler) => emitter.on(kinds, handler),
    onAny: (handler) => emitter.onAny(handler),
    onError: (handler) => emitter.onError(handler),
    onDelivery: (handler) => emitter.on('delivery', handler),
    onInbound: (handler) => emitter.on('inbound', handler),
    onConversationStarted: (handler) => emitter.on('conversationStarted', handler),
    onConversationUpdated: (handler) => emitter.on('conversationUpdated', handler),
    onConversationEnded: (handler) => emitter.on('conversationEnded', handler),
    onTyping: (handler) => emitter.on('typing', handler),
    onCapability: (handler) => emitter.on('capability', handler),
    onSubscription: (handler) => emitter.on('subscription', handler),
    onUnsupported: (handler) => emitter.on('unsupported', handler),
    messages: {
      async get(messageId, provider) {
        for (const name of provider === undefined ? providerNames : [provider]) {
          const record = await state.store.getMessage(name, messageId);
          if (record !== undefined) return trackedMessage(record);
        }
        return undefined;
      },
    },
    conversations: {
      find: async (query) => trackedConversation(await state.store.findConversation(query)),
      get: async (conversationId, provider) =>
        trackedConversation(await state.store.getConversation(provider, conversationId)),
    },
    inbox: inboxControl(state),
    deadLetters: deadLetters(state),
    store: state.store,
    path: state.mountPath,
    providers: providerNames,
    close: closer(state),
  };
  return core;
}

/** Whether `value` is a core made by `createRcsWebhooks` (adapters accept options or a core). */
export function isRcsWebhooks(value: unknown): value is RcsWebhooks {
  return typeof value === 'object' && value !== null && CORE in value;
}

let warnedNotDurable = false;

function warnNotDurable(): void {
  if (warnedNotDurable || globalThis.process?.env?.NODE_ENV === 'test') return;
  warnedNotDurable = true;
  globalThis.process?.emitWarning?.(
    'rcs-webhooks: inbox mode on a store whose inbox is not durable (memoryStore): events acknowledged ' +
      'to providers are lost if this process exits before handling them. Use redisStore or postgresStore.',
    { code: 'RCS_WEBHOOKS_INBOX_NOT_DURABLE' },
  );
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ConfigurationError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return value;
}
