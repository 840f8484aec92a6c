// CommonJS entry points for TypeScript projects that compile to require() (module node16/nodenext in
// a CommonJS package, or moduleResolution node10). The package stays one ESM build: each entry under
// dist/cjs/ is a one-line `module.exports = require(<the ESM file>)` (require(esm), unflagged since
// Node 20.19, the engines floor), so there is a single module instance and no dual-package hazard.
// Its types are the same declarations, copied under dist/cjs/, where a {"type":"commonjs"}
// package.json makes TypeScript read them as CommonJS (TS1479 otherwise).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const dist = 'dist';
const cjs = join(dist, 'cjs');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

mkdirSync(cjs, { recursive: true });
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const folder of ['src', 'adapters', 'stores']) {
  cpSync(join(dist, folder), join(cjs, folder), {
    recursive: true,
    filter: (source) => !/\.(js|map)$/.test(source) && !/\.test\./.test(source),
  });
}

for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target === 'string') continue; // ./package.json
  const esm = target.import.default; // ./dist/src/index.js
  const wrapper = target.require.default; // ./dist/cjs/src/index.js
  const from = relative(dirname(wrapper), esm).replaceAll('\\', '/');
  mkdirSync(dirname(wrapper), { recursive: true });
  writeFileSync(
    wrapper,
    `'use strict';\n// ${subpath}: the ESM build, loaded with require(esm).\nmodule.exports = require('${from}');\n`,
  );
}
