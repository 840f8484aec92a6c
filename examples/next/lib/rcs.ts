import { createRcsWebhooks, type ProvidersOptions, type RcsEvent, type RcsWebhooks } from 'rcs-webhooks';

const env = process.env;

/**
 * The webhook core, configured from the environment and subscribed to the events the app handles.
 * `path` is the route's URL path (the App Router route below serves `/webhooks/rcs/:provider`, the
 * Pages Router one `/api/webhooks/rcs/:provider`; a real app keeps one of the two).
 */
export function createCore(path: string): RcsWebhooks {
  const rcs = createRcsWebhooks({
    path,
    // Credentials: the RCS_* variables (README "Configuration from the environment"), or the whole
    // `providers` option as JSON in RCS_PROVIDERS_JSON (what the conformance suite uses).
    ...(env.RCS_PROVIDERS_JSON ? { providers: JSON.parse(env.RCS_PROVIDERS_JSON) as ProvidersOptions } : {}),
    // Behind Vercel, a load balancer or a tunnel, URL-signing providers verify the public URL.
    ...(env.RCS_PUBLIC_URL ? { publicUrl: env.RCS_PUBLIC_URL } : {}),
    trustProxy: env.RCS_TRUST_PROXY === 'true',
  });

  // Your handlers: rcs.onDelivery(async (event) => { /* event.messageId, event.status */ }), onInbound…
  rcs.onAny(async (event) => {
    console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`);
    if (env.RCS_FORWARD_URL) await forward(env.RCS_FORWARD_URL, event);
  });
  rcs.onError((error) => console.error(`[rcs-webhooks] ${error.name}: ${error.message}`));
  return rcs;
}

/** With RCS_FORWARD_URL: posts each event to another service; a failure fails the handler (provider retry). */
async function forward(url: string, event: RcsEvent): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  if (!response.ok) throw new Error(`forwarding ${event.id} failed: HTTP ${response.status}`);
}
