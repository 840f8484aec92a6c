import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const BUILDS_DIR = '/tmp/rcs-bench-build';
const SOURCES = ['src', 'adapters', 'stores'];

function* typescriptFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.includes('.test.')) {
      yield path;
    }
  }
}

/**
 * Compiles the library at `sourceRoot` (src/, adapters/, stores/) to JavaScript, file by file, the way
 * `npm run build` does (tsc, ES2022, ESM) but without type-checking, so work in progress elsewhere in
 * the tree never blocks a run. Servers import this output: every contender, baseline packages
 * included, then runs plain JavaScript in the same node (tsx adds a `__name()` call to every
 * function it compiles, a cost the published package does not have). Returns the output root.
 */
export function buildLibrary(sourceRoot: string, name: string): string {
  const outRoot = join(BUILDS_DIR, name);
  rmSync(outRoot, { recursive: true, force: true });
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    verbatimModuleSyntax: true,
    sourceMap: false,
  };
  for (const directory of SOURCES) {
    const from = join(sourceRoot, directory);
    if (!existsSync(from)) continue;
    for (const file of typescriptFiles(from)) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions,
        fileName: file,
      });
      const target = join(outRoot, relative(sourceRoot, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
  writeFileSync(join(outRoot, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const modules = join(sourceRoot, 'node_modules');
  symlinkSync(
    existsSync(modules) ? modules : join(sourceRoot, '../node_modules'),
    join(outRoot, 'node_modules'),
  );
  return `${outRoot}/`;
}
