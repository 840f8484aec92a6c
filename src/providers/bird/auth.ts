import type { ProviderRequest } from '../types.js';
import { JWT_HEADER, verifyLegacyJwt } from './legacy-jwt.js';
import type { BirdConfig } from './options.js';
import { verifyBirdSignature } from './signature.js';

/**
 * `MessageBird-Signature` + `MessageBird-Request-Timestamp` (Bird platform webhooks). With
 * `legacyJwt: true`, a request carrying `MessageBird-Signature-JWT` is verified with that scheme instead.
 */
export function authenticateBird(request: ProviderRequest, config: BirdConfig): void {
  const token = config.legacyJwt ? request.headers.get(JWT_HEADER) : undefined;
  if (token !== undefined && token !== '') verifyLegacyJwt(request, config.signingKeys, token);
  else verifyBirdSignature(request, config.signingKeys);
}
