import { connect } from 'node:net';
import { serviceUrl } from '../../scripts/service-urls.js';

/** The same servers and variables as the store tests (`bash scripts/ci-services.sh` starts both). */
export function storeUrls(): { redis: string; postgres: string } {
  return {
    redis: serviceUrl('REDIS_URL').url,
    postgres: serviceUrl('DATABASE_URL').url,
  };
}

/** host:port only: connection strings carry passwords. */
export function where(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

export function reachable(url: string, timeoutMs = 1_500): Promise<boolean> {
  const [host = '127.0.0.1', port = '0'] = where(url).split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
