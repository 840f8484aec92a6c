import { describe, expect, it } from 'vitest';
import { createRcsWebhooks, RequestRejectedError } from '../../src/index.js';

const providers = { infobip: { allowUnauthenticated: true as const } };

function setup() {
  const rcs = createRcsWebhooks({ providers, maxBodyBytes: 16 });
  const errors: unknown[] = [];
  rcs.onError((error) => {
    errors.push(error);
  });
  return { rcs, errors };
}

describe('refusals before the body is read or parsed are RequestRejectedError (README "Errors")', () => {
  it('404 and 405 through handle()', async () => {
    const { rcs, errors } = setup();
    const request = { headers: {}, body: '' };
    expect((await rcs.handle({ ...request, method: 'POST', url: '/webhooks/rcs/nope' })).status).toBe(404);
    expect((await rcs.handle({ ...request, method: 'GET', url: '/webhooks/rcs/infobip' })).status).toBe(405);
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toBeInstanceOf(RequestRejectedError);
    expect(errors.map((error) => (error as RequestRejectedError).code)).toEqual([
      'unknown_provider',
      'method_not_allowed',
    ]);
  });

  it('413 names the limit and the option, from handle() and from fetch() (declared or streamed)', async () => {
    const { rcs, errors } = setup();
    const body = JSON.stringify({ results: ['x'.repeat(40)] });
    const handled = await rcs.handle({ method: 'POST', url: '/webhooks/rcs/infobip', headers: {}, body });
    expect(handled.status).toBe(413);
    const declared = await rcs.fetch(
      new Request('http://localhost/webhooks/rcs/infobip', {
        method: 'POST',
        headers: { 'content-length': String(body.length) },
        body,
      }),
    );
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const streamed = await rcs.fetch(
      new Request('http://localhost/webhooks/rcs/infobip', {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toBeInstanceOf(RequestRejectedError);
      expect((error as Error).message).toContain('body over 16 bytes (the maxBodyBytes option)');
    }
  });
});
