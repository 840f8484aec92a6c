import { ConfigurationError } from '../errors/index.js';
import type { WebhookRequest } from '../http/types.js';
import type { InboxOptions } from '../inbox/options.js';
import type { RcsLogger } from '../log/logger.js';
import { PROVIDER_NAMES, type ProviderName, type ProvidersOptions } from '../providers/registry.js';
import type { ConversationStore } from '../store/types.js';
import { rejectUnknownOptions, suggestion } from './option-suggestions.js';
import type { ConfiguredProvider } from './providers.js';

export type HandlerErrorPolicy = 'retry' | 'acknowledge';

export interface RcsWebhooksOptions {
  /**
   * Only configured providers are accepted. Default: read from environment variables
   * (see README "Configuration from the environment"). Every secret may be an array (rotation).
   */
  providers?: ProvidersOptions;
  /** Conversation state: idempotency, message status, conversations. Default `memoryStore()`. */
  store?: ConversationStore;
  /** Mount path; a request for provider `P` is `POST <path>/P`. Default `/webhooks/rcs`. */
  path?: string;
  /**
   * The public origin (`https://api.example.com`, the request's path and query are appended), or a
   * function returning the full URL the provider called: for URL-signing providers behind proxies.
   */
  publicUrl?: string | ((request: WebhookRequest) => string);
  /**
   * Build the public URL from X-Forwarded-Proto / X-Forwarded-Host. Only for apps behind a proxy
   * that sets them (and strips them from clients): otherwise anyone can choose the URL. Default false.
   */
  trustProxy?: boolean;
  /** Replay window for timestamped signatures, in seconds (per-provider override). Default 300. */
  toleranceSeconds?: number;
  /** Largest accepted body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** How long adapters wait for the whole body before answering 408. Default 10,000 ms. */
  readTimeoutMs?: number;
  /**
   * `retry`: a failed handler answers 500 so the provider retries; `acknowledge`: 200 + onError.
   * Default `retry`, except for providers whose retries stall other traffic (Google: `acknowledge`).
   */
  handlerErrors?: HandlerErrorPolicy;
  idempotency?: {
    /** How long a handled event id is remembered. Default 7 days (longer than any provider's retry window). */
    ttlMs?: number;
    /** How long a claim protects an event being handled before another instance may take it. Default 60 s. */
    leaseMs?: number;
  };
  /**
   * Derive RCS conversation sessions from messages and emit `conversationStarted` with
   * `derived: true` (README "Conversations"): `true` / `false` for every provider, or per provider.
   * Default: on for providers that report no sessions themselves (all but Infobip and Bird).
   */
  deriveConversations?: boolean | { readonly [P in ProviderName]?: boolean };
  /**
   * Processing mode (README "Processing modes"). Off (default): inline, the provider gets its answer
   * after the handlers ran. On: verified events are stored in the store's durable inbox and
   * acknowledged at once; a worker runs the handlers with retries, then dead-letters them.
   */
  inbox?: boolean | InboxOptions;
  /** Clock in epoch milliseconds, for tests and replays. Default `Date.now`. */
  now?: () => number;
  /**
   * Where the package tells what it did (README "Logging"): `console` (default), pino, winston, or
   * any object with `debug`, `info`, `warn` and `error`; `false` for silence. Refused requests are
   * logged at `warn` and failures at `error`, at most one line per provider and code a minute.
   */
  logger?: RcsLogger | false;
  /** One `debug` line per request: provider, status, reason code, events and duplicates. Default `RCS_WEBHOOKS_DEBUG` (1 / 0). */
  debug?: boolean;
  /** Environment used when `providers` is omitted, and for `RCS_WEBHOOKS_DEBUG`. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export const DEFAULTS = {
  path: '/webhooks/rcs',
  toleranceSeconds: 300,
  maxBodyBytes: 1024 * 1024,
  readTimeoutMs: 10_000,
  handlerErrors: 'retry' as HandlerErrorPolicy,
  idempotencyTtlMs: 7 * 24 * 60 * 60 * 1000,
  leaseMs: 60_000,
};

// Typed as records of every key so that an option added to the interfaces must be listed here too.
const TOP_LEVEL: Record<keyof RcsWebhooksOptions, true> = {
  providers: true,
  store: true,
  path: true,
  publicUrl: true,
  trustProxy: true,
  toleranceSeconds: true,
  maxBodyBytes: true,
  readTimeoutMs: true,
  handlerErrors: true,
  idempotency: true,
  deriveConversations: true,
  inbox: true,
  now: true,
  logger: true,
  debug: true,
  env: true,
};
const IDEMPOTENCY: Record<keyof NonNullable<RcsWebhooksOptions['idempotency']>, true> = {
  ttlMs: true,
  leaseMs: true,
};
const INBOX: Record<keyof InboxOptions, true> = {
  concurrency: true,
  maxAttempts: true,
  retryDelayMs: true,
  maxRetryDelayMs: true,
  pollIntervalMs: true,
  autoStart: true,
};

/**
 * Unknown option names are errors, with the closest known name (`maxBodySize` → `maxBodyBytes`):
 * TypeScript catches them, JavaScript would silently ignore them.
 */
export function checkOptionNames(options: RcsWebhooksOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('the options must be an object');
  }
  rejectUnknownOptions(options, Object.keys(TOP_LEVEL), '');
  const { idempotency, inbox } = options;
  if (idempotency !== undefined) {
    if (typeof idempotency !== 'object' || idempotency === null) {
      throw new ConfigurationError('idempotency must be an object ({ ttlMs, leaseMs })');
    }
    rejectUnknownOptions(idempotency, Object.keys(IDEMPOTENCY), 'idempotency.');
  }
  if (typeof inbox === 'object' && inbox !== null) rejectUnknownOptions(inbox, Object.keys(INBOX), 'inbox.');
}

/**
 * The configured providers whose sessions are derived. A store without `recordActivity` and
 * `startConversation` derives none: an error when the option asked for it, silently by default.
 */
export function derivingProviders(
  option: RcsWebhooksOptions['deriveConversations'],
  providers: ReadonlyMap<string, ConfiguredProvider>,
  store: ConversationStore,
): Set<string> {
  if (option !== undefined && typeof option !== 'boolean') {
    if (typeof option !== 'object' || option === null) {
      throw new ConfigurationError('deriveConversations must be a boolean or an object of booleans');
    }
    for (const [name, value] of Object.entries(option)) {
      if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
        throw new ConfigurationError(
          `unknown provider \`deriveConversations.${name}\`${suggestion(name, PROVIDER_NAMES)}`,
        );
      }
      if (typeof value !== 'boolean') {
        throw new ConfigurationError(
          `deriveConversations.${name} must be a boolean for a known provider (${PROVIDER_NAMES.join(', ')})`,
        );
      }
    }
  }
  const asked = (name: string): boolean | undefined =>
    typeof option === 'boolean' ? option : (option?.[name as ProviderName] ?? undefined);
  const names = [...providers]
    .filter(([name, provider]) => asked(name) ?? provider.definition.reportsConversations !== true)
    .map(([name]) => name);
  if (typeof store.recordActivity === 'function' && typeof store.startConversation === 'function') {
    return new Set(names);
  }
  const explicit = names.filter((name) => asked(name) === true);
  if (explicit.length > 0) {
    throw new ConfigurationError(
      `deriveConversations (${explicit.join(', ')}) needs a store with recordActivity and startConversation; ` +
        'memoryStore, redisStore and postgresStore have them',
    );
  }
  return new Set();
}
