import { join } from 'node:path';
import type { Scenario } from '../lib/context.js';
import type { NotedRow } from '../lib/report.js';
import { REPO_ROOT, startChild } from '../lib/rpc.js';
import type { MemoryApi, MemoryKind } from './memory-child.js';

const CHILD = join(REPO_ROOT, 'bench/scenarios/memory-child.ts');

const KINDS: { kind: MemoryKind; name: string; what: string; target: string | null }[] = [
  {
    kind: 'keys',
    name: 'store.memory.bytes_per_key',
    what: 'idempotency key (claimed, then done)',
    target: 'value <= 500',
  },
  {
    kind: 'messages',
    name: 'store.memory.bytes_per_message',
    what: 'tracked message (one delivery report)',
    target: 'value <= 500',
  },
  {
    kind: 'messages2',
    name: 'store.memory.bytes_per_message_2_reports',
    what: 'tracked message (sent, then delivered)',
    target: null,
  },
];

/**
 * (5b) Heap bytes per entry of the memory store at N entries: heapUsed after forced GCs, before and
 * after inserting, in a fresh `node --expose-gc` child per kind (nothing else in that heap).
 */
export const memoryBytes: Scenario = {
  id: 'memory',
  title: 'Memory store: bytes per idempotency key and per tracked message',
  async run(context) {
    const rows: NotedRow[] = [];
    const { entries } = context.settings.memory;
    const roots = [
      { suffix: '', root: context.root },
      ...context.variants.map((v) => ({ suffix: `[${v.name}]`, root: v.root })),
    ];
    // One fresh child per measurement, all at once: heap figures do not depend on timing.
    const jobs = roots.flatMap(({ suffix, root }) =>
      KINDS.map(async ({ kind, name, what, target }): Promise<NotedRow> => {
        const child = await startChild<MemoryApi>(CHILD, {
          nodeArgs: ['--expose-gc', '--max-old-space-size=4096'],
        });
        try {
          const result = await child.call('measure', { root, kind, entries });
          context.log(
            `  ${kind}${suffix}: ${result.bytesPerEntry.toFixed(0)} B/entry over ${result.entries.toLocaleString('en-US')} entries (${result.seconds.toFixed(1)} s)`,
          );
          return {
            name: `${name}${suffix}`,
            value: result.bytesPerEntry,
            unit: 'B',
            baseline: null,
            ratio: null,
            target,
            notes: { note: `${what}; heapUsed delta at ${entries.toLocaleString('en-US')} entries` },
          };
        } finally {
          await child.close();
        }
      }),
    );
    rows.push(...(await Promise.all(jobs)));
    return rows;
  },
};
