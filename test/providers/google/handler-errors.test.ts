import { describe, expect, it } from 'vitest';
import { HandlerError } from '../../../src/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { CLIENT_TOKEN, harness, post } from './setup.js';

const FIXTURE = loadFixture('google', 'composed-user-message-text');

/**
 * Google queues all agents of a partner together: any non-200 backs off delivery for every agent.
 * `handlerErrors: 'acknowledge'` answers 200 and reports the failure through onError instead.
 */
describe('google handler failures', () => {
  it("with handlerErrors: 'acknowledge', answers 200, reports through onError, and does not rerun", async () => {
    const { rcs, errors } = harness({ clientToken: CLIENT_TOKEN, handlerErrors: 'acknowledge' });
    let calls = 0;
    rcs.onInbound(() => {
      calls++;
      throw new Error('handler bug');
    });
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect((errors[0] as HandlerError).event).toMatchObject({ kind: 'inbound', id: 'inbound:MxZ1Y2X3' });
    // Google will not retry an acknowledged event; if it redelivers anyway, it is a duplicate.
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    expect(calls).toBe(1);
  });

  it('the per-provider option wins over a global retry policy', async () => {
    const { rcs } = harness(
      { clientToken: CLIENT_TOKEN, handlerErrors: 'acknowledge' },
      { handlerErrors: 'retry' },
    );
    rcs.onInbound(() => {
      throw new Error('handler bug');
    });
    expect((await post(rcs, FIXTURE)).status).toBe(200);
  });

  it('acknowledges by default: a failed handler answers 200 and is reported, not retried', async () => {
    const { rcs, errors } = harness();
    rcs.onInbound(() => {
      throw new Error('handler bug');
    });
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    expect(errors[0]).toBeInstanceOf(HandlerError);
  });

  it("a global handlerErrors: 'retry' also overrides the provider's default", async () => {
    const { rcs } = harness(undefined, { handlerErrors: 'retry' });
    rcs.onInbound(() => {
      throw new Error('handler bug');
    });
    expect((await post(rcs, FIXTURE)).status).toBe(500);
  });

  it("with handlerErrors: 'retry' answers 500 so that Google retries, and only the failed event runs again", async () => {
    const { rcs, errors } = harness({ clientToken: CLIENT_TOKEN, handlerErrors: 'retry' });
    let calls = 0;
    rcs.onInbound(() => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    expect(await post(rcs, FIXTURE)).toEqual({ status: 500, body: { error: 'handler_failed' } });
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    expect(calls).toBe(2);
  });
});
