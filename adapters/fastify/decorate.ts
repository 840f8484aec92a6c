import { channel } from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import type { RcsWebhooks } from '../../src/core/create.js';
import { ConfigurationError } from '../../src/errors/index.js';

const NOT_REGISTERED =
  'app.rcsWebhooks is set when the rcs-webhooks plugin loads: `await app.register(rcsWebhooks, options)` ' +
  'before using it (Fastify loads plugins later, not during `register()`), or create the core first: ' +
  '`const rcs = createRcsWebhooks(options); rcs.onInbound(...); app.register(rcsWebhooks, { webhooks: rcs })`';

// Fastify announces every instance it creates (Fastify ≥ 4.x `fastify.initialization`): until the
// plugin loads, `app.rcsWebhooks` explains the ordering instead of being `undefined`, whose
// `Cannot read properties of undefined` says nothing. Module scope keeps the channel alive.
const initialization = channel('fastify.initialization');
initialization.subscribe((message) => {
  const instance = (message as { fastify?: object }).fastify;
  if (typeof instance !== 'object' || instance === null || 'rcsWebhooks' in instance) return;
  Object.defineProperty(instance, 'rcsWebhooks', {
    configurable: true,
    enumerable: false,
    get() {
      throw new ConfigurationError(NOT_REGISTERED);
    },
  });
});

/** Sets `app.rcsWebhooks` on the instance the plugin was registered on (it and its children see it). */
export function decorate(app: FastifyInstance, core: RcsWebhooks): void {
  for (let scope: object | null = app; scope !== null; scope = Object.getPrototypeOf(scope)) {
    const existing = Object.getOwnPropertyDescriptor(scope, 'rcsWebhooks');
    if (existing !== undefined && 'value' in existing) {
      throw new ConfigurationError(
        'the rcs-webhooks plugin is already registered in this scope (app.rcsWebhooks is set)',
      );
    }
  }
  // Not app.decorate(): the placeholder above already occupies the name (FST_ERR_DEC_ALREADY_PRESENT).
  Object.defineProperty(app, 'rcsWebhooks', { value: core, enumerable: true, configurable: true });
}
