import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../../../src/providers/twilio/signature.js';
import { twilioUrlVariants } from '../../../src/providers/twilio/url-variants.js';
import { base, harness, params } from './setup.js';

// test/fixtures/twilio/VECTORS.md: signatures copied exactly, never recomputed here.
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const CALL_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_HASH = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';
const EMPTY_HASH = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

interface Vector {
  name: string;
  url: string;
  body: string;
  contentType: string;
  signature: string;
  token?: string;
}

const form = (entries: Record<string, string | string[]>) => {
  const result = new URLSearchParams();
  for (const [name, value] of Object.entries(entries))
    for (const item of [value].flat()) result.append(name, item);
  return result.toString();
};
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const callForm = form(CALL_PARAMS);

/** Vectors of the provider notes (§2.2), all from twilio-node spec/validation.spec.js except the RCS one. */
const NOTES_VECTORS: Vector[] = [
  { name: 'form', url: URL, body: callForm, contentType: FORM, signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
  {
    name: 'form, https URL with port 1234 (the port-removed variant)',
    url: URL.replace('.com', '.com:1234'),
    body: callForm,
    contentType: FORM,
    signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
  },
  {
    name: 'form, http URL with port 1234',
    url: 'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
    body: callForm,
    contentType: FORM,
    signature: 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',
  },
  {
    name: 'JSON with bodySHA256',
    url: `${URL}&bodySHA256=${JSON_HASH}`,
    body: JSON_BODY,
    contentType: JSON_TYPE,
    signature: 'a9nBmqA0ju/hNViExpshrM61xv4=',
  },
  {
    // Verifies through the variant with the default port added (…mycompany.com:443/…).
    name: 'JSON, empty object body',
    url: `${URL}&bodySHA256=${EMPTY_HASH}`,
    body: '{}',
    contentType: JSON_TYPE,
    signature: 'Ldidvp12m26NI7eqEvxnEpkd9Hc=',
  },
  {
    name: 'JSON, bodySHA256 the only query parameter',
    url: `https://mycompany.com/myapp.php?bodySHA256=${JSON_HASH}`,
    body: JSON_BODY,
    contentType: JSON_TYPE,
    signature: 'y77kIzt2vzLz71DgmJGsen2scGs=',
  },
];

/** More vectors of twilio-node spec/validation.spec.js (not in the notes; recipes in VECTORS.md). */
const SDK_VECTORS: Vector[] = [
  {
    name: 'https, signed with :443',
    url: URL,
    body: callForm,
    contentType: FORM,
    signature: 'kvajT1Ptam85bY51eRf/AJRuM3w=',
  },
  {
    name: 'http, signed with :80',
    url: URL.replace('https', 'http'),
    body: callForm,
    contentType: FORM,
    signature: '0ZXoZLH/DfblKGATFgpif+LLRf4=',
  },
  {
    name: 'URL with credentials',
    url: 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2',
    body: callForm,
    contentType: FORM,
    signature: 'CukzLTc1tT5dXEDIHm/tKBanW10=',
  },
  {
    name: 'URL with a user name only',
    url: 'https://user@mycompany.com/myapp.php?foo=1&bar=2',
    body: callForm,
    contentType: FORM,
    signature: '2YRLlVAflCqxaNicjMpJcSTgzSs=',
  },
  {
    name: 'URL with credentials, signed with :443',
    url: 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2',
    body: callForm,
    contentType: FORM,
    signature: 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=',
  },
  {
    name: "URL with an unescaped ' in the query",
    url: `${URL}&Body=It's+amazing`,
    body: callForm,
    contentType: FORM,
    signature: 'dsq4Ehbj6cs+KdTkpF5sSSplOWw=',
  },
  ...[
    ['+1325xxxxxxx', '+1415xxxxxxx'],
    ['+1415xxxxxxx', '+1325xxxxxxx'],
  ].map((addresses) => ({
    name: `a repeated parameter, values ${addresses.join(', ')}`,
    url: URL,
    body: form({ 'MessagingBinding.Address': addresses }),
    contentType: FORM,
    signature: '83O6e2vORAoJHUNzJjDWN1jz+BA=',
  })),
  {
    name: 'a repeated parameter with a duplicate value',
    url: URL,
    body: form({ Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] }),
    contentType: FORM,
    signature: 'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
  },
];

/** The request as Twilio sends it for `vector.url`, received behind a proxy at the mount path. */
async function handleVector(vector: Vector, signature = vector.signature) {
  const { rcs, events, errors } = harness(
    { authToken: vector.token ?? TOKEN },
    { publicUrl: () => vector.url },
  );
  const response = await rcs.handle({
    method: 'POST',
    url: '/webhooks/rcs/twilio',
    headers: { 'content-type': vector.contentType, 'x-twilio-signature': signature },
    body: new TextEncoder().encode(vector.body),
  });
  const error = response.status === 200 ? undefined : (JSON.parse(response.body) as { error?: string }).error;
  const messages = errors.map((problem) => (problem as Error).message);
  return { status: response.status, error, events, messages };
}

describe('twilio documented signature vectors', () => {
  it('have the documented body hashes', () => {
    const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
    expect(sha256(JSON_BODY)).toBe(JSON_HASH);
    expect(sha256('{}')).toBe(EMPTY_HASH);
  });

  for (const vector of [...NOTES_VECTORS, ...SDK_VECTORS]) {
    it(`verifies: ${vector.name}`, async () => {
      if (vector.contentType === JSON_TYPE) {
        // Authentic JSON bodies are passed on as unsupported.
        const result = await handleVector(vector);
        expect(result.status).toBe(200);
        expect(result.events.map((event) => event.kind)).toEqual(['unsupported']);
        return;
      }
      // The signature matches one of the URL variants twilio-node tries…
      const params = [...new URLSearchParams(vector.body)];
      const matches = twilioUrlVariants(vector.url).filter(
        (url) => twilioSignature(vector.token ?? TOKEN, url, params) === vector.signature,
      );
      expect(matches.length).toBeGreaterThan(0);
      // …but the SDK's voice-call and Notify parameters (CallSid CA1234567890ABCDE, Digits,
      // MessagingBinding.Address…) are not a Messaging webhook: refused as not Twilio's form, on
      // purpose (docs/providers/twilio.md, "Re-split forms").
      const result = await handleVector(vector);
      expect({ status: result.status, error: result.error }).toEqual({
        status: 401,
        error: 'invalid_signature',
      });
      expect(result.messages.join()).toContain('not a form Twilio sends');
    });

    it(`rejects with one character of the signature changed: ${vector.name}`, async () => {
      const flipped = `${vector.signature[0] === 'A' ? 'B' : 'A'}${vector.signature.slice(1)}`;
      const result = await handleVector(vector, flipped);
      expect({ status: result.status, error: result.error }).toEqual({
        status: 401,
        error: 'invalid_signature',
      });
      expect(result.events).toEqual([]);
    });
  }

  it('computes the form vectors with the signer primitive', () => {
    expect(twilioSignature(TOKEN, URL, Object.entries(CALL_PARAMS))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature(TOKEN, `${URL}&bodySHA256=${JSON_HASH}`, [])).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
    const withPort = twilioUrlVariants(URL).map((url) =>
      twilioSignature(TOKEN, url, Object.entries(CALL_PARAMS)),
    );
    expect(withPort).toEqual(['RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'kvajT1Ptam85bY51eRf/AJRuM3w=']);
  });

  it('verifies the RCS inbound vector of the notes and normalizes it', async () => {
    const raw = params('notes-rcs-inbound-button-tap');
    const { rcs, events } = harness(
      { authToken: 'test_auth_token_123' },
      { publicUrl: () => 'https://example.com/twilio/inbound' },
    );
    const response = await rcs.handle({
      method: 'POST',
      url: '/webhooks/rcs/twilio',
      headers: { 'content-type': FORM, 'X-Twilio-Signature': 'ODhLH+jegUPO5ChgWVssg2b1jks=' },
      body: new URLSearchParams(raw).toString(),
    });
    expect(response.status).toBe(200);
    expect(events).toStrictEqual([
      {
        ...base,
        kind: 'inbound',
        id: 'inbound:SM00000000000000000000000000000000',
        raw,
        messageId: 'SM00000000000000000000000000000000',
        from: 'rcs:+15551234567',
        to: 'rcs:acme_agent',
        content: { type: 'suggestion', postbackData: 'confirm_1043', text: 'Yes please' },
      },
    ]);
  });
});

describe('twilio URL variants', () => {
  const cases: [string, string[]][] = [
    ['https://h.example/p?q=1', ['https://h.example/p?q=1', 'https://h.example:443/p?q=1']],
    ['http://h.example/p', ['http://h.example/p', 'http://h.example:80/p']],
    ['https://h.example:443/p', ['https://h.example:443/p', 'https://h.example/p']],
    ['https://h.example:8443/p', ['https://h.example:8443/p', 'https://h.example/p']],
    ['https://u:p@h.example/p', ['https://u:p@h.example/p', 'https://u:p@h.example:443/p']],
    ['http://[::1]:3000/p', ['http://[::1]:3000/p', 'http://[::1]/p']],
    [
      'https://h.example',
      ['https://h.example', 'https://h.example:443', 'https://h.example/', 'https://h.example:443/'],
    ],
    [
      "https://H.Example/p?n=O'Brien&a=b+c",
      [
        "https://H.Example/p?n=O'Brien&a=b+c",
        "https://H.Example:443/p?n=O'Brien&a=b+c",
        // twilio-node's fallbacks: new URL() normalized, then its query re-encoded by querystring.
        'https://h.example/p?n=O%27Brien&a=b+c',
        "https://h.example/p?n=O'Brien&a=b%20c",
        'https://h.example:443/p?n=O%27Brien&a=b+c',
        "https://h.example:443/p?n=O'Brien&a=b%20c",
      ],
    ],
    ['not a url', ['not a url']],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected.join(' | ')}`, () => {
      expect(twilioUrlVariants(url)).toEqual(expected);
    });
  }
});
