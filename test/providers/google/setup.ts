import { createHash } from 'node:crypto';
import type { GoogleOptions, RcsWebhooks } from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';
import type { AuthSubject } from '../../helpers/auth-matrix.js';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import {
  type Answer,
  type CoreOptions,
  type Harness,
  providerHarness,
} from '../../helpers/provider-harness.js';

export type { Answer };

/** The clientToken of Google's webhook guide, which is also the key of the signature test vector. */
export const CLIENT_TOKEN = 'SJENCPGJESMGUFPY';
/** A second test-only token, for wrong-token and rotation cases. */
export const OTHER_TOKEN = 'TESTONLYSECONDTOKEN';

/** Half a minute after the fixtures' 2025-01-01T12:00 send times. */
export const NOW = Date.parse('2025-01-01T12:00:30.000Z');
export const URL = 'http://127.0.0.1/webhooks/rcs/google';

/** A decoded RBM event from test/fixtures/google/events/: its exact bytes, as text. */
export function loadEvent(name: string): string {
  return loadFixture('google', `events/${name}`);
}

export function eventNames(): string[] {
  return fixtureNames('google/events');
}

/** A core with only Google configured, recording every event and error. */
export function harness(
  options: GoogleOptions = { clientToken: CLIENT_TOKEN },
  core: CoreOptions = {},
): Harness {
  return providerHarness({ google: options }, { now: NOW, ...core });
}

/** Signs `body` (an object or the exact string) as Google would with `clientToken`. */
export function sign(body: unknown, clientToken: string = CLIENT_TOKEN): Promise<SignedRequest> {
  return signRequest({ provider: 'google', body, config: { clientToken }, url: URL, now: NOW });
}

export async function post(rcs: RcsWebhooks, body: unknown, clientToken?: string): Promise<Answer> {
  return answer(await rcs.handle(await sign(body, clientToken)));
}

/** Status and body of a response; JSON bodies are parsed, anything else stays text. */
export function answer(response: { status: number; headers: Record<string, string>; body: string }): Answer {
  const json = response.headers['content-type']?.startsWith('application/json') ?? false;
  return { status: response.status, body: json ? JSON.parse(response.body) : response.body };
}

/** Google as the shared authentication cases see it, signing `body` (it signs no timestamp). */
export function authSubject(body: unknown): AuthSubject<GoogleOptions> {
  return {
    name: 'Google',
    key: 'clientToken',
    now: NOW,
    url: URL,
    body,
    options: { clientToken: CLIENT_TOKEN },
    rotation: {
      both: { clientToken: [OTHER_TOKEN, CLIENT_TOKEN] },
      otherOnly: { clientToken: [OTHER_TOKEN] },
    },
    harness,
    sign: (signed, { other }) => sign(signed, other ? OTHER_TOKEN : CLIENT_TOKEN),
    signatureHeaders: ['x-goog-signature'],
    secrets: [CLIENT_TOKEN, OTHER_TOKEN],
  };
}

/** The id `unsupported()` gives an item: a digest of it. */
export function unsupportedId(raw: unknown): string {
  return `unsupported:${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32)}`;
}

/** Normalized event fields common to every Google event of these tests. */
export const base = { provider: 'google', receivedAt: new Date(NOW) } as const;
