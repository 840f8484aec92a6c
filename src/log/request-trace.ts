import type { RcsWebhookError } from '../errors/index.js';
import type { EventKind, RcsEvent } from '../events/types.js';
import { safeText } from './safe-text.js';

export type TracedOutcome = 'handled' | 'duplicate' | 'failed' | 'in_progress' | 'queued';

export interface TracedEvent {
  kind: EventKind;
  id: string;
  outcome: TracedOutcome;
  /** No handler (of its kind, or `onAny`) was subscribed when it was handled. */
  unheard?: true;
}

/** Events named in the message; the fields carry up to `FIELD_EVENTS`. */
const LINE_EVENTS = 10;
const FIELD_EVENTS = 100;

const OUTCOME_TEXT: Record<TracedOutcome, string> = {
  handled: 'handled',
  duplicate: 'duplicate (handled before: handlers not run again)',
  failed: 'handler failed',
  in_progress: 'held by another request or worker (the provider retries)',
  queued: 'queued to the inbox',
};

/** What debug mode tells of one request: collected along the pipeline, logged once at its end. */
export class RequestTrace {
  provider: string | undefined;
  error: RcsWebhookError | undefined;
  /** Said instead of the events: a handshake, a refusal while closing. */
  note: string | undefined;
  readonly events: TracedEvent[] = [];

  event(event: RcsEvent, outcome: TracedOutcome, heard = true): void {
    const traced: TracedEvent = { kind: event.kind, id: event.id, outcome };
    if (!heard && outcome === 'handled') traced.unheard = true;
    this.events.push(traced);
  }

  line(status: number): { message: string; fields: Record<string, unknown> } {
    const code = this.error?.code;
    let detail: string;
    if (this.note !== undefined) detail = `: ${this.note}`;
    else if (this.events.length > 0) {
      const named = this.events.slice(0, LINE_EVENTS).map(eventText).join('; ');
      const more = this.events.length - LINE_EVENTS;
      detail = `: ${named}${more > 0 ? `; and ${more} more` : ''}`;
    } else detail = status < 300 ? ': no events in the body' : '';
    const fields: Record<string, unknown> = {
      status,
      duplicate: this.events.some((event) => event.outcome === 'duplicate'),
      events: this.events.slice(0, FIELD_EVENTS),
    };
    const provider = this.provider ?? this.error?.provider;
    if (provider !== undefined) fields.provider = provider;
    if (code !== undefined) fields.code = code;
    const who = provider ?? '(no provider)';
    return {
      message: `rcs-webhooks: ${who} → ${status}${code === undefined ? '' : ` ${code}`}${detail}`,
      fields,
    };
  }
}

export function eventText(event: TracedEvent): string {
  const unheard = event.unheard === true ? ` (no handler subscribed to ${event.kind})` : '';
  return `${event.kind} ${safeText(event.id)} ${OUTCOME_TEXT[event.outcome]}${unheard}`;
}
