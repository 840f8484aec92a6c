import { mediaType } from '../../http/headers.js';
import type { ProviderRequest } from '../types.js';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** Twilio posts forms; some of its products post JSON (with `bodySHA256` in the URL). */
export function isJsonRequest(request: ProviderRequest): boolean {
  return mediaType(request.headers.get('content-type')) === JSON_TYPE;
}
