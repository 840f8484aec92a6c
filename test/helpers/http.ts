import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignedRequest } from 'rcs-webhooks/testing';

export interface RunningServer {
  base: string;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port. */
export async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Sends a signed request to `base`, keeping its path and query. */
export async function send(base: string, request: SignedRequest): Promise<{ status: number; body: string }> {
  const url = new URL(request.url);
  const response = await fetch(`${base}${url.pathname}${url.search}`, {
    method: request.method,
    headers: request.headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? null : request.body,
  });
  return { status: response.status, body: await response.text() };
}
