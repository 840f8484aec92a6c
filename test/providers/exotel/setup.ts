import type { ExotelOptions } from 'rcs-webhooks';
import { type SignedRequest, type SigningConfigs, signRequest } from 'rcs-webhooks/testing';
import { type Harness, handled, providerHarness } from '../../helpers/provider-harness.js';

// Test-only secrets.
export const TOKEN = 'test-exotel-token-1f9c2a';
export const OTHER_TOKEN = 'test-exotel-token-rotated-77b0';
export const BASIC = { username: 'exotel-hook', password: 'test-basic-password' };

export const NOW = Date.parse('2026-11-21T12:00:00Z');
export const URL = 'http://127.0.0.1/webhooks/rcs/exotel';

/** A core with only Exotel configured, recording every event and error. */
export function harness(options: ExotelOptions = { token: TOKEN }): Harness {
  return providerHarness({ exotel: options }, { now: NOW });
}

/** A request as Exotel sends it to a callback URL carrying `config`'s secrets (default: `?token=`). */
export function sign(
  body: unknown,
  config: SigningConfigs['exotel'] = { urlToken: TOKEN },
  url = URL,
): Promise<SignedRequest> {
  return signRequest({ provider: 'exotel', body, config, url, now: NOW });
}

/** Handles the request (with its `remoteAddress`, if any) and returns the status and parsed body. */
export const post = handled;

/** Normalized event fields common to every Exotel event of these tests. */
export const base = { provider: 'exotel', receivedAt: new Date(NOW) } as const;

/** The `raw` of each event: the message objects of the envelope, in order (or the flat body). */
export function itemsOf(body: string): unknown[] {
  const parsed = JSON.parse(body) as { rcs?: { messages: unknown[] }; sms?: { messages: unknown[] } };
  if (parsed.rcs === undefined && parsed.sms === undefined) return [parsed];
  return [...(parsed.rcs?.messages ?? []), ...(parsed.sms?.messages ?? [])];
}
