// ('next/server' in an app of its own; the `.js` keeps this repository's Node ESM type-check happy.)
import { after } from 'next/server.js';
import { rcsRouteHandlers } from 'rcs-webhooks/next';
import { createCore } from '../../../../lib/rcs.js';

// The function creates the core on the first request: `next build` loads this module without the
// runtime environment. Handlers run before the answer, so a failing handler makes the provider
// retry. With RCS_ACKNOWLEDGE_EARLY=true the route answers 200 once the request is verified and
// runs the handlers after the response (Next's after()): failures then only reach onError.
export const { POST } = rcsRouteHandlers(
  () => createCore('/webhooks/rcs'),
  process.env.RCS_ACKNOWLEDGE_EARLY === 'true' ? { waitUntil: after } : {},
);
