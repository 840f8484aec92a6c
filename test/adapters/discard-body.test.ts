import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { discardNodeBody } from '../../adapters/node/discard-body.js';

/** A request stream whose socket records being destroyed. */
function request() {
  const stream = new PassThrough();
  const socket = {
    destroyed: false,
    destroy() {
      socket.destroyed = true;
    },
  };
  Object.assign(stream, { socket });
  return { req: stream as unknown as IncomingMessage & PassThrough, socket };
}

describe('discardNodeBody (after a refusal decided before the body was read)', () => {
  it('drops a body that ends within the limit and leaves the connection alone', async () => {
    const { req, socket } = request();
    discardNodeBody(req, 1024);
    req.end(Buffer.alloc(1024));
    await new Promise((resolve) => req.once('end', resolve));
    expect(socket.destroyed).toBe(false);
  });

  it('stops reading once more than the limit arrived, and destroys the connection a moment later, even if the answer is never flushed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { req, socket } = request();
      discardNodeBody(req, 1024);
      req.write(Buffer.alloc(1000));
      await new Promise((resolve) => setImmediate(resolve));
      expect(socket.destroyed).toBe(false);
      req.write(Buffer.alloc(100));
      await new Promise((resolve) => setImmediate(resolve));
      // Not at once: the answer may still be on its way to the client.
      expect(socket.destroyed).toBe(false);
      expect(req.isPaused()).toBe(true);
      vi.advanceTimersByTime(1_000);
      expect(socket.destroyed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
