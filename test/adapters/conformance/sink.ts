import { createServer } from 'node:http';
import type { RcsEvent } from 'rcs-webhooks';
import { listen, type RunningServer } from '../../helpers/http.js';

export type RecordedEvent = Pick<RcsEvent, 'kind' | 'id' | 'provider'>;

/** Text a failing handler throws: it must never reach the provider. */
export const HANDLER_FAILURE_TEXT = 'deliberate handler failure 6f1d';

/**
 * The handlers every target runs: record each event, fail on demand, or hold until released.
 * In-process targets subscribe `handle` with `onAny`; the Next app forwards events over HTTP.
 */
export class EventSink {
  readonly events: RecordedEvent[] = [];
  #failures = 0;
  #gate: Promise<void> | undefined;

  readonly handle = async (event: RecordedEvent): Promise<void> => {
    this.events.push({ kind: event.kind, id: event.id, provider: event.provider });
    await this.#gate;
    if (this.#failures > 0) {
      this.#failures--;
      throw new Error(HANDLER_FAILURE_TEXT);
    }
  };

  /** The next `count` handler calls throw. */
  failNext(count = 1): void {
    this.#failures = count;
  }

  /** Handlers wait until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.#gate = new Promise((resolve) => {
      release = () => {
        this.#gate = undefined;
        resolve();
      };
    });
    return release;
  }

  /** Events recorded since `mark` (`events.length` taken before a request). */
  since(mark: number): RecordedEvent[] {
    return this.events.slice(mark);
  }
}

/** The sink over HTTP, for an app in another process: POST an event's JSON; 500 when a handler fails. */
export async function serveSink(sink: EventSink): Promise<RunningServer & { url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedEvent;
      sink.handle(event).then(
        () => res.writeHead(204).end(),
        () => res.writeHead(500).end(),
      );
    });
  });
  const running = await listen(server);
  return { ...running, url: `${running.base}/events` };
}
