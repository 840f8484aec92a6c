import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProviderSample } from './types.js';

/** Every provider sample in this folder: adding a provider's demo means adding one file here. */
export async function loadSamples(): Promise<ProviderSample[]> {
  const folder = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(folder)
    .filter((file) => /\.ts$/.test(file) && !['index.ts', 'types.ts'].includes(file))
    .sort();
  const modules = await Promise.all(
    files.map(
      (file) => import(pathToFileURL(`${folder}/${file}`).href) as Promise<{ sample: ProviderSample }>,
    ),
  );
  return modules.map((module) => module.sample);
}
