import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Next example builds into examples/next/.next: two processes building or serving it at once
 * (two test runs, or a test run and scripts/smoke-examples.sh, which takes the same lock) would
 * break each other. This lock serializes them across processes; a holder that died is taken over.
 */
export const EXAMPLE_LOCK = join(tmpdir(), 'rcs-webhooks-next-example.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(EXAMPLE_LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours. A missing pid file is a holder still writing it.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EPERM' || code === 'ENOENT';
  }
}

export async function lockExample(timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(EXAMPLE_LOCK);
      writeFileSync(join(EXAMPLE_LOCK, 'pid'), String(process.pid));
      const release = () => rmSync(EXAMPLE_LOCK, { recursive: true, force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive()) rmSync(EXAMPLE_LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`examples/next is busy (lock ${EXAMPLE_LOCK})`);
    else await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
