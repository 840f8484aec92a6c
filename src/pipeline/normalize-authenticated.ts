import { createHash } from 'node:crypto';
import { PayloadParseError } from '../errors/index.js';
import type { EventDraft, RcsEvent } from '../events/types.js';
import { invalidItem, parseProblemOf } from '../providers/normalize-helpers.js';
import type { ProviderName } from '../providers/registry.js';
import type { ProviderDefinition, ProviderRequest } from '../providers/types.js';

export interface NormalizedRequest {
  events: RcsEvent[];
  /** What did not fit, one error per `unsupported` event it became: for `onError`. */
  problems: { error: PayloadParseError; event: RcsEvent }[];
}

/**
 * Normalizes an authenticated request without ever refusing its content (README "HTTP status-code
 * contract"): a refusal only makes the provider retry the same bytes. A body the provider's normalizer
 * cannot read at all becomes one `unsupported` event; items that do not fit their schema already came
 * back from the normalizer as `unsupported` (normalize-helpers `orUnsupported`). Each is reported.
 */
export function normalizeAuthenticated(
  definition: ProviderDefinition,
  request: ProviderRequest,
  config: unknown,
  receivedAt: Date,
): NormalizedRequest {
  let drafts: EventDraft[];
  try {
    drafts = definition.normalize(request, config);
  } catch (error) {
    if (!(error instanceof PayloadParseError)) throw error;
    drafts = [wholeBodyUnsupported(request, error)];
  }
  const problems: NormalizedRequest['problems'] = [];
  // Drafts are fresh objects made for this request: complete them in place (no copy per event).
  const events = drafts as RcsEvent[];
  for (const event of events) {
    // Requests reach a normalizer only under a configured provider's name: a registry key.
    event.provider = request.provider as ProviderName;
    event.receivedAt = receivedAt;
    const problem = parseProblemOf(event);
    if (problem !== undefined) problems.push({ error: problem, event });
  }
  return { events, problems };
}

/**
 * The whole body as one `unsupported` event: `raw` is the parsed JSON, else the text, else (not UTF-8)
 * the bytes in base64. A JSON document nested past the depth limit keeps no `raw`: every consumer that
 * recurses into it (JSON.stringify in a handler or the inbox) would overflow the stack.
 */
function wholeBodyUnsupported(request: ProviderRequest, error: PayloadParseError): EventDraft {
  const digest = createHash('sha256').update(request.body).digest('hex').slice(0, 32);
  const draft = invalidItem(rawOfBody(request), error);
  draft.id = `unsupported:${digest}`;
  return draft;
}

function rawOfBody(request: ProviderRequest): unknown {
  let text: string;
  try {
    text = request.text();
  } catch {
    return Buffer.from(request.body).toString('base64');
  }
  try {
    return request.json();
  } catch {
    // Not JSON (keep the text), or JSON past the depth limit (keep nothing).
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    return text;
  }
}
