import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRcsWebhooks,
  type GoogleOptions,
  type RcsEvent,
  type RcsWebhooks,
  type RcsWebhooksOptions,
} from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';

/** The clientToken of Google's webhook guide, which is also the key of the signature test vector. */
export const CLIENT_TOKEN = 'SJENCPGJESMGUFPY';
/** A second test-only token, for wrong-token and rotation cases. */
export const OTHER_TOKEN = 'TESTONLYSECONDTOKEN';

/** Half a minute after the fixtures' 2025-01-01T12:00 send times. */
export const NOW = Date.parse('2025-01-01T12:00:30.000Z');
export const URL = 'http://127.0.0.1/webhooks/rcs/google';

const EVENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'google', 'events');

/** A decoded RBM event from test/fixtures/google/events/: its exact bytes, as text. */
export function loadEvent(name: string): string {
  return readFileSync(join(EVENTS_DIR, `${name}.json`), 'utf8');
}

export function eventNames(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** A core with only Google configured, recording every event and error. */
export function harness(
  options: GoogleOptions = { clientToken: CLIENT_TOKEN },
  extra: Omit<RcsWebhooksOptions, 'providers'> = {},
): Harness {
  const rcs = createRcsWebhooks({ providers: { google: options }, now: () => NOW, ...extra });
  const events: RcsEvent[] = [];
  const errors: Error[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  rcs.onError((error) => {
    errors.push(error);
  });
  return { rcs, events, errors };
}

/** Signs `body` (an object or the exact string) as Google would with `clientToken`. */
export function sign(body: unknown, clientToken: string = CLIENT_TOKEN): Promise<SignedRequest> {
  return signRequest({ provider: 'google', body, config: { clientToken }, url: URL, now: NOW });
}

export interface Answer {
  status: number;
  body: unknown;
}

export async function post(rcs: RcsWebhooks, body: unknown, clientToken?: string): Promise<Answer> {
  return answer(await rcs.handle(await sign(body, clientToken)));
}

/** Status and body of a response; JSON bodies are parsed, anything else stays text. */
export function answer(response: { status: number; headers: Record<string, string>; body: string }): Answer {
  const json = response.headers['content-type']?.startsWith('application/json') ?? false;
  return { status: response.status, body: json ? JSON.parse(response.body) : response.body };
}

/** The id `unsupported()` gives an item: a digest of it. */
export function unsupportedId(raw: unknown): string {
  return `unsupported:${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32)}`;
}

/** Normalized event fields common to every Google event of these tests. */
export const base = { provider: 'google', receivedAt: new Date(NOW) } as const;
