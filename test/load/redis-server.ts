import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../store/tcp-proxy.js';

/** Whether `redis-server` can be started here (the fault test runs its own, on its own port). */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A private redis-server on a free loopback port, in its own temporary directory, that the test can
 * kill and restart without disturbing the shared server other test files use. With `durable` it
 * writes an append-only file fsynced on every write (`appendonly yes`, `appendfsync always`), so every
 * write it acknowledged survives a kill; without, a restart starts empty.
 */
export interface PrivateRedis {
  url: string;
  durable: boolean;
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no final save. */
  kill(): Promise<void>;
  /** Kills it if running and removes its directory. */
  dispose(): Promise<void>;
}

export async function privateRedis(options: { durable: boolean }): Promise<PrivateRedis> {
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'rcs-load-redis-'));
  const persistence = options.durable
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  let child: ChildProcess | undefined;

  const kill = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
    child = undefined;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    durable: options.durable,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence],
        { stdio: 'ignore' },
      );
      const deadline = Date.now() + 10_000;
      while (!(await answersPing(port))) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill,
    async dispose() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PONG on a raw connection (also false while it is still loading its append-only file). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
