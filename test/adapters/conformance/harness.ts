import type { ProvidersOptions, RcsWebhooksOptions } from 'rcs-webhooks';
import type { EventSink } from './sink.js';

/** How a target's webhook core is configured for one server. */
export interface HarnessConfig {
  providers: ProvidersOptions;
  /** Subscribed to every event (in-process with onAny, or forwarded by the Next app). */
  sink: EventSink;
  proxy?: Pick<RcsWebhooksOptions, 'trustProxy' | 'publicUrl'>;
}

/** A target's server running on loopback. */
export interface Harness {
  base: string;
  /** The webhook mount path (`/webhooks/rcs`, or `/api/webhooks/rcs` for the Pages Router). */
  path: string;
  /** The `name` of every error the core reported to `onError` so far, in order. */
  reportedErrors(): string[];
  close(): Promise<void>;
}

export interface Target {
  name: string;
  /**
   * Outside the mount: `app-route` means the request reaches the app's own `POST /other` route,
   * which answers `{ other: true, parsed }` with the body parsed by the framework's usual parser;
   * `not-found` means a 404 (no framework to fall back to).
   */
  outside: 'app-route' | 'not-found';
  /** The framework answers methods the route does not export (Next's App Router: 405 without Allow). */
  answersUnexportedMethods?: boolean;
  /** Paths outside the mount never reach the adapter: the framework routes them (Next.js, by file). */
  routesOutsideItself?: boolean;
  start(config: HarnessConfig): Promise<Harness>;
}

/** The body the app's own route receives, to prove its parser still works beside the webhooks. */
export const OTHER_ROUTE_BODY = { a: 1, text: 'parsed by the framework' };
