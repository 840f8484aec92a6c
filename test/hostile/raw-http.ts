import { connect } from 'node:net';

/** A request exactly as a hostile client writes it on the wire. */
export interface HostileRequest {
  method: string;
  /** Path and query, as on the request line. */
  path: string;
  /** Header lines in order: names keep their case and a repeated name stays repeated. */
  headers: readonly (readonly [string, string])[];
  body: Uint8Array;
  /**
   * Sizes of the pieces the body is streamed in (cycled): `Transfer-Encoding: chunked` over HTTP, a
   * stream of chunks for a `Request`. Absent: one piece, with a Content-Length over HTTP.
   */
  chunks?: readonly number[];
}

export interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

const ANSWER_TIMEOUT_MS = 5_000;

/** Splits `body` into pieces of the given sizes, cycling through them. */
export function pieces(body: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  for (let index = 0; offset < body.length; index++) {
    const size = Math.max(1, sizes[index % sizes.length] ?? 1);
    out.push(body.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}

/**
 * The request's bytes, unchanged: header names keep their case, repeats stay separate lines, values
 * are written as Latin-1 (what Node decodes them as). Framing is added only where the request has
 * none of its own: a `Host`, then `Content-Length` (or chunked encoding), and `Connection: close`. A
 * request that brings its own Content-Length or Transfer-Encoding is sent with exactly those.
 */
export function serialize(request: HostileRequest, host: string): Buffer[] {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const lines = [`${request.method} ${request.path} HTTP/1.1`];
  if (!names.has('host')) lines.push(`Host: ${host}`);
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const ownFraming = names.has('content-length') || names.has('transfer-encoding');
  const chunked = !ownFraming && request.chunks !== undefined;
  if (!ownFraming)
    lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${request.body.length}`);
  if (!names.has('connection')) lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  if (!chunked) return [head, Buffer.from(request.body)];
  const body = pieces(request.body, request.chunks ?? []).map((piece) =>
    Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
  );
  return [head, ...body, Buffer.from('0\r\n\r\n')];
}

/**
 * Sends `request` over a fresh TCP connection to 127.0.0.1:`port`, piece by piece, and reads the
 * first complete response. Rejects when the server closes without answering or takes over 5 s.
 */
export function rawExchange(port: number, request: HostileRequest): Promise<Answer> {
  const outgoing = serialize(request, `127.0.0.1:${port}`);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`))),
      ANSWER_TIMEOUT_MS,
    );
    const tryParse = (final: boolean) => {
      const answer = parseResponse(received, request.method, final);
      if (answer !== undefined) settle(() => resolve(answer));
      else if (final) {
        const seen = received.toString('latin1').slice(0, 200);
        settle(() =>
          reject(new Error(`connection closed without a complete answer: ${JSON.stringify(seen)}`)),
        );
      }
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    // A server that answers early (413) and closes may reset the connection while we still write.
    socket.on('error', () => tryParse(true));
    socket.on('connect', async () => {
      for (const piece of outgoing) {
        if (settled || socket.destroyed) return;
        await new Promise<void>((done) => socket.write(piece, () => done()));
      }
    });
  });
}

/** The first complete response in `bytes` (1xx skipped), or `undefined` while incomplete. */
export function parseResponse(bytes: Buffer, method: string, final: boolean): Answer | undefined {
  let start = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', start);
    if (end === -1) return undefined;
    const head = bytes.subarray(start, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? Number.NaN);
    if (Number.isNaN(status)) throw new Error(`not an HTTP response: ${JSON.stringify(head[0])}`);
    const headers = new Map<string, string>();
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const rest = bytes.subarray(end + 4);
    if (status >= 100 && status < 200) {
      start = end + 4;
      continue;
    }
    const answer = (body: Buffer): Answer => ({
      status,
      contentType: headers.get('content-type'),
      body: body.toString('utf8'),
    });
    if (method.toUpperCase() === 'HEAD' || status === 204 || status === 304) return answer(Buffer.alloc(0));
    if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') {
      const body = dechunk(rest);
      return body === undefined ? undefined : answer(body);
    }
    const length = headers.get('content-length');
    if (length !== undefined) {
      const size = Number(length);
      return rest.length >= size ? answer(rest.subarray(0, size)) : undefined;
    }
    return final ? answer(rest) : undefined;
  }
}

function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunked response');
    if (size === 0) return Buffer.concat(parts);
    const dataStart = lineEnd + 2;
    if (bytes.length < dataStart + size + 2) return undefined;
    parts.push(bytes.subarray(dataStart, dataStart + size));
    offset = dataStart + size + 2;
  }
}

/**
 * Sends `request` (with `Connection: close`, unless it brings its own) and resolves with every byte
 * the server wrote until it closed: status line, headers and body, to search for what must never be
 * there. Rejects after 5 s.
 */
export function rawResponseBytes(port: number, request: HostileRequest): Promise<Buffer> {
  const outgoing = serialize(request, `127.0.0.1:${port}`);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const received: Buffer[] = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`no close within ${ANSWER_TIMEOUT_MS} ms`))),
      ANSWER_TIMEOUT_MS,
    );
    const done = () => settle(() => resolve(Buffer.concat(received)));
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', async () => {
      for (const piece of outgoing) {
        if (settled || socket.destroyed) return;
        await new Promise<void>((written) => socket.write(piece, () => written()));
      }
    });
  });
}

/** What a client saw while it streamed a body that never ends. */
export interface EndlessOutcome {
  /** Body bytes (chunk framing included) the client got into the connection before it closed. */
  written: number;
  /** Whether the server closed the connection (else the client stopped at `cap` bytes). */
  closed: boolean;
  /** The first complete answer, if any. */
  answer: Answer | undefined;
}

/**
 * Streams a chunked body that never ends to 127.0.0.1:`port` (64 KiB chunks, as fast as the
 * connection takes them) until the server closes the connection or `cap` body bytes are written.
 * A server that answers and stops reading closes it after a bounded number of bytes (its limit
 * plus what the kernel buffers hold); one that drains the body reaches `cap`. Bytes, not time.
 */
export function streamEndlessBody(
  port: number,
  request: Omit<HostileRequest, 'body' | 'chunks'>,
  cap: number,
): Promise<EndlessOutcome> {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const lines = [`${request.method} ${request.path} HTTP/1.1`];
  if (!names.has('host')) lines.push(`Host: 127.0.0.1:${port}`);
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  lines.push('Transfer-Encoding: chunked');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')]);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    let received = Buffer.alloc(0);
    let written = 0;
    let settled = false;
    const settle = (closed: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ written, closed, answer: parseResponse(received, request.method, true) });
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
    });
    socket.on('end', () => settle(true));
    socket.on('close', () => settle(true));
    socket.on('error', () => settle(true));
    socket.on('connect', () => {
      socket.write(head);
      const pump = () => {
        while (!settled && !socket.destroyed) {
          if (written >= cap) return settle(false);
          written += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  });
}

/**
 * Sends the head of a request and `sent` bytes of its body, then breaks the connection off:
 * `destroy` resets it, `end` half-closes it (FIN) with the body incomplete.
 */
export function abortMidBody(
  port: number,
  request: HostileRequest,
  sent: number,
  how: 'destroy' | 'end',
): Promise<void> {
  const { chunks: _streamed, ...whole } = request;
  const [head, body = Buffer.alloc(0)] = serialize(whole, `127.0.0.1:${port}`);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.resume(); // read (and drop) the answer, so the server's close is seen
    socket.on('connect', () => {
      socket.write(Buffer.concat([head ?? Buffer.alloc(0), body.subarray(0, sent)]), () => {
        if (how === 'destroy') socket.resetAndDestroy();
        else socket.end();
      });
    });
  });
}
