import type { PipelineState } from '../pipeline/state.js';
import type { ConversationStore } from '../store/types.js';

/** How many open cores use each store: the last one to close closes it. */
const users = new WeakMap<ConversationStore, number>();

export function countStoreUser(store: ConversationStore): void {
  users.set(store, (users.get(store) ?? 0) + 1);
}

/**
 * `rcs.close()`: new requests are answered 503 (the provider retries, on another instance or after
 * a restart), the inbox worker stops taking events, running handlers (inline and inbox) finish,
 * completions still pending get one last try, then the store is closed when no other open core
 * uses it (`store.close()` ends only connections the store opened itself: a `client` or `pool`
 * you passed stays open). Idempotent: every call returns the same promise.
 */
export function closer(state: PipelineState): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      await Promise.all([state.lifecycle.close(), state.inbox?.worker.stop()]);
      await state.pendingCompletions.close();
      const left = (users.get(state.store) ?? 1) - 1;
      users.set(state.store, left);
      if (left <= 0) await state.store.close?.();
      if (state.log.debugging) state.log.info('rcs-webhooks: closed', {});
    })();
    return closing;
  };
}
