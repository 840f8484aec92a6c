import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { REPO_ROOT } from '../lib/rpc.js';
import { buildRequests } from '../lib/workloads.js';

const run = promisify(execFile);
const CHILD_SOURCE = join(REPO_ROOT, 'bench/scenarios/instructions-child.ts');
const REQUESTS_FILE = '/tmp/rcs-bench-instructions-requests.json';

/**
 * Requests counted per contender: the difference between the two runs is divided by the difference
 * in requests, so start-up, module loading and most JIT compilation cancel out.
 */
const COUNTS = { full: [2_000, 5_000], smoke: [100, 300] } as const;

interface Contender {
  label: string;
  kind: 'rcs' | 'octokit' | 'hand';
  root: string;
}

/**
 * (2) in one process, counted rather than timed: instructions per request (valgrind's callgrind)
 * of `rcs.handle()`, of @octokit/webhooks' `verifyAndReceive` and of a hand-written HMAC check plus
 * `JSON.parse`, on the same requests. A count does not move with the machine's load (two runs of
 * the same code differ by about 3%), so this is the row to compare changes by; it needs valgrind.
 */
export const instructions: Scenario = {
  id: 'instructions',
  title: 'HMAC in one process, instructions per request (callgrind): rcs.handle vs @octokit/webhooks',
  async run(context) {
    if (!hasValgrind()) {
      const note = 'SKIPPED: valgrind is not installed (apt-get install valgrind)';
      context.log(`  ${note}`);
      return [row('hmac.inprocess.instructions', null, null, { against: '@octokit/webhooks', note })];
    }
    const [fewer, more] = COUNTS[context.mode];
    const requests = buildRequests('infobip-hmac', more);
    writeFileSync(
      REQUESTS_FILE,
      JSON.stringify(requests.map(({ path, headers, body }) => ({ path, headers, body: body.toString() }))),
    );
    const contenders: Contender[] = [
      { label: 'octokit', kind: 'octokit', root: context.root },
      { label: 'hand', kind: 'hand', root: context.root },
      { label: 'rcs', kind: 'rcs', root: context.root },
      ...context.variants.map((variant) => ({
        label: `rcs+${variant.name}`,
        kind: 'rcs' as const,
        root: variant.root,
      })),
    ];
    const perRequest = new Map<string, number>();
    // Two at a time: valgrind runs a program on one core.
    for (let index = 0; index < contenders.length; index += 2) {
      await Promise.all(
        contenders.slice(index, index + 2).map(async (contender) => {
          const script = installChild(contender.root);
          const [a, b] = [await count(script, contender, fewer), await count(script, contender, more)];
          const value = (b - a) / (more - fewer);
          perRequest.set(contender.label, value);
          context.log(
            `  ${contender.label}: ${Math.round(value).toLocaleString('en-US')} instructions/request`,
          );
        }),
      );
    }
    const octokit = perRequest.get('octokit') ?? null;
    const hand = perRequest.get('hand') ?? null;
    const rows: NotedRow[] = [];
    for (const contender of contenders.filter((c) => c.kind === 'rcs')) {
      const suffix = contender.label === 'rcs' ? '' : `[${contender.label.slice('rcs+'.length)}]`;
      const value = perRequest.get(contender.label) ?? null;
      rows.push(
        row(`hmac.inprocess.instructions${suffix}`, value, octokit, {
          against: '@octokit/webhooks verifyAndReceive, same requests',
          note: 'lower is better',
        }),
        row(`hmac.inprocess.instructions_vs_floor${suffix}`, value, hand, {
          against: 'hand-written createHmac + timingSafeEqual + JSON.parse, same requests',
          note: 'lower is better',
        }),
      );
    }
    return rows;
  },
};

function row(
  name: string,
  value: number | null,
  baseline: number | null,
  notes: NotedRow['notes'],
): NotedRow {
  return {
    name,
    value,
    unit: 'instructions/req',
    baseline,
    ratio: value === null || baseline === null ? null : value / baseline,
    target: null,
    ...(notes === undefined ? {} : { notes }),
  };
}

function hasValgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The child, as plain JavaScript inside the compiled library root it measures. */
function installChild(root: string): string {
  const { outputText } = ts.transpileModule(readFileSync(CHILD_SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const script = join(root, 'bench-instructions-child.js');
  writeFileSync(script, outputText);
  return script;
}

/** Instructions callgrind counted for the whole run (`--single-threaded`: no compiler threads). */
async function count(script: string, contender: Contender, requests: number): Promise<number> {
  const { stderr } = await run(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all-non-file', // V8 writes the code it runs
      '--callgrind-out-file=/dev/null',
      process.execPath,
      '--single-threaded',
      script,
      contender.kind,
      String(requests),
      REQUESTS_FILE,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const match = /Collected : (\d+)/.exec(stderr);
  if (match?.[1] === undefined) throw new Error(`callgrind printed no count for ${contender.label}`);
  return Number(match[1]);
}
