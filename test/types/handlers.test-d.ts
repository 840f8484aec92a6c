// Type tests (issue 14 item 1): checked by `npm run typecheck` (tsc over test/), never run.
// Handlers return whatever the code they call returns; a returned promise is awaited.
import Fastify from 'fastify';
import { createRcsWebhooks, type DeliveryStatus, type RcsEvent, type RcsWebhookError } from 'rcs-webhooks';
import { rcsWebhooks as expressWebhooks } from 'rcs-webhooks/express';
import { rcsWebhooks as fastifyWebhooks } from 'rcs-webhooks/fastify';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { rcsRouteHandlers } from 'rcs-webhooks/next';
import { createNodeHandler } from 'rcs-webhooks/node';
import { expectTypeOf, test } from 'vitest';

declare function markMessage(id: string, status: DeliveryStatus): Promise<{ count: number }>;
declare function countInbound(text: string): number;

test('the core: handlers may return a promise of an object, a number, an array push result', () => {
  const rcs = createRcsWebhooks();
  const errors: Error[] = [];
  const seen: RcsEvent[] = [];
  rcs.onDelivery((e) => markMessage(e.messageId, e.status));
  rcs.onInbound((e) => countInbound(e.content.type));
  rcs.onError((e) => errors.push(e));
  rcs.onAny((e) => seen.push(e));
  rcs.on(['delivery', 'inbound'], async (e) => ({ handled: e.id }));
  rcs.onConversationStarted((e) => e.conversationId);
  rcs.onUnsupported(async (e) => [e.reason]);
  // Still: each handler gets its kind's event.
  rcs.onDelivery((e) => expectTypeOf(e.kind).toEqualTypeOf<'delivery'>());
  rcs.onError((e, event) => {
    expectTypeOf(e).toEqualTypeOf<Error>();
    expectTypeOf(event).toEqualTypeOf<RcsEvent | undefined>();
  });
});

test('every adapter: the same handlers', async () => {
  const errors: unknown[] = [];
  const express = expressWebhooks();
  express.onDelivery((e) => markMessage(e.messageId, e.status));
  express.onError((e) => errors.push(e));
  const koa = koaWebhooks();
  koa.onDelivery((e) => markMessage(e.messageId, e.status));
  koa.onError((e) => errors.push(e));
  const node = createNodeHandler();
  node.onDelivery((e) => markMessage(e.messageId, e.status));
  node.onError((e) => errors.push(e));

  const core = createRcsWebhooks();
  rcsRouteHandlers(core);
  core.onDelivery((e) => markMessage(e.messageId, e.status));

  const app = Fastify();
  await app.register(fastifyWebhooks, {});
  app.rcsWebhooks.onDelivery((e) => markMessage(e.messageId, e.status));
  app.rcsWebhooks.onError((e) => errors.push((e as RcsWebhookError).code));
});
