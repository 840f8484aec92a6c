import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { postgresStore } from '../../stores/postgres.js';
import { redisStore } from '../../stores/redis.js';

function thrown(create: () => unknown): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('store connection strings are checked when the store is created', () => {
  it('redisStore({ url }) without a scheme is a ConfigurationError showing the expected form', () => {
    const error = thrown(() => redisStore({ url: 'localhost:6399' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('redisStore({ url }) must be a URL such as redis://host:port');
    expect(error.message).toContain('redis://localhost:6379');
  });

  it('never repeats the URL: it may carry a password', () => {
    for (const url of [
      'user:s3cret-pass@localhost:6379',
      'http://user:s3cret-pass@localhost',
      'not a url s3cret-pass',
    ]) {
      const error = thrown(() => redisStore({ url }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).not.toContain('s3cret-pass');
    }
  });

  it('accepts redis:// and rediss:// without connecting', async () => {
    const store = redisStore({ url: 'redis://:pw@127.0.0.1:6379/0' });
    await store.close();
    await redisStore({ url: 'rediss://127.0.0.1:6380' }).close();
  });

  it('a missing url or a client of another library is a ConfigurationError too', () => {
    expect(thrown(() => redisStore({} as never))).toBeInstanceOf(ConfigurationError);
    const client = thrown(() => redisStore({ client: { get: () => undefined } as never }));
    expect(client).toBeInstanceOf(ConfigurationError);
    expect(client.message).toContain('node-redis v5 client');
    expect(thrown(() => postgresStore({} as never))).toBeInstanceOf(ConfigurationError);
  });

  it('postgresStore({ connectionString }) likewise', async () => {
    const error = thrown(() => postgresStore({ connectionString: 'localhost:5432/rcs_test' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('postgres://user:password@host:5432/database');
    const secret = thrown(() => postgresStore({ connectionString: 'mysql://root:s3cret-pass@db/x' }));
    expect(secret.message).not.toContain('s3cret-pass');
    await postgresStore({
      connectionString: 'postgresql://u:p@127.0.0.1:5432/rcs_test',
      createTables: false,
      cleanupIntervalMs: 0,
    }).close();
    await postgresStore({
      connectionString: '/var/run/postgresql rcs_test',
      createTables: false,
      cleanupIntervalMs: 0,
    }).close();
  });
});
