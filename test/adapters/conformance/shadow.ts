import { createRcsWebhooks, type RcsWebhooks } from 'rcs-webhooks';
import type { SignedRequest } from 'rcs-webhooks/testing';
import { fixtureBody, type ProviderSample, sign } from './samples.js';
import { EventSink, type RecordedEvent } from './sink.js';

export interface Exchange {
  status: number;
  contentType: string | null;
  body: string;
  events: RecordedEvent[];
}

/**
 * One provider through one target, next to a shadow: a core in this process that receives the very
 * same requests in the same order, with the same handler behaviour. Whatever the provider's policy
 * (a handshake answered with text, `handlerErrors: 'acknowledge'`), the adapter must answer and emit
 * exactly what the core does.
 */
export class ShadowedProvider {
  readonly #shadowSink = new EventSink();
  #shadow: RcsWebhooks | undefined;

  constructor(
    readonly sample: ProviderSample,
    private readonly target: () => { base: string; path: string; sink: EventSink },
  ) {}

  get url(): string {
    const { base, path } = this.target();
    return `${base}${path}/${this.sample.provider}`;
  }

  /** The handler fails for the next event, on both sides. */
  failNext(): void {
    this.target().sink.failNext();
    this.#shadowSink.failNext();
  }

  async exchange(request: SignedRequest): Promise<{ actual: Exchange; expected: Exchange }> {
    const { base, path, sink } = this.target();
    this.#shadow ??= this.#createShadow(path);
    const mark = sink.events.length;
    const { pathname, search } = new URL(request.url);
    const response = await fetch(`${base}${pathname}${search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const actual = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
      events: sink.since(mark),
    };
    const shadowMark = this.#shadowSink.events.length;
    const reference = await this.#shadow.handle(request);
    const expected = {
      status: reference.status,
      contentType: reference.headers['content-type'] ?? null,
      body: reference.body,
      events: this.#shadowSink.since(shadowMark),
    };
    return { actual, expected };
  }

  sign(fixture: number | string, signing?: unknown): Promise<SignedRequest> {
    const body = typeof fixture === 'number' ? fixtureBody(this.sample, fixture) : fixture;
    return sign(this.sample, this.url, body, signing);
  }

  #createShadow(path: string): RcsWebhooks {
    const shadow = createRcsWebhooks({ providers: { [this.sample.provider]: this.sample.options }, path });
    shadow.onAny(this.#shadowSink.handle);
    return shadow;
  }
}

const firstEventFixtures = new Map<string, Promise<number>>();

/** The first fixture of the sample that a fresh core turns into events (not a handshake). */
export function firstEventFixture(sample: ProviderSample): Promise<number> {
  let found = firstEventFixtures.get(sample.provider);
  if (found === undefined) {
    found = (async () => {
      for (let index = 0; index < sample.fixtures.length; index++) {
        const core = createRcsWebhooks({ providers: { [sample.provider]: sample.options } });
        let events = 0;
        core.onAny(() => {
          events++;
        });
        const request = await sign(
          sample,
          `http://127.0.0.1/webhooks/rcs/${sample.provider}`,
          fixtureBody(sample, index),
        );
        if ((await core.handle(request)).status === 200 && events > 0) return index;
      }
      throw new Error(`examples/samples/${sample.provider}.ts has no fixture that produces events`);
    })();
    firstEventFixtures.set(sample.provider, found);
  }
  return found;
}
