import { AsyncLocalStorage } from 'node:async_hooks';
import type { RcsWebhooks } from '../../src/core/create.js';
import { toWebResponse } from '../../src/http/fetch.js';
import { acceptedResponseFor } from '../../src/pipeline/accepted.js';

/** Runs `work` after the response, keeping the function alive (Next `after`, Vercel `waitUntil`). */
export type WaitUntil = (work: Promise<unknown>) => void;
type Handler = (request: Request) => Promise<Response>;

/** Per request: called when the first event's handlers start, i.e. the request is verified and claimed. */
const accepted = new AsyncLocalStorage<() => void>();
const watched = new WeakSet<RcsWebhooks>();

/**
 * Wraps `handle` (the core's pipeline) to answer 200 as soon as the core starts the handlers of the
 * request's first event: authentication, parsing, the duplicate check and the claim are answered as
 * usual, while the rest (handlers, completing or releasing claims, a batch's other events) runs
 * inside `waitUntil`. Failures after the 200 reach `onError` only.
 */
export function acknowledgeEarly(core: () => RcsWebhooks, handle: Handler, waitUntil: WaitUntil): Handler {
  return async (request) => {
    const rcs = core();
    if (!watched.has(rcs)) {
      watched.add(rcs);
      // Handlers start together, so this one signals the moment the others begin.
      rcs.onAny(() => accepted.getStore()?.());
    }
    let accept = () => {};
    const early = new Promise<undefined>((resolve) => {
      accept = () => resolve(undefined);
    });
    const pipeline = accepted.run(accept, () => handle(request));
    const answer = await Promise.race([pipeline, early]);
    if (answer !== undefined) return answer; // rejected, duplicate or no event: nothing left to run
    // The pipeline's own response (500 for a failed handler) is read by nobody.
    waitUntil(
      pipeline.then(
        (late) => late.body?.cancel(),
        () => undefined,
      ),
    );
    return toWebResponse(acceptedResponseFor(rcs.path, new URL(request.url).pathname));
  };
}
