import { join } from 'node:path';
import { fmt } from '../lib/compare.js';
import { profileArgs, type Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { spread } from '../lib/rows.js';
import { REPO_ROOT, startChild } from '../lib/rpc.js';
import { median } from '../lib/stats.js';
import type { BatchApi, BatchParams } from './batch-child.js';

const CHILD = join(REPO_ROOT, 'bench/scenarios/batch-child.ts');

/** (4) Normalized events per second through rcs.handle(), Infobip delivery reports 100 per request. */
export const batch: Scenario = {
  id: 'batch',
  title: 'Batches: Infobip delivery reports, 100 per request, through rcs.handle()',
  async run(context) {
    const settings = context.settings.batch;
    const rows: NotedRow[] = [];
    const roots = [
      { suffix: '', label: 'rcs', root: context.root },
      ...context.variants.map((variant) => ({
        suffix: `[${variant.name}]`,
        label: `rcs+${variant.name}`,
        root: variant.root,
      })),
    ];
    const modes: { store: BatchParams['store']; name: string; note: string }[] = [
      { store: 'fresh', name: 'batch.infobip_100.events', note: 'fresh memory store each round' },
      {
        store: 'steady',
        name: 'batch.infobip_100.events_steady_state',
        note: 'memory store already at its default cap (100,000 entries)',
      },
    ];
    for (const mode of modes) {
      for (const { suffix, label, root } of roots) {
        const child = await startChild<BatchApi>(CHILD, {
          nodeArgs: profileArgs(context, `batch-${mode.store}-${label}`),
        });
        try {
          const result = await child.call('measure', {
            root,
            reportsPerBody: settings.reportsPerBody,
            rounds: mode.store === 'fresh' ? settings.rounds : settings.steadyRounds,
            bodiesPerRound: mode.store === 'fresh' ? settings.bodiesPerRound : settings.steadyBodiesPerRound,
            store: mode.store,
            maxSecondsPerRound: mode.store === 'fresh' ? 60 : settings.steadySecondsPerRound,
          });
          const rcs = result.rounds.map((round) => round.rcsEventsPerSecond);
          const parse = result.rounds.map((round) => round.parseEventsPerSecond);
          for (const [index, round] of result.rounds.entries()) {
            context.log(
              `  ${mode.store} ${label} round ${index + 1}: rcs ${fmt(round.rcsEventsPerSecond)} events/s (${round.rcsEvents} events), JSON.parse ${fmt(round.parseEventsPerSecond)} events/s`,
            );
          }
          for (const problem of result.problems) context.log(`  ! ${label}: ${problem}`);
          rows.push({
            name: `${mode.name}${suffix}`,
            value: median(rcs),
            unit: 'events/s',
            baseline: median(parse),
            ratio: median(rcs.map((value, index) => value / (parse[index] ?? Number.NaN))),
            target: 'value >= 200000',
            notes: {
              against: 'bare JSON.parse of the same bodies',
              note: [
                mode.note,
                spread(rcs, parse),
                ...(result.problems.length > 0 ? [`SUSPECT ${result.problems.join('; ')}`] : []),
              ].join('; '),
            },
          });
        } finally {
          await child.close();
        }
      }
    }
    return rows;
  },
};
