import { verifyBasic } from '../../auth/basic.js';
import { verifyHmacHeader } from '../../auth/hmac-header.js';
import { verifyUrlToken } from '../../auth/url-token.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import type { InfobipConfig } from './options.js';

/**
 * Infobip authenticates with whichever scheme the subscription or send request set up: Basic
 * credentials, an HMAC header, or (per-message webhook URLs, which carry no auth) a URL token.
 * A request passes when any configured scheme accepts it.
 */
export function authenticateInfobip(request: ProviderRequest, config: InfobipConfig): void {
  const results: ('ok' | 'missing' | 'invalid')[] = [];
  if (config.basic.length > 0) results.push(verifyBasic(request.headers.get('authorization'), config.basic));
  if (config.hmac !== undefined) {
    results.push(verifyHmacHeader(request.headers.get(config.hmac.header), request.body, config.hmac));
  }
  if (config.urlTokens.length > 0)
    results.push(verifyUrlToken(request, config.urlTokens, config.urlTokenParam));
  if (results.includes('ok')) return;
  const missing = results.every((result) => result === 'missing');
  throw new SignatureVerificationError(
    missing ? 'missing_signature' : 'invalid_signature',
    missing ? 'no Infobip credentials in the request' : 'Infobip credentials did not match',
    { provider: 'infobip' },
  );
}
