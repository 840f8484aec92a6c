import type Koa from 'koa';
import getRawBody from 'raw-body';

type ParsedRequest = Koa.Request & { body?: unknown; rawBody?: string };

/**
 * A stand-in for @koa/bodyparser (not a dependency of the project): parses JSON bodies into
 * `ctx.request.body` and, like @koa/bodyparser, keeps the raw text on `ctx.request.rawBody` unless
 * `keepRaw` is false (as other parsers do).
 */
export function koaJsonParser({ keepRaw = true }: { keepRaw?: boolean } = {}): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.is('application/json')) {
      const raw = await getRawBody(ctx.req, { encoding: 'utf8' });
      const request = ctx.request as ParsedRequest;
      request.body = JSON.parse(raw);
      if (keepRaw) request.rawBody = raw;
    }
    await next();
  };
}

/** The body a Koa body parser left on the request. */
export function parsedBody(ctx: Koa.Context): unknown {
  return (ctx.request as ParsedRequest).body ?? null;
}
