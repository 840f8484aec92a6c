import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: every child runs from here so `--import tsx` and packages resolve alike. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a child exposes: methods taking one structured-clonable argument and resolving to one. */
export type RpcApi<T> = { [K in keyof T]: (params: never) => Promise<unknown> };
type ParamOf<F> = F extends (params: infer P) => unknown ? P : never;
type ResultOf<F> = F extends (params: never) => Promise<infer R> ? R : never;

interface RpcRequest {
  id: number;
  method: string;
  params: unknown;
}
type RpcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
interface ReadyMessage {
  ready: true;
  info: unknown;
}

export interface ChildOptions {
  /** Extra node flags (`--expose-gc`, `--cpu-prof`, …), placed before `--import tsx`. */
  nodeArgs?: readonly string[];
  env?: Record<string, string>;
  /** How long the child may take to say it is ready. */
  readyTimeoutMs?: number;
}

export interface RpcChild<T extends RpcApi<T>, Info> {
  readonly pid: number;
  /** What the child sent with its ready message (a server's port, for instance). */
  readonly info: Info;
  call<K extends keyof T & string>(method: K, params: ParamOf<T[K]>): Promise<ResultOf<T[K]>>;
  /** Disconnects (the child cleans up and exits) and waits; kills this child's pid if it hangs. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Only the children this process started, each by its own pid.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** Starts `file` (TypeScript, through tsx) in a child process with an IPC channel and waits until it is ready. */
export function startChild<T extends RpcApi<T>, Info = undefined>(
  file: string,
  options: ChildOptions = {},
): Promise<RpcChild<T, Info>> {
  installExitHook();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', file], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exitError: Error | undefined;
  child.once('exit', (code, signal) => {
    exitError = new Error(`${file} exited (code ${code}, signal ${signal})`);
    for (const waiter of pending.values()) waiter.reject(exitError);
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not become ready`));
    }, options.readyTimeoutMs ?? 60_000);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(exitError ?? new Error(`${file} exited before it was ready`));
    });
    child.on('message', (raw) => {
      const message = raw as RpcReply | ReadyMessage;
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(handle(message.info as Info));
        return;
      }
      const waiter = pending.get(message.id);
      if (waiter === undefined) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    });
  });

  function handle(info: Info): RpcChild<T, Info> {
    return {
      pid: child.pid ?? -1,
      info,
      call(method, params) {
        if (exitError !== undefined) return Promise.reject(exitError);
        const id = nextId++;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
          child.send({ id, method, params } satisfies RpcRequest);
        });
      },
      async close() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (child.connected) child.disconnect();
        const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 15_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      },
    };
  }
}

/**
 * The child side: answers calls with `api`, tells the parent it is ready (with `info`), and runs
 * `cleanup` then exits when the parent disconnects.
 */
export function serveRpc<T extends RpcApi<T>>(
  api: T,
  info: unknown = undefined,
  cleanup: () => Promise<void> = async () => {},
): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('this file runs as a child of bench/run.ts (no IPC channel)');
  process.on('message', (raw) => {
    const { id, method, params } = raw as RpcRequest;
    const implementation = (
      api as unknown as Record<string, ((params: unknown) => Promise<unknown>) | undefined>
    )[method];
    if (implementation === undefined) {
      send({ id, ok: false, error: `unknown method ${method}` } satisfies RpcReply);
      return;
    }
    implementation(params).then(
      (value) => send({ id, ok: true, value } satisfies RpcReply),
      (error: unknown) =>
        send({
          id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies RpcReply),
    );
  });
  process.once('disconnect', () => {
    cleanup().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  send({ ready: true, info } satisfies ReadyMessage);
}
