import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; tests run them against the source.
    alias: [
      { find: /^rcs-webhooks\/(express|koa|fastify|next|node)$/, replacement: here('./adapters/$1.ts') },
      { find: /^rcs-webhooks\/(redis|postgres)$/, replacement: here('./stores/$1.ts') },
      { find: /^rcs-webhooks\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^rcs-webhooks$/, replacement: here('./src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
