/**
 * The load test at full size (`npx tsx scripts/load-test.ts`; `npm test` runs a smaller one):
 * 100,000 signed events of every provider through the Express app over loopback, with duplicates,
 * reordered status reports and transiently failing handlers, retried by the client as providers do,
 * on the memory store and on Redis (two instances); then the store faults (Redis killed and
 * restarted, PostgreSQL connections cut and restored) under load. Prints one report per run and
 * exits non-zero when any run lost an event, handled one twice, or could not finish in time.
 *
 * Options: --events N (default 100000), --fault-events N (default 10000; PostgreSQL runs a third),
 * --only memory,redis,redis-fault,postgres-fault (default all), --control (also run Redis without
 * persistence, which is expected to handle events twice: it shows why persistence is required).
 * Reads REDIS_URL and DATABASE_URL like the test suites (defaults: the servers of ci-services.sh).
 */
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { memoryStore } from 'rcs-webhooks';
import { redisStore } from 'rcs-webhooks/redis';
import { DATABASE_URL, deleteRedisKeys, REDIS_URL, uniqueName, where } from '../test/load/env.js';
import { postgresCutRun, redisKillRun } from '../test/load/faults.js';
import { redisServerInstalled } from '../test/load/redis-server.js';
import { type LoadRunResult, runLoad } from '../test/load/run.js';

const RUNS = ['memory', 'redis', 'redis-fault', 'postgres-fault'] as const;
type RunName = (typeof RUNS)[number];

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    'fault-events': { type: 'string', default: '10000' },
    only: { type: 'string', default: RUNS.join(',') },
    control: { type: 'boolean', default: false },
  },
});
const events = positiveInt('--events', values.events);
const faultEvents = positiveInt('--fault-events', values['fault-events']);
const only = new Set(values.only.split(',').map((name) => name.trim()));
for (const name of only) {
  if (!(RUNS as readonly string[]).includes(name)) fail(`--only: unknown run ${name} (${RUNS.join(', ')})`);
}
const inCI = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());
/** Sending time allowed per run: generous for a busy 2-core machine (~1,000 events/s on Redis). */
const timeLimit = (count: number) => 60_000 + count * 4;

// Everything is bounded: a run that hangs past its limit ends the process.
const totalLimitMs = timeLimit(events) * 2 + timeLimit(faultEvents) * (values.control ? 3 : 2) + 5 * 60_000;
setTimeout(() => {
  console.error(`load test: still running after ${Math.round(totalLimitMs / 1000)} s, giving up`);
  process.exit(2);
}, totalLimitMs).unref();

const log = (line: string) => console.log(`  … ${line}`);
const results: { name: string; result?: LoadRunResult; skipped?: string; control?: boolean }[] = [];
const started = Date.now();

async function run(
  name: RunName | 'control',
  available: string | undefined,
  body: () => Promise<LoadRunResult>,
): Promise<void> {
  if (name !== 'control' && !only.has(name)) return;
  if (available !== undefined) {
    if (inCI) fail(`${name}: ${available} (required in CI: bash scripts/ci-services.sh)`);
    console.log(`\n[${name}] NOT RUN: ${available}`);
    results.push({ name, skipped: available });
    return;
  }
  console.log(`\n[${name}]`);
  const result = await body();
  console.log(result.report);
  results.push({ name, result, control: name === 'control' });
}

const redisReachable = await reachable(REDIS_URL);
const postgresReachable = await reachable(DATABASE_URL);
const redisServer = redisServerInstalled();

// The default memoryStore keeps 100,000 entries per kind: beyond that it forgets the oldest handled ids.
await run('memory', undefined, () =>
  runLoad({
    label: 'memory store',
    events,
    stores: [memoryStore(events > 100_000 ? { maxEntries: events } : {})],
    timeLimitMs: timeLimit(events),
    log,
  }),
);

await run('redis', redisReachable ? undefined : `Redis is not reachable at ${where(REDIS_URL)}`, async () => {
  const prefix = `${uniqueName('rcs-load')}:`;
  const stores = [redisStore({ url: REDIS_URL, prefix }), redisStore({ url: REDIS_URL, prefix })];
  try {
    return await runLoad({
      label: 'Redis store',
      events,
      stores,
      timeLimitMs: timeLimit(events),
      log,
    });
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await deleteRedisKeys(REDIS_URL, prefix);
  }
});

await run('redis-fault', redisServer ? undefined : 'redis-server is not installed', () =>
  redisKillRun({ events: faultEvents, durable: true, timeLimitMs: timeLimit(faultEvents), log }),
);

await run(
  'postgres-fault',
  postgresReachable ? undefined : `PostgreSQL is not reachable at ${where(DATABASE_URL)}`,
  async () => {
    const schema = uniqueName('rcs_load');
    try {
      const count = Math.max(1_000, Math.round(faultEvents / 3));
      return await postgresCutRun({
        databaseUrl: DATABASE_URL,
        schema,
        events: count,
        timeLimitMs: timeLimit(count),
        log,
      });
    } finally {
      const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  },
);

if (values.control) {
  await run('control', redisServer ? undefined : 'redis-server is not installed', () =>
    redisKillRun({ events: faultEvents, durable: false, timeLimitMs: timeLimit(faultEvents), log }),
  );
}

// --- summary -------------------------------------------------------------------------------------
console.log(`\n== load test summary (${Math.round((Date.now() - started) / 1000)} s)`);
let failed = 0;
for (const { name, result, skipped, control } of results) {
  if (result === undefined) {
    console.log(`${name.padEnd(15)} not run: ${skipped}`);
    continue;
  }
  const ok = result.problems.length === 0;
  if (!ok && !control) failed++;
  const verdict = control
    ? `control (expected to fail: ${ok ? 'it did NOT' : 'it did'})`
    : ok
      ? 'OK'
      : 'FAILED';
  const rerun =
    result.fault === undefined
      ? ''
      : `, ${result.rerunAfterFailedCompletion} re-run after a failed completion`;
  console.log(
    `${name.padEnd(15)} ${verdict.padEnd(8)} ${result.plan.events.length} events, ${result.lost} lost, ` +
      `${result.doubled} doubled${rerun}, ${result.seconds.toFixed(1)} s`,
  );
}
process.exit(failed === 0 ? 0 : 1);

function positiveInt(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 100) fail(`${name} must be an integer ≥ 100`);
  return parsed;
}

function fail(message: string): never {
  console.error(`load test: ${message}`);
  process.exit(2);
}

async function reachable(url: string): Promise<boolean> {
  const [host, port] = where(url).split(':') as [string, string];
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1_500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
