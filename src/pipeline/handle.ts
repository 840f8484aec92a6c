import { DEFAULTS } from '../core/options.js';
import { RcsWebhookError, RequestRejectedError, SignatureVerificationError } from '../errors/index.js';
import { mediaType, RequestHeaders } from '../http/headers.js';
import { errorResponse } from '../http/responses.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { acceptedResponse } from './accepted.js';
import { dispatch } from './dispatch.js';
import { normalizeAuthenticated } from './normalize-authenticated.js';
import { type Preflight, preflight } from './preflight.js';
import { createProviderRequest } from './provider-request.js';
import { publicUrlOf } from './public-url.js';
import type { PipelineState } from './state.js';

const encoder = new TextEncoder();

/**
 * The one request pipeline every adapter shares:
 * route → method → size → content type → handshake → authenticate → normalize → dispatch.
 * After authentication, content is never refused (normalize-authenticated.ts).
 */
export async function handleRequest(
  state: PipelineState,
  request: WebhookRequest,
  /** The route, when the caller (handleStreaming) already computed it: the URL is parsed once. */
  known?: Preflight,
): Promise<WebhookResponse> {
  const receivedAt = state.now();
  const route = known ?? preflight(state, request.method, request.url);
  if (route.kind === 'outside')
    return errorResponse(new RcsWebhookError('not_found', 'path outside the mount'));
  if (route.kind === 'reject') return reject(state, route.error, route.allow);

  const { name, provider, segments, url } = route;
  try {
    const body = typeof request.body === 'string' ? encoder.encode(request.body) : request.body;
    if (body.byteLength > state.maxBodyBytes) {
      throw new RequestRejectedError('body_too_large', `body over ${state.maxBodyBytes} bytes`, {
        provider: name,
      });
    }
    const headers = RequestHeaders.from(request.headers);
    const type = mediaType(headers.get('content-type'));
    if (type !== undefined && !provider.definition.contentTypes.includes(type)) {
      throw new RequestRejectedError('unsupported_media_type', `${name} does not send ${type}`, {
        provider: name,
      });
    }

    const providerRequest = createProviderRequest({
      provider: name,
      method: request.method.toUpperCase(),
      url,
      publicUrl: publicUrlOf(state, request, url, headers),
      pathSegments: segments,
      headers,
      body,
      remoteAddress: request.remoteAddress,
      now: receivedAt,
      // The user's own setting (per provider, then global) wins over the provider's default window.
      toleranceSeconds:
        provider.common.toleranceSeconds ??
        state.toleranceSeconds ??
        provider.definition.defaultToleranceSeconds ??
        DEFAULTS.toleranceSeconds,
    });

    const handshake = provider.definition.handshake?.(providerRequest, provider.config);
    if (handshake !== undefined) return handshake;

    if (provider.definition.hasCredentials(provider.config)) {
      await provider.definition.authenticate(providerRequest, provider.config);
    } else if (provider.common.allowUnauthenticated !== true) {
      throw new SignatureVerificationError(
        'credentials_not_configured',
        `no credentials are configured for ${name}; configure them, or set allowUnauthenticated: true to accept unauthenticated requests`,
        { provider: name },
      );
    }

    const { events, problems } = normalizeAuthenticated(
      provider.definition,
      providerRequest,
      provider.config,
      new Date(receivedAt),
    );
    for (const { error, event } of problems) await state.emitter.reportError(error, event);
    const policy =
      provider.common.handlerErrors ??
      state.handlerErrors ??
      provider.definition.defaultHandlerErrors ??
      DEFAULTS.handlerErrors;
    const response = await dispatch(state, events, policy);
    // Most providers take the pipeline's own `{"ok":true}`.
    return response.status === 200 && provider.definition.acceptedResponse !== undefined
      ? acceptedResponse(provider.definition)
      : response;
  } catch (error) {
    const known =
      error instanceof RcsWebhookError
        ? error
        : new RcsWebhookError('internal_error', 'unexpected error while handling a webhook', {
            provider: name,
            cause: error,
          });
    return reject(state, known);
  }
}

async function reject(
  state: PipelineState,
  error: RcsWebhookError,
  allow?: readonly string[],
): Promise<WebhookResponse> {
  await state.emitter.reportError(error);
  return errorResponse(error, allow);
}
