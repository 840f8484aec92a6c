import { PayloadParseError } from '../errors/index.js';
import { exceedsJsonDepth } from './json-depth.js';

/** Far deeper than any provider payload: the nesting limit of request bodies and of the documents inside them. */
export const MAX_JSON_DEPTH = 64;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a JSON document that a provider embeds inside its body (Google's base64 `message.data`,
 * any JSON carried as a string) under the same depth limit as the body itself. Without it a signed
 * 100,000-deep document reaches handlers, where `JSON.stringify` and every other recursive consumer
 * overflow the stack (issue 13 item 10). `what` names the document in the error, never its content.
 *
 * Text that is not UTF-8 or not JSON, and documents nested deeper than `MAX_JSON_DEPTH`, throw a
 * `malformed_body` PayloadParseError: after authentication the pipeline passes the request on as
 * one `unsupported` event whose `raw` is the (shallow) body, without the deep document.
 */
export function parseInnerJson(input: string | Uint8Array, what: string, provider: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(typeof input === 'string' ? input : UTF8.decode(input));
  } catch (error) {
    throw new PayloadParseError('malformed_body', `${what} is not UTF-8 JSON`, { provider, cause: error });
  }
  if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
    throw new PayloadParseError('malformed_body', `${what} nests JSON deeper than ${MAX_JSON_DEPTH} levels`, {
      provider,
    });
  }
  return value;
}
