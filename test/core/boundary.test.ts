import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, folder, file));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((match) => (match[1] ?? match[2]) as string);
}

describe('package boundaries', () => {
  it('keeps src/ free of frameworks and database clients', () => {
    const allowed = /^(\.{1,2}\/|node:(crypto|net|buffer)$|zod$|tsafe$)/;
    const offenders = sourceFiles('src').flatMap((file) =>
      imports(file)
        .filter((specifier) => !allowed.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
    // The scan really sees imports (a broken pattern would pass vacuously).
    expect(sourceFiles('src').flatMap(imports)).toContain('zod');
  });

  it('keeps adapters thin and on the shared pipeline', () => {
    for (const file of sourceFiles('adapters')) {
      const lines = readFileSync(file, 'utf8').split('\n').length;
      expect(lines, relative(ROOT, file)).toBeLessThan(120);
      expect(imports(file).filter((specifier) => specifier.includes('/src/pipeline/handle.js'))).toEqual([]);
    }
  });
});
