import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * POSTs an oversized body and resolves with the answer, which must come before the body is
 * complete: `declared` sends the Content-Length and only the first 16 KiB (the server decides from
 * the header alone); `chunked` declares no length and sends every byte (the server counts). The
 * request is never ended, so an adapter that waits for the whole body times out, and the client is
 * not writing when the server closes the connection.
 */
export function postOversized(
  url: string,
  headers: Record<string, string>,
  body: string,
  mode: 'declared' | 'chunked',
): Promise<RawResponse> {
  const bytes = Buffer.from(body, 'utf8');
  const outgoing: Record<string, string> = { ...headers };
  delete outgoing['content-length'];
  if (mode === 'declared') outgoing['content-length'] = String(bytes.length);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: outgoing });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        request.destroy();
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const end = mode === 'declared' ? Math.min(16_384, bytes.length) : bytes.length;
    let offset = 0;
    const pump = () => {
      while (offset < end && !answered) {
        const chunk = bytes.subarray(offset, Math.min(offset + 16_384, end));
        offset += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
