import { type ProviderName, providerRegistry, type SigningConfigs } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/types.js';

export {
  type GoogleEnvelope,
  type GoogleEnvelopeOptions,
  googleEnvelope,
} from '../providers/google/index.js';
export type { SigningConfigs } from '../providers/registry.js';

export type SignRequestInput = {
  [P in ProviderName]: {
    provider: P;
    /** An object (serialized once) or the exact string to send. */
    body: unknown;
    /** The signing side of that provider's configuration (secret, private key, credentials). */
    config: SigningConfigs[P];
    /** The URL the request is sent to. Default `http://127.0.0.1/webhooks/rcs/<provider>`. */
    url?: string;
    method?: string;
    /** Epoch ms for timestamped schemes. Default `Date.now()`. */
    now?: number;
    /** Content-Type to send. Default: the provider's own. */
    contentType?: string;
  };
}[ProviderName];

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Builds a request that the matching `providers` configuration accepts: the body exactly as it
 * will be sent, plus the provider's auth headers (and URL token) computed over those bytes.
 */
export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  const definition = providerRegistry[input.provider] as unknown as ProviderDefinition<
    never,
    unknown,
    unknown
  >;
  const url = input.url ?? `http://127.0.0.1/webhooks/rcs/${input.provider}`;
  const method = input.method ?? 'POST';
  const body =
    typeof input.body === 'string'
      ? input.body
      : (definition.encodeBody?.(input.body) ?? JSON.stringify(input.body));
  const signed = await definition.sign({ method, url, body, now: input.now ?? Date.now() }, input.config);
  const headers = {
    'content-type': input.contentType ?? definition.contentTypes[0] ?? 'application/json',
    ...signed.headers,
  };
  return { method, url: signed.url ?? url, headers, body };
}

/** The signed request as a Web `Request` (for `rcs.fetch`, Hono, Next.js route handlers). */
export function toWebRequest(signed: SignedRequest): Request {
  return new Request(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
}
