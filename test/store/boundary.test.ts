import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { describe, expect, it, vi } from 'vitest';

// The database libraries are optional peers: a store given a client or a pool must never load one,
// and a store given a URL loads only the one it uses.
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('redis', () => {
  loaded.push('redis');
  return {};
});
vi.mock('ioredis', () => {
  loaded.push('ioredis');
  return {};
});
vi.mock('pg', () => {
  loaded.push('pg');
  return {};
});

const ROOT = join(import.meta.dirname, '..', '..');
const LIBRARIES = /^(redis|ioredis|pg)$/;

function storeFiles(): string[] {
  return readdirSync(join(ROOT, 'stores'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, 'stores', file));
}

describe('store boundaries', () => {
  it('imports database libraries only dynamically, and the core only by relative path', () => {
    const offenders: string[] = [];
    const dynamic: string[] = [];
    for (const file of storeFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const [, kind, specifier] of text.matchAll(
        /(?:^|\n)\s*(import|export)(?!\s+type\b)[^'"]*?from\s+['"]([^'"]+)['"]/g,
      )) {
        if (
          LIBRARIES.test(specifier as string) ||
          specifier === 'rcs-webhooks' ||
          specifier?.startsWith('rcs-webhooks/')
        ) {
          offenders.push(`${relative(ROOT, file)}: ${kind} from ${specifier}`);
        }
      }
      for (const [, specifier] of text.matchAll(/await import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        dynamic.push(`${relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(dynamic.sort()).toEqual([
      'stores/postgres/pool.ts: pg',
      'stores/redis/open-url.ts: ioredis',
      'stores/redis/open-url.ts: redis',
    ]);
  });

  it('never loads a library when given a client or a pool', async () => {
    const redis = redisStore({ client: { sendCommand: async () => 'claimed' } });
    expect(await redis.claim('k', 1_000)).toBe('claimed');
    const postgres = postgresStore({
      pool: { query: async () => ({ rows: [{ claimed: true, done: false }] }) },
      createTables: false,
      cleanupIntervalMs: 0,
    });
    expect(await postgres.claim('k', 1_000)).toBe('claimed');
    expect(loaded).toEqual([]);

    // Given URLs, each loads its library (here a stub without the expected exports, so the call fails).
    await expect(redisStore({ url: 'redis://127.0.0.1:1' }).claim('k', 1_000)).rejects.toThrow();
    await expect(
      postgresStore({ connectionString: 'postgres://127.0.0.1:1/x' }).claim('k', 1_000),
    ).rejects.toThrow();
    expect(loaded).toEqual(['redis', 'pg']);
  });
});
