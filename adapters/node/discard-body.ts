import type { IncomingMessage } from 'node:http';

/** How long a refused connection that crossed the limit stays open, unread, so the answer can arrive. */
const LINGER_MS = 1_000;

/**
 * After a refusal decided before the body was read (the answer carries `Connection: close`): drop
 * what still arrives, up to `limit` bytes. Past that, stop reading (the client's writes stall) and
 * destroy the connection a moment later: destroying at once could reset it before the answer, still
 * being written, reached the client. A client that never stops sending, or never reads the answer,
 * costs at most `limit` bytes. Without a reader Node would drain the body to its end behind the answer.
 */
export function discardNodeBody(req: IncomingMessage, limit: number): void {
  if (req.readableEnded || req.destroyed) return;
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit) return;
    req.off('data', onData);
    req.pause();
    setTimeout(() => req.socket?.destroy(), LINGER_MS).unref();
  };
  req.on('data', onData);
}
