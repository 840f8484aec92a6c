import fc from 'fast-check';
import twilio from 'twilio';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { twilioSignedData } from '../../../src/providers/twilio/signature.js';
import { harness, names, params, TOKEN } from './setup.js';

// Issue 13 C13: twilio-node 6.x (devDependency `twilio`) as the oracle, both directions. What it
// validates, rcs-webhooks accepts; what it refuses, rcs-webhooks refuses. The one deliberate
// disagreement: re-split forms, which twilio-node validates (it cannot tell them apart) and
// rcs-webhooks refuses (docs/providers/twilio.md, "Re-split forms").

const SHARED = 'test-twilio-shared-key-secret-71c2';
const FORM = 'application/x-www-form-urlencoded';
const PATH = '/webhooks/rcs/twilio';
type Algorithm = 'HMAC_SHA1' | 'HMAC_SHA256';

/** Twilio's own forms: every fixture, in its order. */
const fixtures = names().map((name) => params(name));

/** rcs-webhooks' answer to a request sent to `receivedUrl` (absolute), signed `signature`. */
async function ours(
  receivedUrl: string,
  body: string,
  signature: string,
  algorithm: Algorithm | undefined,
  contentType = FORM,
) {
  const { rcs, events } = harness({ authToken: TOKEN, sharedKeySecret: SHARED });
  const headers: Record<string, string> = { 'content-type': contentType, 'x-twilio-signature': signature };
  if (algorithm !== undefined)
    headers['x-twilio-webhooks-signature-settings'] = `key=KS1,algorithm=${algorithm}`;
  const response = await rcs.handle({ method: 'POST', url: receivedUrl, headers, body });
  return { status: response.status, events: events.length };
}

const secretOf = (algorithm: Algorithm | undefined) => (algorithm === undefined ? TOKEN : SHARED);

/** URLs Twilio may have called, and the forms of them its back end may have signed. */
const host = fc.constantFrom('hooks.example.com', 'Hooks.Example.COM', 'hooks.example.com:8443');
const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.constantFrom('tenant', 'name', 'q'),
        fc.constantFrom('1', "O'Brien", 'Ann+Lee', 'Ann%20Lee', 'a%2Bb', 'x~y'),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
  { nil: undefined },
);
/** Which of twilio-node's candidates Twilio signed: as received, its port changed, or normalized. */
const signedForm = fc.constantFrom('as-received', 'port', 'normalized', 'legacy');

function signedUrlFor(received: string, form: string): string {
  const parsed = new URL(received);
  switch (form) {
    case 'port':
      return parsed.port === ''
        ? received.replace(/^(https:\/\/[^/]+)/, '$1:443')
        : received.replace(/:\d+/, '');
    case 'normalized':
      return parsed.toString();
    case 'legacy': {
      const normalized = parsed.toString();
      const at = normalized.indexOf('?');
      if (at === -1) return normalized;
      const legacy = new URLSearchParams(normalized.slice(at + 1));
      return `${normalized.slice(0, at)}?${[...legacy].map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')}`;
    }
    default:
      return received;
  }
}

/** A Twilio form with its Body replaced by arbitrary text (what users send). */
const twilioForm = fc
  .tuple(fc.nat(fixtures.length - 1), fc.option(fc.string({ maxLength: 60 }), { nil: undefined }))
  .map(([index, text]) => {
    const fields = { ...(fixtures[index] as Record<string, string>) };
    if (text !== undefined && 'Body' in fields) fields.Body = text;
    return fields;
  });
const algorithm = fc.constantFrom<Algorithm | undefined>(undefined, 'HMAC_SHA1', 'HMAC_SHA256');

describe('twilio-node 6.x as the oracle', () => {
  it('what twilio-node validates, rcs-webhooks accepts (forms, URL forms, SharedKey algorithms)', async () => {
    await fc.assert(
      fc.asyncProperty(
        twilioForm,
        host,
        query,
        signedForm,
        algorithm,
        async (fields, at, search, form, alg) => {
          const received = `https://${at}${PATH}${search === undefined ? '' : `?${search}`}`;
          const signature = getExpectedTwilioSignature(
            secretOf(alg),
            signedUrlFor(received, form),
            fields,
            alg,
          );
          fc.pre(twilio.validateRequest(secretOf(alg), signature, received, fields, alg));
          const body = new URLSearchParams(fields).toString();
          expect(await ours(received, body, signature, alg)).toMatchObject({ status: 200 });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('what twilio-node refuses, rcs-webhooks refuses (one byte of the form, URL or signature changed)', async () => {
    const target = fc.constantFrom('body', 'url', 'signature');
    await fc.assert(
      fc.asyncProperty(
        twilioForm,
        host,
        query,
        algorithm,
        target,
        fc.nat(),
        fc.nat(),
        async (fields, at, search, alg, what, position, seed) => {
          const received = `https://${at}${PATH}${search === undefined ? '' : `?${search}`}`;
          let signature = getExpectedTwilioSignature(secretOf(alg), received, fields, alg);
          let body = new URLSearchParams(fields).toString();
          let url = received;
          const change = (text: string, from: number) => {
            const index = from + (position % (text.length - from));
            const replacement = String.fromCharCode(0x21 + (seed % 94));
            return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
          };
          if (what === 'body') body = change(body, 0);
          else if (what === 'url') url = change(url, `https://${at}`.length);
          else signature = change(signature, 0);
          let sdk: boolean;
          try {
            sdk = twilio.validateRequest(
              secretOf(alg),
              signature,
              url,
              Object.fromEntries(new URLSearchParams(body)),
              alg,
            );
          } catch {
            sdk = false; // a URL new URL() cannot parse
          }
          fc.pre(!sdk);
          const answer = await ours(url, body, signature, alg).catch(() => ({ status: 400, events: 0 }));
          expect(answer.status).not.toBe(200);
          expect(answer.events).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees on JSON bodies (validateRequestWithBody), including an upper-case hex bodySHA256', async () => {
    const body = '{"MessageSid":"SM0123456789abcdef0123456789abcdef"}';
    const hash = twilio.getExpectedBodyHash(body);
    for (const [hex, valid] of [
      [hash, true],
      [hash.toUpperCase(), false],
    ] as const) {
      const url = `https://hooks.example.com${PATH}?bodySHA256=${hex}`;
      const signature = getExpectedTwilioSignature(TOKEN, url, {});
      expect(twilio.validateRequestWithBody(TOKEN, signature, url, body)).toBe(valid);
      expect((await ours(url, body, signature, undefined, 'application/json')).status).toBe(
        valid ? 200 : 401,
      );
    }
  });

  it('refuses an algorithm twilio-node does not support', async () => {
    const fields = fixtures[0] as Record<string, string>;
    const url = `https://hooks.example.com${PATH}`;
    const signature = getExpectedTwilioSignature(SHARED, url, fields, 'HMAC_SHA256');
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(twilio.validateRequest(SHARED, signature, url, fields, 'HMAC_SHA512')).toBe(false);
    } finally {
      console.warn = warn;
    }
    const body = new URLSearchParams(fields).toString();
    expect((await ours(url, body, signature, 'HMAC_SHA512' as Algorithm)).status).toBe(401);
  });

  it('disagrees on purpose on re-split forms: twilio-node validates them, rcs-webhooks refuses them', async () => {
    const original = { ...params('composed-rcs-inbound-text'), Body: 'Yes. Do not Cancel my order' };
    const url = `https://hooks.example.com${PATH}`;
    const signature = getExpectedTwilioSignature(TOKEN, url, original);
    const forged = { ...original, Body: 'Yes. Do not ', Cancel: ' my order' };
    expect(twilioSignedData(url, Object.entries(forged))).toBe(
      twilioSignedData(url, Object.entries(original)),
    );
    expect(twilio.validateRequest(TOKEN, signature, url, forged)).toBe(true);
    expect(await ours(url, new URLSearchParams(forged).toString(), signature, undefined)).toEqual({
      status: 401,
      events: 0,
    });
  });
});
