// Every package of the locked dev tree must accept the lowest Node version the engines field declares:
// otherwise `npm ci` on that version prints EBADENGINE (issue 14: cookie@2 through light-my-request).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const semver = createRequire(import.meta.url)('semver');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const floor = semver.minVersion(pkg.engines.node).version;
const refusing = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== '' && entry.engines?.node !== undefined)
  .filter(([, entry]) => !semver.satisfies(floor, entry.engines.node, { includePrerelease: true }))
  .map(
    ([path, entry]) =>
      `${path.replace(/^.*node_modules\//, '')}@${entry.version} requires node ${entry.engines.node}`,
  );
if (refusing.length > 0) {
  console.error(`The locked tree does not install on Node ${floor} (engines ${pkg.engines.node}):`);
  for (const line of refusing) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`engines: every locked package accepts Node ${floor}`);
