/** Runs in `node --expose-gc`: heap bytes per memory-store entry, in a heap holding nothing else. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveRpc } from '../lib/rpc.js';

export type MemoryKind = 'keys' | 'messages' | 'messages2';

export interface MemoryParams {
  root: string;
  kind: MemoryKind;
  entries: number;
}

export interface MemoryResult {
  entries: number;
  bytesPerEntry: number;
  seconds: number;
}

export interface MemoryApi {
  measure(params: MemoryParams): Promise<MemoryResult>;
}

const DAY_MS = 86_400_000;

function collect(): number {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let index = 0; index < 4; index++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * A flat (sequential) copy of a string, as JSON.parse produces them. randomUUID() returns a tree of
 * ~20 concatenated pieces (about 490 bytes until flattened), which would inflate the figures.
 */
function flat(value: string): string {
  return Buffer.from(value, 'latin1').toString('latin1');
}

function phone(): string {
  return flat(
    `4479${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`,
  );
}

async function measure({ root, kind, entries }: MemoryParams): Promise<MemoryResult> {
  type Memory = typeof import('../../src/store/memory.js');
  const { memoryStore } = (await import(pathToFileURL(join(root, 'src/store/memory.js')).href)) as Memory;
  // The cap is raised to the number of entries measured (the default is 100,000).
  const store = memoryStore({ maxEntries: entries });
  const started = performance.now();
  const before = collect();
  const now = Date.now();
  for (let index = 0; index < entries; index++) {
    const messageId = flat(randomUUID());
    if (kind === 'keys') {
      // The key dispatch builds: `${provider}:${event.id}` (an Infobip delivery report's id).
      const key = `infobip:${['delivery', messageId, 'DELIVERED', 'DELIVERED_TO_HANDSET', 'RCS'].join(':')}`;
      await store.claim(key, 60_000);
      await store.complete(key, 7 * DAY_MS);
      continue;
    }
    const statuses =
      kind === 'messages'
        ? [['delivered', 'DELIVERED_TO_HANDSET']]
        : [
            ['sent', 'PENDING_ENROUTE'],
            ['delivered', 'DELIVERED_TO_HANDSET'],
          ];
    const recipient = phone();
    for (const [status, providerStatus] of statuses) {
      await store.recordStatus({
        provider: 'infobip',
        messageId,
        status: status as 'sent' | 'delivered',
        providerStatus: providerStatus ?? '',
        eventId: ['delivery', messageId, status?.toUpperCase(), providerStatus, 'RCS'].join(':'),
        occurredAt: now - 1_000,
        receivedAt: now,
        recipient,
        sender: 'DemoSender',
      });
    }
  }
  const after = collect();
  // Keep the store reachable until after the measurement.
  const probe = await store.getMessage('infobip', 'none');
  return {
    entries,
    bytesPerEntry: (after - before) / entries + (probe === undefined ? 0 : 0),
    seconds: (performance.now() - started) / 1000,
  };
}

serveRpc<MemoryApi>({ measure });
