import type { Contender, ContenderRuns } from './compare.js';
import type { BenchContext } from './context.js';
import type { NotedRow } from './report.js';
import type { ServerSpec } from './specs.js';
import { median, medianRatio } from './stats.js';

/** The rcs-webhooks contender, plus one per `--variant` (same server, library from the variant copy). */
export function candidates(
  context: BenchContext,
  spec: Omit<ServerSpec, 'root'>,
  label = 'rcs',
): Contender[] {
  return [
    { label, spec: { ...spec, root: context.root } },
    ...context.variants.map((variant) => ({
      label: `${label}+${variant.name}`,
      spec: { ...spec, root: variant.root },
    })),
  ];
}

function suffix(runs: ContenderRuns, first: ContenderRuns): string {
  return runs === first ? '' : `[${runs.label.slice(runs.label.indexOf('+') + 1)}]`;
}

function problems(runs: ContenderRuns, baseline: ContenderRuns): string | undefined {
  const all = [
    ...runs.problems.map((problem) => `${runs.label}: ${problem}`),
    ...baseline.problems.map((problem) => `${baseline.label}: ${problem}`),
  ];
  return all.length === 0 ? undefined : `SUSPECT ${all.join('; ')}`;
}

/** The range of the per-round ratios: how much the machine's noise moved them. */
export function spread(candidate: readonly number[], baseline: readonly number[]): string {
  const ratios = candidate.map((value, index) => value / (baseline[index] ?? Number.NaN));
  return `rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

/**
 * Throughput rows (req/s; ratio = candidate / baseline, median of the per-round ratios) and the
 * matching server-CPU rows (µs of server CPU per request; lower is better) for every candidate.
 */
export function throughputRows(
  name: string,
  runs: readonly ContenderRuns[],
  target: string | null,
  against: string,
): NotedRow[] {
  const [baseline, ...others] = runs;
  if (baseline === undefined || others[0] === undefined) return [];
  const first = others[0];
  const rows: NotedRow[] = [];
  for (const candidate of others) {
    const note = [spread(candidate.rps, baseline.rps), problems(candidate, baseline)]
      .filter((part) => part !== undefined)
      .join('; ');
    rows.push({
      name: `${name}.throughput${suffix(candidate, first)}`,
      value: median(candidate.rps),
      unit: 'req/s',
      baseline: median(baseline.rps),
      ratio: medianRatio(candidate.rps, baseline.rps),
      target,
      notes: { against, note },
    });
  }
  for (const candidate of others) {
    rows.push({
      name: `${name}.server_cpu${suffix(candidate, first)}`,
      value: median(candidate.cpuUsPerRequest),
      unit: 'µs CPU/req',
      baseline: median(baseline.cpuUsPerRequest),
      ratio: medianRatio(candidate.cpuUsPerRequest, baseline.cpuUsPerRequest),
      target: null,
      notes: { against, note: 'server process CPU per request, lower is better' },
    });
  }
  return rows;
}
