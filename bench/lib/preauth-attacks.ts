/**
 * Unauthenticated requests built to cost the server as much CPU as possible before it can answer
 * 401 (issue 13 item A2), one set per provider, and the baseline they are measured against: an
 * Infobip Basic-auth 401 with a body of the same size. Every body is exactly `size` bytes.
 * Credentials are fixed bench values (never real ones); the attacker never knows them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ED25519_PUBLIC_KEY_BASE64 } from './workloads.js';

/** The default `maxBodyBytes` (1 MiB): the largest body any provider route reads. */
export const ATTACK_BODY_BYTES = 1024 * 1024;

export const MOUNT = '/webhooks/rcs';

/** Every provider configured the way a user would, with one credential each (no rotation). */
export const PREAUTH_PROVIDERS = {
  infobip: {
    basic: { username: 'bench', password: 'bench-password' },
    hmac: { secret: 'bench-infobip-hmac-secret', header: 'x-infobip-signature', encoding: 'hex' },
    urlToken: 'bench-infobip-url-token',
  },
  telnyx: { publicKey: ED25519_PUBLIC_KEY_BASE64 },
  bird: { signingKey: 'bench-bird-signing-key', legacyJwt: true },
  exotel: { token: 'bench-exotel-token', basic: { username: 'bench', password: 'bench-password' } },
  google: { clientToken: 'bench-google-client-token' },
  twilio: { authToken: 'bench-twilio-auth-token-0123456' },
  sinch: { secret: 'bench-sinch-secret' },
  vonage: { signatureSecret: 'bench-vonage-signature-secret' },
} as const;

export interface AttackRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Attack {
  provider: string;
  /** What the request is, in a few words (printed next to its ratio). */
  name: string;
  /** Builds the request at send time (timestamps must be fresh). */
  build(size: number): AttackRequest;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const seconds = () => Math.floor(Date.now() / 1000).toString();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `prefix` + `unit` repeated + `suffix`, padded with spaces (JSON whitespace) to exactly `size` bytes. */
function fill(prefix: string, unit: string, separator: string, suffix: string, size: number): Buffer {
  const room = size - prefix.length - suffix.length;
  const count =
    unit === '' ? 0 : Math.max(1, Math.floor((room + separator.length) / (unit.length + separator.length)));
  const middle = Array<string>(count).fill(unit).join(separator);
  const text = `${prefix}${middle}${suffix}`;
  return Buffer.from(text.length < size ? `${text}${' '.repeat(size - text.length)}` : text.slice(0, size));
}

/** The costliest JSON per byte to parse: as many tiny values as fit (`{"results":[0,0,…]}`). */
export function flatJson(size: number, prefix = '{"results":[', suffix = ']}'): Buffer {
  return fill(prefix, '0', ',', suffix, size);
}

/** One array nested as deep as the size allows, inside `prefix` … `suffix`. */
export function deepJson(size: number, prefix = '{"results":', suffix = '}'): Buffer {
  const depth = Math.floor((size - prefix.length - suffix.length) / 2);
  return fill(`${prefix}${'['.repeat(depth)}`, '', '', `${']'.repeat(depth)}${suffix}`, size);
}

/** A form of as many one-letter parameters as fit: `a=&a=&…` (the sort/concat worst case). */
function manyParamsForm(size: number): Buffer {
  const names = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length + 8 < size; index++) {
    const part = `${names[index % names.length]}${index.toString(36)}=${index % 10}`;
    parts.push(part);
    length += part.length + 1;
  }
  const text = parts.join('&');
  return Buffer.from(`${text}&${'x'.repeat(Math.max(0, size - text.length - 3))}=1`);
}

/** An Ed25519 signature that passes every format check (S < L), so a verifier must hash the body. */
function canonicalEd25519Signature(): string {
  const signature = randomBytes(64);
  signature[63] = 0; // S's top byte 0: S < 2^248 < L
  return signature.toString('base64');
}

const wrongHex = (bytes: number) => randomBytes(bytes).toString('hex');
const wrongBase64 = (bytes: number) => randomBytes(bytes).toString('base64');

/** An HS256 JWT with plausible claims and a signature of the right length that does not verify. */
function forgedJwt(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`;
}

export const BASELINE: Attack = {
  provider: 'infobip',
  name: 'Basic auth, wrong password (baseline)',
  build: (size) => ({
    path: `${MOUNT}/infobip`,
    headers: { ...JSON_TYPE, authorization: `Basic ${Buffer.from('bench:wrong').toString('base64')}` },
    body: flatJson(size),
  }),
};

export const ATTACKS: readonly Attack[] = [
  {
    provider: 'infobip',
    name: 'HMAC header, well-formed wrong digest',
    build: (size) => ({
      path: `${MOUNT}/infobip`,
      headers: { ...JSON_TYPE, 'x-infobip-signature': wrongHex(32) },
      body: flatJson(size),
    }),
  },
  {
    provider: 'infobip',
    name: 'URL token, wrong',
    build: (size) => ({ path: `${MOUNT}/infobip?token=wrong`, headers: JSON_TYPE, body: flatJson(size) }),
  },
  {
    provider: 'infobip',
    name: 'deep JSON, wrong Basic',
    build: (size) => ({ ...BASELINE.build(size), body: deepJson(size) }),
  },
  {
    provider: 'telnyx',
    name: 'fresh timestamp, canonical wrong Ed25519 signature',
    build: (size) => ({
      path: `${MOUNT}/telnyx`,
      headers: {
        ...JSON_TYPE,
        'telnyx-timestamp': seconds(),
        'telnyx-signature-ed25519': canonicalEd25519Signature(),
      },
      body: flatJson(size),
    }),
  },
  {
    provider: 'bird',
    name: 'fresh timestamp, wrong MessageBird-Signature',
    build: (size) => ({
      path: `${MOUNT}/bird`,
      headers: {
        ...JSON_TYPE,
        'messagebird-request-timestamp': seconds(),
        'messagebird-signature': wrongBase64(32),
      },
      body: flatJson(size),
    }),
  },
  {
    provider: 'bird',
    name: 'legacy JWT with plausible claims, wrong signature',
    build: (size) => {
      const nbf = Number(seconds());
      const body = flatJson(size);
      const token = forgedJwt({
        iss: 'MessageBird',
        nbf,
        exp: nbf + 60,
        jti: 'x',
        url_hash: createHash('sha256').update('http://127.0.0.1/webhooks/rcs/bird').digest('hex'),
        payload_hash: createHash('sha256').update(body).digest('hex'),
      });
      return { path: `${MOUNT}/bird`, headers: { ...JSON_TYPE, 'messagebird-signature-jwt': token }, body };
    },
  },
  {
    provider: 'exotel',
    name: 'wrong path token and Basic',
    build: (size) => ({
      path: `${MOUNT}/exotel/wrong-token`,
      headers: { ...JSON_TYPE, authorization: `Basic ${Buffer.from('bench:wrong').toString('base64')}` },
      body: flatJson(size),
    }),
  },
  {
    provider: 'google',
    name: 'handshake-looking deep document',
    build: (size) => ({
      path: `${MOUNT}/google`,
      headers: JSON_TYPE,
      body: deepJson(size, '{"clientToken":"guess","secret":"s","x":'),
    }),
  },
  {
    provider: 'google',
    name: 'handshake-looking max-size JSON',
    build: (size) => ({
      path: `${MOUNT}/google`,
      headers: JSON_TYPE,
      body: flatJson(size, '{"clientToken":"guess","secret":"s","x":[', ']}'),
    }),
  },
  {
    provider: 'google',
    name: 'max-size message.data, wrong X-Goog-Signature',
    build: (size) => {
      const prefix = '{"message":{"data":"';
      const suffix = '"}}';
      const room = Math.floor((size - prefix.length - suffix.length) / 4) * 4;
      const data = randomBytes((room / 4) * 3).toString('base64');
      return {
        path: `${MOUNT}/google`,
        headers: { ...JSON_TYPE, 'x-goog-signature': wrongBase64(64) },
        body: fill(`${prefix}${data}`, '', '', suffix, size),
      };
    },
  },
  {
    provider: 'google',
    name: 'max-size JSON around message.data, wrong X-Goog-Signature',
    build: (size) => ({
      path: `${MOUNT}/google`,
      headers: { ...JSON_TYPE, 'x-goog-signature': wrongBase64(64) },
      body: flatJson(size, '{"message":{"data":"e30="},"x":[', ']}'),
    }),
  },
  {
    provider: 'twilio',
    name: 'form with as many parameters as fit, wrong signature',
    build: (size) => ({
      path: `${MOUNT}/twilio`,
      headers: { ...FORM_TYPE, 'x-twilio-signature': wrongBase64(20) },
      body: manyParamsForm(size),
    }),
  },
  {
    provider: 'twilio',
    name: 'JSON with a wrong bodySHA256, wrong signature',
    build: (size) => ({
      path: `${MOUNT}/twilio?bodySHA256=${wrongHex(32)}`,
      headers: { ...JSON_TYPE, 'x-twilio-signature': wrongBase64(20) },
      body: flatJson(size),
    }),
  },
  {
    provider: 'sinch',
    name: 'all four headers, wrong HMAC',
    build: (size) => ({
      path: `${MOUNT}/sinch`,
      headers: {
        ...JSON_TYPE,
        'x-sinch-webhook-signature': wrongBase64(32),
        'x-sinch-webhook-signature-timestamp': seconds(),
        'x-sinch-webhook-signature-nonce': '01FJA8B4A7BM43YGWSG9GBV067',
        'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      },
      body: flatJson(size),
    }),
  },
  {
    provider: 'vonage',
    name: 'Bearer JWT with plausible claims, wrong signature',
    build: (size) => {
      const body = flatJson(size);
      const token = forgedJwt({
        iss: 'Vonage',
        iat: Number(seconds()),
        jti: 'x',
        payload_hash: createHash('sha256').update(body).digest('hex'),
      });
      return { path: `${MOUNT}/vonage`, headers: { ...JSON_TYPE, authorization: `Bearer ${token}` }, body };
    },
  },
  {
    provider: 'vonage',
    name: 'deep JSON, Bearer JWT with wrong signature',
    build: (size) => ({
      path: `${MOUNT}/vonage`,
      headers: {
        ...JSON_TYPE,
        authorization: `Bearer ${forgedJwt({ iss: 'Vonage', iat: Number(seconds()) })}`,
      },
      body: deepJson(size),
    }),
  },
];
