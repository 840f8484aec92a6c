/**
 * rcs-webhooks benchmark suite. Every figure is measured in the same run as its baseline and
 * reported as a ratio (these machines are shared and noisy); nothing here is a timed test.
 *
 *   npx tsx bench/run.ts                  all scenarios, readable table (~3–4 min on 2 cores)
 *   npx tsx bench/run.ts --json           one JSON object per row on stdout, progress on stderr
 *   npx tsx bench/run.ts --smoke          tiny durations: proves the suite works (CI), no targets judged
 *   npx tsx bench/run.ts --only hmac-node,batch
 *   npx tsx bench/run.ts --variant <name>  also measure a copy with bench/experiments/<name>.patch applied
 *   npx tsx bench/run.ts --profile        --cpu-prof the rcs-webhooks processes (--profile-dir, default /tmp/rcs-bench-profiles)
 *   npx tsx bench/run.ts --markdown file  also write the table (with the command and machine) to a file
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildLibrary } from './lib/build.js';
import { type BenchContext, type Mode, type Scenario, SETTINGS } from './lib/context.js';
import { jsonLine, type NotedRow, table, verdict } from './lib/report.js';
import { REPO_ROOT } from './lib/rpc.js';
import { availableExperiments, prepareVariant } from './lib/variants.js';
import { batch } from './scenarios/batch.js';
import { crypto } from './scenarios/crypto.js';
import { ed25519Express } from './scenarios/ed25519-express.js';
import { hmacExpress } from './scenarios/hmac-express.js';
import { hmacNode } from './scenarios/hmac-node.js';
import { instructions } from './scenarios/instructions.js';
import { latency } from './scenarios/latency.js';
import { memoryBytes } from './scenarios/memory.js';
import { preauthCpu } from './scenarios/preauth-cpu.js';
import { storesHttp } from './scenarios/stores.js';

const SCENARIOS: readonly Scenario[] = [
  ed25519Express,
  hmacNode,
  hmacExpress,
  batch,
  storesHttp,
  preauthCpu,
  memoryBytes,
  latency,
  crypto,
  instructions,
];

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    variant: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
    'profile-dir': { type: 'string', default: '/tmp/rcs-bench-profiles' },
    markdown: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

const profileDir = values.profile ? values['profile-dir'] : undefined;

if (values.help || values.list) {
  console.log(
    `scenarios: ${SCENARIOS.map((scenario) => `\n  ${scenario.id.padEnd(16)} ${scenario.title}`).join('')}`,
  );
  console.log(`experiments (--variant): ${availableExperiments().join(', ') || 'none'}`);
  process.exit(0);
}

const mode: Mode = values.smoke ? 'smoke' : 'full';
const only = values.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`,
  );
  process.exit(2);
}
const selected = SCENARIOS.filter((scenario) => only === undefined || only.includes(scenario.id));

// Progress goes to stderr when stdout carries JSON lines.
const log = (line: string) =>
  values.json ? process.stderr.write(`${line}\n`) : process.stdout.write(`${line}\n`);

// Every contender runs compiled JavaScript: the library under test is transpiled (like `npm run build`).
const buildStarted = performance.now();
const root = buildLibrary(REPO_ROOT, 'current');
const variants = (values.variant ?? [])
  .flatMap((list) => list.split(','))
  .map((name) => {
    const copy = prepareVariant(name.trim());
    return { name: copy.name, root: buildLibrary(copy.root, `variant-${copy.name}`) };
  });
if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });

const context: BenchContext = {
  mode,
  settings: SETTINGS[mode],
  root,
  variants,
  profileDir,
  log,
};

const command = `npx tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim();
const machine = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
  .map((load) => load.toFixed(2))
  .join(' ')}`;
log(`rcs-webhooks bench (${mode}) — ${machine}`);
log(`library compiled to ${root} (${((performance.now() - buildStarted) / 1000).toFixed(1)} s)`);
if (variants.length > 0)
  log(`variants: ${variants.map((variant) => `${variant.name} (${variant.root})`).join(', ')}`);

const rows: NotedRow[] = [];
const failures: string[] = [];
const started = performance.now();
for (const scenario of selected) {
  const scenarioStarted = performance.now();
  log(`\n# ${scenario.id}: ${scenario.title}`);
  try {
    const produced = await scenario.run(context);
    rows.push(...produced);
    if (values.json) for (const row of produced) process.stdout.write(`${jsonLine(row)}\n`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push(`${scenario.id}: ${message}`);
    log(`  FAILED: ${message}`);
  }
  log(`  (${((performance.now() - scenarioStarted) / 1000).toFixed(1)} s)`);
}

const elapsed = ((performance.now() - started) / 1000).toFixed(0);
// Smoke runs are far too short to judge a target: the result column stays empty.
const rendered = table(rows, mode === 'full');
log(`\n${rendered}\n`);
const count = (wanted: string) => rows.filter((row) => verdict(row) === wanted).length;
log(
  mode === 'smoke'
    ? `smoke mode (${elapsed} s): durations are tiny, the numbers mean nothing; this only proves the suite runs.`
    : `${count('pass')} pass, ${count('MISS')} miss (targets are reported, never enforced) — ${elapsed} s`,
);

if (values.markdown !== undefined) {
  writeFileSync(
    values.markdown,
    `Measured with \`${command}\` (${machine}; ${new Date().toISOString().slice(0, 10)}, ${elapsed} s):\n\n${rendered}\n`,
  );
  log(`table written to ${values.markdown}`);
}

const suspect = rows.filter((row) => row.notes?.note?.includes('SUSPECT') === true);
for (const failure of failures) log(`FAILED ${failure.split('\n')[0]}`);
// A broken suite (a scenario that threw, or traffic that was not accepted) fails; a missed target never does.
process.exitCode = failures.length > 0 || suspect.length > 0 ? 1 : 0;
