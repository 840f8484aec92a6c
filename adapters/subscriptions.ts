import { createRcsWebhooks, isRcsWebhooks, type RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';

/** What every adapter accepts: the core's options (a new core) or an existing core (shared). */
export type CoreOrOptions = RcsWebhooksOptions | RcsWebhooks;

export function coreOf(input: CoreOrOptions = {}): RcsWebhooks {
  return isRcsWebhooks(input) ? input : createRcsWebhooks(input);
}

/** The core's API as carried by a middleware function: `hooks.onInbound(...)`, `hooks.core`. */
export interface RcsMiddlewareApi extends Omit<RcsWebhooks, 'handle' | 'fetch' | 'handleStreaming'> {
  /** The core this middleware runs, e.g. to share it with another adapter. */
  readonly core: RcsWebhooks;
}

export function bindSubscriptions(core: RcsWebhooks): RcsMiddlewareApi {
  return {
    core,
    on: core.on,
    onAny: core.onAny,
    onError: core.onError,
    onDelivery: core.onDelivery,
    onInbound: core.onInbound,
    onConversationStarted: core.onConversationStarted,
    onConversationUpdated: core.onConversationUpdated,
    onConversationEnded: core.onConversationEnded,
    onTyping: core.onTyping,
    onCapability: core.onCapability,
    onSubscription: core.onSubscription,
    onUnsupported: core.onUnsupported,
    messages: core.messages,
    conversations: core.conversations,
    inbox: core.inbox,
    deadLetters: core.deadLetters,
    store: core.store,
    path: core.path,
    providers: core.providers,
    close: core.close,
  };
}
