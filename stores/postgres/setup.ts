import { positiveMs } from '../shared/options.js';
import type { PgPoolLike } from './pool.js';
import { createTablesSql } from './schema.js';
import type { TableOptions } from './tables.js';

export interface SetupOptions extends TableOptions {
  createTables?: boolean;
  cleanupIntervalMs?: number;
}

/**
 * What runs before the first query: the tables (once per store, again after a failure) and then
 * the periodic cleanup, whose timer never keeps the process alive.
 */
export function storeSetup(db: PgPoolLike, options: SetupOptions, prune: () => Promise<void>) {
  const intervalMs =
    options.cleanupIntervalMs === 0
      ? 0
      : positiveMs('postgresStore', 'cleanupIntervalMs', options.cleanupIntervalMs, 10 * 60_000);
  let cleanup: ReturnType<typeof setInterval> | undefined;
  let initializing: Promise<void> | undefined;
  return {
    initialize(): Promise<void> {
      initializing ??= (async () => {
        if (options.createTables !== false) await db.query(createTablesSql(options));
        if (intervalMs > 0 && cleanup === undefined) {
          cleanup = setInterval(() => void prune().catch(() => {}), intervalMs);
          cleanup.unref?.();
        }
      })().catch((error: unknown) => {
        initializing = undefined;
        throw error;
      });
      return initializing;
    },
    stop(): void {
      clearInterval(cleanup);
      cleanup = undefined;
    },
  };
}
