import { EVENT_KINDS, type EventKind, type EventOfKind, type RcsEvent } from './types.js';

/**
 * A handler may return anything: a returned promise (or thenable) is awaited, and its rejection counts
 * as the handler failing; any other value is ignored. So `(e) => markMessage(e.messageId, e.status)`
 * compiles whatever `markMessage` resolves to.
 */
export type EventHandler<E> = (event: E) => unknown;
/** Like {@link EventHandler}: any return value; a returned promise is awaited. */
export type ErrorHandler = (error: Error, event?: RcsEvent) => unknown;
export type Unsubscribe = () => void;

/**
 * A typed emitter whose `emit` awaits every handler and returns what they threw, so the pipeline
 * can answer the provider only after handlers ran and ask for a retry when one failed.
 * (mitt's `emit` is synchronous and drops returned promises; see README "Design notes".)
 */
export class RcsEventEmitter {
  readonly #byKind = new Map<EventKind, Set<EventHandler<RcsEvent>>>();
  readonly #any = new Set<EventHandler<RcsEvent>>();
  readonly #errors = new Set<ErrorHandler>();

  on<K extends EventKind>(kinds: K | readonly K[], handler: EventHandler<EventOfKind<K>>): Unsubscribe {
    const list = (Array.isArray(kinds) ? kinds : [kinds]) as readonly K[];
    for (const kind of list) assertKnownKind(kind);
    const stored = handler as EventHandler<RcsEvent>;
    for (const kind of list) {
      const set = this.#byKind.get(kind) ?? new Set();
      set.add(stored);
      this.#byKind.set(kind, set);
    }
    return () => {
      for (const kind of list) this.#byKind.get(kind)?.delete(stored);
    };
  }

  onAny(handler: EventHandler<RcsEvent>): Unsubscribe {
    this.#any.add(handler);
    return () => this.#any.delete(handler);
  }

  onError(handler: ErrorHandler): Unsubscribe {
    this.#errors.add(handler);
    return () => this.#errors.delete(handler);
  }

  get hasErrorHandlers(): boolean {
    return this.#errors.size > 0;
  }

  /** Runs the event's handlers concurrently and resolves with the errors they threw (empty: success). */
  async emit(event: RcsEvent): Promise<unknown[]> {
    const byKind = this.#byKind.get(event.kind);
    const count = (byKind?.size ?? 0) + this.#any.size;
    if (count === 0) return [];
    if (count === 1) {
      // The common case: no array, no allSettled, one await.
      const [handler] = byKind?.size ? byKind : this.#any;
      try {
        await handler?.(event);
        return [];
      } catch (error) {
        return [error];
      }
    }
    const handlers = [...(byKind ?? []), ...this.#any];
    const results = await Promise.allSettled(handlers.map(async (handler) => handler(event)));
    const errors: unknown[] = [];
    for (const result of results) if (result.status === 'rejected') errors.push(result.reason);
    return errors;
  }

  /** Tells the error handlers; an error thrown inside one of them is contained, never re-thrown. */
  async reportError(error: Error, event?: RcsEvent): Promise<void> {
    await Promise.allSettled([...this.#errors].map(async (handler) => handler(error, event)));
  }
}

function assertKnownKind(kind: string): void {
  if ((EVENT_KINDS as readonly string[]).includes(kind)) return;
  const hint = kind === '*' ? ' Use onAny(handler).' : kind === 'error' ? ' Use onError(handler).' : '';
  throw new TypeError(
    `rcs-webhooks: unknown event kind "${kind}". Known kinds: ${EVENT_KINDS.join(', ')}.${hint}`,
  );
}
