import type { NextConfig } from 'next';

// This example imports rcs-webhooks from the repository's TypeScript source (tsconfig `paths`),
// whose imports end in `.js` (Node ESM style): webpack maps them to the `.ts` files. A copied app
// that installs the package from npm needs none of this.
const config: NextConfig = {
  experimental: { externalDir: true, extensionAlias: { '.js': ['.ts', '.js'] } },
};

export default config;
