/**
 * Rejects when `promise` has not settled within `ms`. Clients configured by the user may queue
 * commands while disconnected; this bounds every store call so the request answers 503 instead of hanging.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
  constructor(message: string) {
    super(`rcs-webhooks: ${message}`);
  }
}

/** A call to a store after its `close()`. */
export function closed(store: string): Error {
  return new Error(`rcs-webhooks: ${store} was closed (store.close() or rcs.close())`);
}
