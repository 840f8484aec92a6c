// Every relative link in the Markdown files of the packed tarball must name a file (or folder) that is
// in the tarball too: the README is read on the registry page and in node_modules, without the repo.
// Usage: node scripts/check-links.mjs <unpacked package folder>
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const markdown = (folder) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : markdown(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });

const broken = [];
let checked = 0;
for (const file of markdown(root)) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  // [text](target "title") and [label]: target
  const targets = [
    ...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
    ...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm),
  ];
  for (const [, target] of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
    const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
    const resolved = path.startsWith('/') ? join(root, path) : resolve(dirname(file), path);
    checked++;
    const inside = !relative(root, resolved).startsWith('..');
    if (!inside || !existsSync(resolved) || (path.endsWith('/') && !statSync(resolved).isDirectory())) {
      broken.push(`${relative(root, file)}: ${target}`);
    }
  }
}
if (broken.length > 0) {
  console.error('Links to files that are not in the packed tarball:');
  for (const line of broken) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`links: ${checked} relative links in the packed Markdown resolve inside the tarball`);
