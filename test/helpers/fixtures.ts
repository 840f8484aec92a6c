import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The exact bytes of a fixture, as text (bodies are sent byte for byte, never re-serialized). */
export function loadFixture(provider: string, name: string): string {
  return readFileSync(join(FIXTURES, provider, name.endsWith('.json') ? name : `${name}.json`), 'utf8');
}

export function loadFixtureJson(provider: string, name: string): unknown {
  return JSON.parse(loadFixture(provider, name));
}

/** Every webhook body fixture of a provider (JSON files directly in its folder). */
export function fixtureNames(provider: string): string[] {
  return readdirSync(join(FIXTURES, provider))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
