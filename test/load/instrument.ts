import type { ClaimOutcome, ConversationStore } from 'rcs-webhooks';

/** What the pipeline asked of a store during a run (every call passes through unchanged). */
export interface StoreCounters {
  claims: Record<ClaimOutcome, number>;
  /** Rejected calls, by method (the store was down or did not answer in time). */
  rejected: Record<string, number>;
  /**
   * Claim keys whose `complete()` rejected: the handlers had succeeded, but the store may not have
   * recorded it. Only these events may run again (see the README material on store faults).
   */
  uncertainCompletions: Set<string>;
}

export function newCounters(): StoreCounters {
  return {
    claims: { claimed: 0, duplicate: 0, in_progress: 0 },
    rejected: {},
    uncertainCompletions: new Set(),
  };
}

/** Wraps a store to count claim outcomes and failed calls; behaviour is the wrapped store's. */
export function instrumentStore(store: ConversationStore, counters: StoreCounters): ConversationStore {
  const failed = (method: string) => (error: unknown) => {
    counters.rejected[method] = (counters.rejected[method] ?? 0) + 1;
    throw error;
  };
  const { extend } = store;
  return {
    claim: async (key, leaseMs, token) => {
      const outcome = await store.claim(key, leaseMs, token).catch(failed('claim'));
      counters.claims[outcome]++;
      return outcome;
    },
    ...(extend === undefined
      ? {}
      : {
          extend: (key: string, token: string, leaseMs: number) =>
            extend.call(store, key, token, leaseMs).catch(failed('extend')),
        }),
    complete: (key, ttlMs, token) =>
      store.complete(key, ttlMs, token).catch((error: unknown) => {
        counters.uncertainCompletions.add(key);
        return failed('complete')(error);
      }),
    release: (key, token) => store.release(key, token).catch(failed('release')),
    recordStatus: (update) => store.recordStatus(update).catch(failed('recordStatus')),
    getMessage: (provider, messageId) => store.getMessage(provider, messageId).catch(failed('getMessage')),
    saveConversation: (record) => store.saveConversation(record).catch(failed('saveConversation')),
    getConversation: (provider, id) => store.getConversation(provider, id).catch(failed('getConversation')),
    findConversation: (query) => store.findConversation(query).catch(failed('findConversation')),
  };
}
