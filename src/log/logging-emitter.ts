import { type EventHandler, RcsEventEmitter, type Unsubscribe } from '../events/emitter.js';
import type { EventKind, EventOfKind, RcsEvent } from '../events/types.js';
import type { Log } from './logger.js';

/**
 * The emitter of a core: every error reported to `onError` is logged as well (logger.ts), and it
 * counts subscriptions so debug lines can say when an event had no handler to run.
 */
export class LoggingEmitter extends RcsEventEmitter {
  log: Log | undefined;
  readonly #byKind = new Map<EventKind, number>();
  #any = 0;

  override on<K extends EventKind>(
    kinds: K | readonly K[],
    handler: EventHandler<EventOfKind<K>>,
  ): Unsubscribe {
    const unsubscribe = super.on(kinds, handler);
    const list = (Array.isArray(kinds) ? kinds : [kinds]) as readonly K[];
    for (const kind of list) this.#byKind.set(kind, (this.#byKind.get(kind) ?? 0) + 1);
    return this.#once(unsubscribe, () => {
      for (const kind of list) this.#byKind.set(kind, (this.#byKind.get(kind) ?? 1) - 1);
    });
  }

  override onAny(handler: EventHandler<RcsEvent>): Unsubscribe {
    const unsubscribe = super.onAny(handler);
    this.#any++;
    return this.#once(unsubscribe, () => {
      this.#any--;
    });
  }

  subscribed(kind: EventKind): boolean {
    return this.#any > 0 || (this.#byKind.get(kind) ?? 0) > 0;
  }

  override async reportError(error: Error, event?: RcsEvent): Promise<void> {
    this.log?.problem(error, event);
    await super.reportError(error, event);
  }

  #once(unsubscribe: Unsubscribe, uncount: () => void): Unsubscribe {
    let done = false;
    return () => {
      unsubscribe();
      if (done) return;
      done = true;
      uncount();
    };
  }
}
