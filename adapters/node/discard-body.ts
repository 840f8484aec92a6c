import type { IncomingMessage } from 'node:http';

/**
 * After a refusal decided before the body was read (the answer carries `Connection: close`): drop
 * what still arrives, and destroy the connection once more than `limit` bytes came, so a client
 * that never stops sending (or never reads the answer) costs at most `limit` bytes. Without a
 * reader Node would drain the body to its end behind the answer.
 */
export function discardNodeBody(req: IncomingMessage, limit: number): void {
  if (req.readableEnded || req.destroyed) return;
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) req.socket?.destroy();
  });
}
