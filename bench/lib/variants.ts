import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './rpc.js';

/** A copy of the library with one experiment applied, benchmarked beside the unmodified code. */
export interface Variant {
  name: string;
  root: string;
}

const EXPERIMENTS = join(REPO_ROOT, 'bench/experiments');
const VARIANTS_DIR = '/tmp/rcs-bench-variants';
const COPIED = ['src', 'adapters', 'stores', 'package.json', 'tsconfig.json'];

export function availableExperiments(): string[] {
  if (!existsSync(EXPERIMENTS)) return [];
  return readdirSync(EXPERIMENTS)
    .filter((file) => file.endsWith('.patch'))
    .map((file) => file.slice(0, -'.patch'.length))
    .sort();
}

/**
 * Copies the library's source (as it is now) to /tmp and applies `bench/experiments/<name>.patch`
 * (`patch -p1`, paths relative to the repository root). Several names separated by `+` apply in order.
 * The repository itself is never touched.
 */
export function prepareVariant(name: string): Variant {
  const patches = name.split('+');
  for (const patch of patches) {
    if (!existsSync(join(EXPERIMENTS, `${patch}.patch`))) {
      throw new Error(
        `no experiment ${patch} (bench/experiments/${patch}.patch); available: ${availableExperiments().join(', ')}`,
      );
    }
  }
  const root = join(VARIANTS_DIR, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of COPIED) {
    if (existsSync(join(REPO_ROOT, entry)))
      cpSync(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  for (const patch of patches) {
    execFileSync(
      'patch',
      ['-p1', '--forward', '--batch', '--silent', '-i', join(EXPERIMENTS, `${patch}.patch`)],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
  }
  return { name, root: `${root}/` };
}
