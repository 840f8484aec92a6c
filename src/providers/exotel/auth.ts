import { verifyBasic } from '../../auth/basic.js';
import { checkIpAllowlist } from '../../auth/ip-allowlist.js';
import { verifyUrlToken } from '../../auth/url-token.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import type { ExotelConfig } from './options.js';

/**
 * Exotel signs nothing (https://developer.exotel.com/docs/references/webhooks recommends IP
 * allowlisting), so every mechanism the user configured must pass: the IP allowlist, Basic
 * credentials and the URL token. None is an alternative to another.
 */
export function authenticateExotel(request: ProviderRequest, config: ExotelConfig): void {
  if (config.allowlist !== undefined) {
    const result = checkIpAllowlist(
      config.allowlist,
      request.remoteAddress,
      request.headers.get('x-forwarded-for'),
    );
    if (result !== 'ok') {
      reject(
        'invalid_signature',
        result === 'unknown'
          ? 'the client address of the Exotel request could not be established'
          : 'the client address is not in the Exotel IP allowlist',
      );
    }
  }
  const results: ('ok' | 'missing' | 'invalid')[] = [];
  if (config.basic.length > 0) results.push(verifyBasic(request.headers.get('authorization'), config.basic));
  if (config.tokens.length > 0) results.push(verifyUrlToken(request, config.tokens, config.tokenParam));
  if (results.includes('invalid')) reject('invalid_signature', 'Exotel credentials did not match');
  if (results.includes('missing')) reject('missing_signature', 'no Exotel credentials in the request');
}

function reject(code: 'missing_signature' | 'invalid_signature', message: string): never {
  throw new SignatureVerificationError(code, message, { provider: 'exotel' });
}
