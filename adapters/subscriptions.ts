import type { RcsWebhooks } from '../src/core/create.js';

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
    onUnsupported: core.onUnsupported,
    messages: core.messages,
    conversations: core.conversations,
    store: core.store,
    path: core.path,
    providers: core.providers,
  };
}
