import { RcsWebhookError, type RcsWebhooks } from 'rcs-webhooks';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { expect } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { send } from '../helpers/http.js';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';

// Issue 14 item 4: the middleware under a mount point (Express app.use('/api') and routers, koa-mount,
// @koa/router prefixes, Fastify prefixes), checked through real HTTP with a provider that signs the
// URL it called (Twilio, signed here by twilio-node itself) and one that does not (Infobip).

const TWILIO_TOKEN = 'prefix-test-twilio-auth-token';
const TWILIO_FORM = loadFixture('twilio', 'form-encoded/composed-rcs-status-delivered');
const INFOBIP_BODY = loadFixture('infobip', 'notes-delivery-report-full');

export const providers = { infobip: { basic: INFOBIP_BASIC }, twilio: { authToken: TWILIO_TOKEN } };

/** What the tests read from a mounted core: its events and its errors. */
export type Observed = Pick<RcsWebhooks, 'onAny' | 'onError'>;

/** A request as Twilio sends it to `url`: the signature is twilio-node's, over that exact URL. */
function twilioRequest(url: string) {
  const params = Object.fromEntries(new URLSearchParams(TWILIO_FORM));
  return {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(TWILIO_TOKEN, url, params),
    },
    body: TWILIO_FORM,
  };
}

/**
 * `webhooks` is where the provider routes are from the client's side (prefix included), `relative`
 * the same below the mount point. Both providers verify and emit; a Twilio signature over any other
 * URL (the one without the prefix) is refused and reported to onError; an unknown provider below
 * the mount gets the JSON 404 and onError; a path under the prefix but outside the webhooks is left
 * to the framework.
 */
export async function expectMounted(base: string, webhooks: string, relative: string, observed: Observed) {
  const kinds: string[] = [];
  const errors: string[] = [];
  observed.onAny((event) => {
    kinds.push(`${event.provider}:${event.kind}`);
  });
  observed.onError((error) => {
    errors.push(error instanceof RcsWebhookError ? error.code : error.message);
  });

  const infobip = await signedInfobip(INFOBIP_BODY, `${base}${webhooks}/infobip`);
  expect(await send(base, infobip)).toEqual({ status: 200, body: '{"ok":true}' });
  const twilioUrl = `${base}${webhooks}/twilio?tenant=acme`;
  expect((await send(base, twilioRequest(twilioUrl))).status).toBe(200);
  expect(kinds).toEqual(['infobip:delivery', 'twilio:delivery']);
  expect(errors).toEqual([]);

  const elsewhere = webhooks === relative ? `/other${relative}` : relative;
  const wrongUrl = twilioRequest(`${base}${elsewhere}/twilio?tenant=acme`);
  const wrongResponse = await fetch(twilioUrl, {
    method: 'POST',
    headers: wrongUrl.headers,
    body: wrongUrl.body,
  });
  expect(wrongResponse.status).toBe(401);

  const unknown = await send(base, { ...infobip, url: `${base}${webhooks}/nobody` });
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.body)).toMatchObject({ error: 'unknown_provider' });
  expect(errors).toEqual(['invalid_signature', 'unknown_provider']);

  const outside = await fetch(`${base}${webhooks.slice(0, -relative.length)}/not-webhooks`, {
    method: 'POST',
  });
  expect(outside.status).toBe(404);
  expect(await outside.text()).not.toContain('unknown_provider');
  expect(kinds).toHaveLength(2);
  expect(errors).toHaveLength(2);
}
