import {
  createRcsWebhooks,
  type RcsEvent,
  type RcsWebhooks,
  type RcsWebhooksOptions,
  type TwilioOptions,
} from '../../../src/index.js';
import { type SignedRequest, type SigningConfigs, signRequest } from '../../../src/testing/index.js';
import { fixtureNames, loadFixture, loadFixtureJson } from '../../helpers/fixtures.js';

// Test-only Auth Tokens.
export const TOKEN = 'test-twilio-auth-token-5d1c9e';
export const OTHER_TOKEN = 'test-twilio-auth-token-rotated-8a40';

export const NOW = Date.parse('2026-03-02T09:30:00Z');
/** The URL Twilio is configured to call (the request goes to it directly unless a test says otherwise). */
export const URL = 'https://hooks.example.com/webhooks/rcs/twilio';

export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** A core with only Twilio configured, recording every event and error. */
export function harness(
  options: TwilioOptions = { authToken: TOKEN },
  extra: Omit<RcsWebhooksOptions, 'providers' | 'now'> = {},
): Harness {
  const rcs = createRcsWebhooks({ providers: { twilio: options }, now: () => NOW, ...extra });
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

/** Signs `body` (an object of parameters, form-encoded, or the exact string) as Twilio would for `url`. */
export function sign(
  body: unknown,
  options: { url?: string; config?: SigningConfigs['twilio']; contentType?: string } = {},
): Promise<SignedRequest> {
  return signRequest({
    provider: 'twilio',
    body,
    config: options.config ?? { authToken: TOKEN },
    url: options.url ?? URL,
    now: NOW,
    ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
  });
}

export async function post(
  rcs: RcsWebhooks,
  request: SignedRequest,
): Promise<{ status: number; body: unknown }> {
  const response = await rcs.handle(request);
  return { status: response.status, body: JSON.parse(response.body) };
}

/** A fixture's parameters, in order (test/fixtures/twilio/<name>.json). */
export function params(name: string): Record<string, string> {
  return loadFixtureJson('twilio', name) as Record<string, string>;
}

/** A fixture's exact request body (test/fixtures/twilio/form-encoded/<name>.json holds the form string). */
export function formBody(name: string): string {
  return loadFixture('twilio', `form-encoded/${name}`);
}

export const names = (): string[] => fixtureNames('twilio');

/** Normalized event fields common to every Twilio event of these tests. */
export const base = { provider: 'twilio', receivedAt: new Date(NOW) } as const;
