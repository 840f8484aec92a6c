import { DEFAULTS } from '../core/options.js';
import { RcsWebhookError, RequestRejectedError, SignatureVerificationError } from '../errors/index.js';
import { bodyTooLarge } from '../http/body-too-large.js';
import { mediaType, RequestHeaders } from '../http/headers.js';
import { errorResponse } from '../http/responses.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { RequestTrace } from '../log/request-trace.js';
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
  const trace = state.log.debugging ? new RequestTrace() : undefined;
  // Counted from here, so that close() waits for the handlers this request runs.
  state.lifecycle.enter();
  try {
    const response = await pipeline(state, request, known, trace);
    if (trace !== undefined) state.log.request(trace, response.status);
    return response;
  } finally {
    state.lifecycle.leave();
  }
}

async function pipeline(
  state: PipelineState,
  request: WebhookRequest,
  known: Preflight | undefined,
  trace: RequestTrace | undefined,
): Promise<WebhookResponse> {
  const receivedAt = state.now();
  const route = known ?? preflight(state, request.method, request.url);
  if (route.kind === 'outside') {
    const error = new RequestRejectedError('not_found', 'path outside the mount');
    if (trace !== undefined) {
      trace.error = error;
      trace.note = `path outside the mount path ${state.mountPath}`;
    }
    return errorResponse(error);
  }
  if (trace !== undefined && route.kind === 'accept') trace.provider = route.name;
  if (state.lifecycle.closed) {
    return reject(state, shuttingDown(route.kind === 'accept' ? route.name : undefined), undefined, trace);
  }
  if (route.kind === 'reject') return reject(state, route.error, route.allow, trace);

  const { name, provider, segments, url } = route;
  try {
    const body = typeof request.body === 'string' ? encoder.encode(request.body) : request.body;
    if (body.byteLength > state.maxBodyBytes) {
      throw bodyTooLarge(state.maxBodyBytes, { provider: name });
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
    if (handshake !== undefined) {
      if (trace !== undefined) trace.note = 'handshake answered';
      return handshake;
    }

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
    const response = await dispatch(state, events, policy, trace);
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
    return reject(state, known, undefined, trace);
  }
}

async function reject(
  state: PipelineState,
  error: RcsWebhookError,
  allow: readonly string[] | undefined,
  trace: RequestTrace | undefined,
): Promise<WebhookResponse> {
  if (trace !== undefined) trace.error = error;
  await state.emitter.reportError(error);
  return errorResponse(error, allow);
}

function shuttingDown(provider: string | undefined): RcsWebhookError {
  return new RcsWebhookError(
    'shutting_down',
    'rcs.close() was called: the provider retries later',
    provider === undefined ? {} : { provider },
  );
}
