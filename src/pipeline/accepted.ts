import { jsonResponse, OK } from '../http/responses.js';
import type { WebhookResponse } from '../http/types.js';
import { providerRegistry } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/types.js';
import { matchRoute } from './route.js';

/** What an accepted request is answered with: the provider's own body (Twilio: TwiML) or `{"ok":true}`. */
export function acceptedResponse(
  definition: Pick<ProviderDefinition, 'acceptedResponse'> | undefined,
): WebhookResponse {
  const accepted = definition?.acceptedResponse;
  return accepted === undefined ? jsonResponse(200, OK) : { ...accepted, headers: { ...accepted.headers } };
}

/** The accepted answer for a request path below `mountPath` (adapters that answer before the pipeline does). */
export function acceptedResponseFor(mountPath: string, pathname: string): WebhookResponse {
  const route = matchRoute(mountPath, pathname);
  const definitions: Readonly<Record<string, ProviderDefinition>> = providerRegistry;
  const name = route.kind === 'below' ? route.provider : undefined;
  return acceptedResponse(
    name === undefined || !Object.hasOwn(definitions, name) ? undefined : definitions[name],
  );
}
