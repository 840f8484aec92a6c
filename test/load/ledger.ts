import { createHash } from 'node:crypto';
import type { RcsEvent } from 'rcs-webhooks';
import { eventKey, type LoadPlan, type PlannedEvent } from './plan.js';

/** What the handlers saw of one planned event, across every attempt on every instance. */
export interface EventRecord {
  attempts: number;
  successes: number;
  /** Injected failures (the first attempt of a `failFirst` event). */
  failures: number;
  /** The library's event ids seen for it (must be one: ids are stable across retries). */
  ids: Set<string>;
  /** `superseded` as the successful attempt saw it. */
  superseded: boolean;
}

export class InjectedFailure extends Error {
  override name = 'InjectedFailure';
}

/**
 * The handlers' side of the load test: counts attempts and successful completions per event (by
 * what a handler sees: provider, kind, message, status), and throws on the first attempt of the
 * events the plan marks `failFirst`, as a transiently failing handler would.
 */
export class Ledger {
  readonly records = new Map<string, EventRecord>();
  readonly planned = new Map<string, PlannedEvent>();
  /**
   * Sessions the pipeline derives from the messages (`conversationStarted`, `derived: true`), by
   * provider and id. They are not planned (they follow from the traffic), but each must be handled
   * exactly once too, and they fail transiently like the others.
   */
  readonly derived = new Map<string, EventRecord & { provider: string; id: string; failFirst: boolean }>();
  /** Events no plan entry matches (must stay empty). */
  readonly unexpected: string[] = [];
  handled = 0;
  injected = 0;

  constructor(
    plan: LoadPlan,
    private readonly failRate = 0.05,
  ) {
    for (const event of plan.events) this.planned.set(event.key, event);
  }

  /** The handler: subscribed (through the app) to every event kind. */
  handle = async (event: RcsEvent): Promise<void> => {
    await Promise.resolve(); // a handler is asynchronous work, however short
    if (event.kind === 'conversationStarted' && event.derived) return this.#handleDerived(event);
    const key = eventKey(event);
    const planned = key === undefined ? undefined : this.planned.get(key);
    if (key === undefined || planned === undefined) {
      if (this.unexpected.length < 20) this.unexpected.push(`${event.provider} ${event.kind} ${event.id}`);
      return;
    }
    let record = this.records.get(key);
    if (record === undefined) {
      record = { attempts: 0, successes: 0, failures: 0, ids: new Set(), superseded: false };
      this.records.set(key, record);
    }
    record.attempts++;
    record.ids.add(event.id);
    if (planned.failFirst && record.attempts === 1) {
      record.failures++;
      this.injected++;
      throw new InjectedFailure(`injected transient failure for ${event.id}`);
    }
    record.successes++;
    record.superseded = event.kind === 'delivery' && event.superseded === true;
    this.handled++;
  };

  #handleDerived(event: RcsEvent): void {
    const key = `${event.provider}:${event.id}`;
    let record = this.derived.get(key);
    if (record === undefined) {
      const roll = createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
      record = {
        provider: event.provider,
        id: event.id,
        failFirst: event.provider !== 'google' && roll < this.failRate,
        attempts: 0,
        successes: 0,
        failures: 0,
        ids: new Set([event.id]),
        superseded: false,
      };
      this.derived.set(key, record);
    }
    record.attempts++;
    if (record.failFirst && record.attempts === 1) {
      record.failures++;
      this.injected++;
      throw new InjectedFailure(`injected transient failure for derived ${event.id}`);
    }
    record.successes++;
    this.handled++;
  }

  /** The claim key the pipeline uses for an event (`provider:eventId`), to match store-side records. */
  claimKeys(key: string): string[] {
    const record = this.records.get(key);
    const planned = this.planned.get(key);
    if (record === undefined || planned === undefined) return [];
    return [...record.ids].map((id) => `${planned.provider}:${id}`);
  }
}
