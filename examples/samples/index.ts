import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * The body the demo sends for one of a sample's fixtures: payloads/<provider>/<fixture>.json (.txt
 * for Twilio's forms), the same document as test/fixtures/<provider>/<fixture>.json (which keep the
 * providers' documentation values) with realistic sample values in place of placeholders such as
 * `<RCS message id>`.
 */
export function samplePayload(provider: ProviderSample['provider'], fixture: string): string {
  const json = new URL(`./payloads/${provider}/${fixture}.json`, import.meta.url);
  return readFileSync(
    existsSync(json) ? json : new URL(`./payloads/${provider}/${fixture}.txt`, import.meta.url),
    'utf8',
  );
}
