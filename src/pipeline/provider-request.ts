import { PayloadParseError } from '../errors/index.js';
import type { RequestHeaders } from '../http/headers.js';
import type { ProviderRequest } from '../providers/types.js';
import { MAX_JSON_DEPTH } from '../util/inner-json.js';
import { exceedsJsonDepth } from '../util/json-depth.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface ProviderRequestInit {
  provider: string;
  method: string;
  url: URL;
  publicUrl: string;
  pathSegments: readonly string[];
  headers: RequestHeaders;
  body: Uint8Array;
  remoteAddress: string | undefined;
  now: number;
  toleranceSeconds: number;
}

/** Builds the provider's view of a request; text, JSON and form views are decoded once, on demand. */
export function createProviderRequest(init: ProviderRequestInit): ProviderRequest {
  let text: string | undefined;
  let json: { value: unknown } | undefined;
  let form: URLSearchParams | undefined;
  const malformed = (message: string, cause?: unknown) =>
    new PayloadParseError('malformed_body', message, { provider: init.provider, cause });

  // Fields one by one: a spread followed by methods builds this object through V8's slow
  // property-definition path (several µs per request in the bench's profile).
  const request: ProviderRequest = {
    provider: init.provider,
    method: init.method,
    url: init.url,
    publicUrl: init.publicUrl,
    pathSegments: init.pathSegments,
    headers: init.headers,
    body: init.body,
    remoteAddress: init.remoteAddress,
    now: init.now,
    toleranceSeconds: init.toleranceSeconds,
    text() {
      if (text === undefined) {
        try {
          text = UTF8.decode(init.body);
        } catch (error) {
          throw malformed('the body is not valid UTF-8', error);
        }
      }
      return text;
    },
    json() {
      if (json === undefined) {
        let value: unknown;
        try {
          value = JSON.parse(request.text());
        } catch (error) {
          if (error instanceof PayloadParseError) throw error;
          throw malformed('the body is not valid JSON', error);
        }
        if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
          throw malformed(`the body nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
        }
        json = { value };
      }
      return json.value;
    },
    form() {
      form ??= new URLSearchParams(request.text());
      return form;
    },
  };
  return request;
}
