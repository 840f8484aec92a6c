import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Harness, HarnessConfig, Target } from './harness.js';
import { serveSink } from './sink.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NEXT_BIN = `${ROOT}node_modules/next/dist/bin/next`;
const APP = `${ROOT}examples/next`;
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** Runs `next <args>`; rejects with its output when it exits non-zero (a failed build fails the suite). */
function runNext(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env: ENV });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`next ${args[0]} exited ${code}:\n${output}`)),
    );
  });
}

/** `next build` of examples/next (webpack: it maps the source's `.js` imports to `.ts`). */
export function buildNextExample(): Promise<string> {
  return runNext(['build', '--webpack', APP]);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

export interface RunningNext {
  base: string;
  /** Everything the server printed so far (its console.log / console.error). */
  output(): string;
  close(): Promise<void>;
}

/** `next start` of the built example on a free loopback port, configured through its environment. */
export async function startNext(env: Record<string, string>): Promise<RunningNext> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, 'start', APP, '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: ROOT,
      env: { ...ENV, ...env },
    },
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`next start exited ${code}:\n${output}`)));
  });
  await ready;
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The example's environment for a harness configuration (see examples/next/lib/rcs.ts). */
export function nextEnv({ providers, proxy }: Omit<HarnessConfig, 'sink'>): Record<string, string> {
  const env: Record<string, string> = { RCS_PROVIDERS_JSON: JSON.stringify(providers) };
  if (proxy?.trustProxy) env.RCS_TRUST_PROXY = 'true';
  if (typeof proxy?.publicUrl === 'string') env.RCS_PUBLIC_URL = proxy.publicUrl;
  return env;
}

/** A Next.js route of the example app as a conformance target; its events are forwarded to the sink. */
export function nextTarget(
  name: string,
  path: string,
  extra: Pick<Target, 'answersUnexportedMethods'> = {},
): Target {
  return {
    name,
    outside: 'not-found',
    routesOutsideItself: true,
    ...extra,
    async start(config: HarnessConfig): Promise<Harness> {
      const sink = await serveSink(config.sink);
      const app = await startNext({ ...nextEnv(config), RCS_FORWARD_URL: sink.url });
      return {
        base: app.base,
        path,
        reportedErrors: () => reportedErrorNames(app.output()),
        close: async () => {
          await app.close();
          await sink.close();
        },
      };
    },
  };
}

/** The example app logs each `onError` report as `[rcs-webhooks] <name>: <message>` (examples/next/lib/rcs.ts). */
export function reportedErrorNames(output: string): string[] {
  return [...output.matchAll(/\[rcs-webhooks\] (\w+):/g)].map((match) => match[1] ?? '');
}
