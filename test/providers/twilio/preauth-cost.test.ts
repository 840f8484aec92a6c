import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignatureVerificationError } from '../../../src/errors/index.js';
import { RequestHeaders } from '../../../src/http/headers.js';
import { createProviderRequest } from '../../../src/pipeline/provider-request.js';
import { authenticateTwilio } from '../../../src/providers/twilio/auth.js';
import { MAX_PARAMETERS } from '../../../src/providers/twilio/form-limits.js';
import { configureTwilio } from '../../../src/providers/twilio/options.js';
import type { ProviderRequest } from '../../../src/providers/types.js';
import { params, TOKEN } from './setup.js';

// Issue 13 A2: an unauthenticated 1 MiB form of ~150,000 parameters cost about a second of CPU
// (sorted and concatenated once per URL variant). What Twilio never sends is now refused before the
// form is decoded, and the signed string is built once. Proven here by counting work, never by
// timing (the CPU ratio itself is a row of `npm run bench`).

const JUNK_SIGNATURE = Buffer.alloc(20, 7).toString('base64');
const config = configureTwilio({ authToken: TOKEN });
const encoder = new TextEncoder();

/** A request whose body views are spies: decoding it is visible. */
function requestFor(body: string, url = 'https://hooks.example.com/webhooks/rcs/twilio') {
  const request = createProviderRequest({
    provider: 'twilio',
    method: 'POST',
    url: new URL(url),
    publicUrl: url,
    pathSegments: [],
    headers: RequestHeaders.from({
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': JUNK_SIGNATURE,
    }),
    body: encoder.encode(body),
    remoteAddress: undefined,
    now: 0,
    toleranceSeconds: 0,
  });
  const text = vi.spyOn(request, 'text');
  const form = vi.spyOn(request, 'form');
  return {
    request: request as ProviderRequest,
    decoded: () => text.mock.calls.length + form.mock.calls.length,
  };
}

function refusal(request: ProviderRequest): string {
  try {
    authenticateTwilio(request, config);
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureVerificationError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('twilio work before authentication', () => {
  it('refuses a 1 MiB form of 150,000 parameters without decoding it', () => {
    const body = Array.from({ length: 150_000 }, (_, index) => `P${index}=v`)
      .join('&')
      .slice(0, 1024 * 1024);
    const { request, decoded } = requestFor(body);
    const scans = vi.spyOn(Buffer.prototype, 'indexOf');
    expect(refusal(request)).toContain('not a form Twilio sends');
    expect(decoded()).toBe(0);
    expect(scans).not.toHaveBeenCalled();
  });

  it('refuses more parameters than Twilio sends after at most that many separator searches', () => {
    const body = Array.from({ length: 8_000 }, (_, index) => `P${index}=`).join('&');
    expect(body.length).toBeLessThan(64 * 1024);
    const { request, decoded } = requestFor(body);
    const scans = vi.spyOn(Buffer.prototype, 'indexOf');
    expect(refusal(request)).toContain(`more than ${MAX_PARAMETERS} parameters`);
    expect(decoded()).toBe(0);
    expect(scans.mock.calls.length).toBeLessThanOrEqual(MAX_PARAMETERS);
  });

  it('refuses a name Twilio never sends (escaped, or not letters and digits) without decoding', () => {
    for (const body of ['Body=a&%42ody=b', 'Body=a&Bo%20dy=b', `Body=a&${'N'.repeat(65)}=1`]) {
      const { request, decoded } = requestFor(body);
      expect(refusal(request)).toContain('never sends');
      expect(decoded()).toBe(0);
    }
  });

  it('decodes and sorts the form once, whatever the number of URL variants and keys', () => {
    const body = new URLSearchParams(params('composed-rcs-inbound-text')).toString();
    // Six URL variants (port, new URL() normalization, legacy querystring) and two keys.
    const url = "https://Hooks.Example.com/webhooks/rcs/twilio?name=O'Brien+x";
    const { request, decoded } = requestFor(body, url);
    const sorts = vi.spyOn(Array.prototype, 'sort');
    expect(() => authenticateTwilio(request, configureTwilio({ authToken: [TOKEN, 'other'] }))).toThrow(
      'did not match',
    );
    expect(decoded()).toBe(1);
    expect(sorts).toHaveBeenCalledTimes(1);
  });
});
