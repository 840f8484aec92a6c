import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

  it('destroys the connection once more than the limit arrived, even if the answer is never flushed', async () => {
    const { req, socket } = request();
    discardNodeBody(req, 1024);
    req.write(Buffer.alloc(1000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.destroyed).toBe(false);
    req.write(Buffer.alloc(100));
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.destroyed).toBe(true);
  });
});
