// Prints a package and every package it depends on (as installed in ./node_modules), one name a line:
// what a copy of the project needs to run that package elsewhere (scripts/test-ci-services.sh).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const seen = new Set();
const pending = process.argv.slice(2);
while (pending.length > 0) {
  const name = pending.pop();
  if (seen.has(name)) continue;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8'));
  const dependencies = { ...manifest.dependencies, ...manifest.optionalDependencies };
  for (const dependency of Object.keys(dependencies)) {
    if (existsSync(join('node_modules', dependency, 'package.json'))) pending.push(dependency);
  }
}
console.log([...seen].join('\n'));
