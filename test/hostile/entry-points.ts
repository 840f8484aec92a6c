import { createServer } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import type { RcsWebhooks } from 'rcs-webhooks';
import { type RcsExpressMiddleware, rcsWebhooks } from 'rcs-webhooks/express';
import { listen } from '../helpers/http.js';
import { type Answer, type HostileRequest, pieces, rawExchange } from './raw-http.js';
import { IN_PROCESS_ORIGIN } from './setup.js';

export type { Answer, HostileRequest };

/**
 * One way a request reaches the core. The hostile properties are written once against this and run
 * through every entry point: in process (`rcs.handle`, `rcs.fetch`) and over real HTTP (Express).
 */
export interface EntryPoint {
  readonly name: string;
  /** The origin the core sees: what URL-signing providers (Bird, Twilio) must be signed for. */
  readonly origin: string;
  /** How many fast-check runs to make of a property that makes `inProcess` runs in process. */
  runs(inProcess: number): number;
  /** Routes the next requests to `core`: each property run gets a fresh core, so runs share no store. */
  use(core: RcsWebhooks): void;
  send(request: HostileRequest): Promise<Answer>;
  /**
   * Whether the core sees only the first of repeated `name` lines (Node's `req.headers` keeps the
   * first `Authorization`, `Content-Type`…). No entry point may: every one passes all lines, which
   * the core joins with ", ", so a duplicated credential never verifies.
   */
  keepsFirstOfRepeated(name: string): boolean;
  close(): Promise<void>;
}

export interface EntryPointKind {
  name: string;
  start(): Promise<EntryPoint>;
}

/** Over real HTTP a run costs a connection and a round trip: a quarter of the runs, at least 20. */
const httpRuns = (inProcess: number) => Math.max(20, Math.round(inProcess / 4));

function inProcess(name: string, send: (core: RcsWebhooks, request: HostileRequest) => Promise<Answer>) {
  return {
    name,
    async start(): Promise<EntryPoint> {
      let core: RcsWebhooks | undefined;
      return {
        name,
        origin: IN_PROCESS_ORIGIN,
        runs: (runs) => runs,
        use(next) {
          core = next;
        },
        send(request) {
          if (core === undefined) throw new Error(`${name}: use(core) before send()`);
          return send(core, request);
        },
        keepsFirstOfRepeated: () => false,
        close: async () => {},
      };
    },
  } satisfies EntryPointKind;
}

/** `rcs.handle({ method, url, headers, body })`: header lines as given (pairs), the body as bytes. */
const handleEntry = inProcess('rcs.handle', async (core, request) => {
  const response = await core.handle({
    method: request.method,
    url: `${IN_PROCESS_ORIGIN}${request.path}`,
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, contentType: response.headers['content-type'], body: response.body };
});

/**
 * `rcs.fetch(new Request(...))`: repeated headers are appended (a `Request` joins them with ", "),
 * a chunked body becomes a stream of those pieces, and GET/HEAD carry no body (a `Request` cannot).
 */
const fetchEntry = inProcess('rcs.fetch (Request)', async (core, request) => {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.append(name, value);
  const bodyless = ['GET', 'HEAD'].includes(request.method.toUpperCase());
  const body = bodyless ? null : request.chunks === undefined ? request.body : stream(request);
  const response = await core.fetch(
    new Request(`${IN_PROCESS_ORIGIN}${request.path}`, {
      method: request.method,
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
  );
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body: await response.text(),
  };
});

function stream(request: HostileRequest): ReadableStream<Uint8Array> {
  const queue = pieces(request.body, request.chunks ?? []);
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(Uint8Array.from(next));
    },
  });
}

/**
 * A real Express app on 127.0.0.1, port 0: the rcs-webhooks middleware first, then a JSON body
 * parser as an app would have, and Express's own final handler (which would show a stack trace if
 * the adapter passed an error on). Requests are written byte for byte on a fresh TCP connection.
 */
function expressEntry(name: string, express: typeof express5): EntryPointKind {
  return {
    name,
    async start() {
      let middleware: RcsExpressMiddleware | undefined;
      const app = express();
      app.use((req, res, next) => {
        if (middleware === undefined) throw new Error(`${name}: use(core) before send()`);
        middleware(req, res, next);
      });
      app.use(express.json());
      const server = await listen(createServer(app));
      const port = Number(new URL(server.base).port);
      return {
        name,
        origin: server.base,
        runs: httpRuns,
        use(core) {
          middleware = rcsWebhooks(core);
        },
        send: (request) => rawExchange(port, request),
        // The Node adapters read req.headersDistinct: every repeated line reaches the core.
        keepsFirstOfRepeated: () => false,
        close: () => server.close(),
      };
    },
  };
}

export const entryPoints: EntryPointKind[] = [
  handleEntry,
  fetchEntry,
  expressEntry('Express 5 over HTTP', express5),
  expressEntry('Express 4 over HTTP', express4 as unknown as typeof express5),
];
