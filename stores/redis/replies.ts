import { Buffer } from 'node:buffer';

/** A bulk-string reply as text; `undefined` for a nil (clients may hand back Buffers, null or false). */
export function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  if (reply === null || reply === undefined || reply === false) return undefined;
  if (typeof reply === 'number') return String(reply);
  throw unexpected(reply);
}

export function list(reply: unknown): unknown[] {
  if (Array.isArray(reply)) return reply;
  throw unexpected(reply);
}

export function unexpected(reply: unknown): Error {
  return new Error(`rcs-webhooks: unexpected reply from Redis: ${typeof reply}`);
}
