import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { PayloadParseError } from '../errors/index.js';
import { type Channel, type EventDraft, TRAFFIC_TYPES, type TrafficType } from '../events/types.js';

/** Validates one part of a payload; failures are `invalid_payload` (400) naming the path, never the values. */
export function validate<Schema extends z.ZodType>(
  provider: string,
  what: string,
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new PayloadParseError('invalid_payload', `${provider} ${what} is not valid: ${issues}`, { provider });
}

/** A payload rcs-webhooks does not understand: passed on as-is with a reason, never guessed at. */
export function unsupported(raw: unknown, reason: string): EventDraft {
  // The id is a digest of the item, so the same item delivered twice is deduplicated.
  const digest = createHash('sha256')
    .update(JSON.stringify(raw) ?? 'undefined')
    .digest('hex')
    .slice(0, 32);
  return { kind: 'unsupported', id: `unsupported:${digest}`, reason, raw };
}

const parseProblems = new WeakMap<object, PayloadParseError>();

/**
 * An authenticated item that does not fit its schema: passed on as `unsupported` (raw kept, the reason
 * names the path and the expected shape, never the value), and its error reported to `onError` by the
 * pipeline. Refusing it would only make the provider retry the same bytes.
 */
export function invalidItem(raw: unknown, error: PayloadParseError): EventDraft {
  const draft = unsupported(raw, error.message.replace(/^rcs-webhooks: /, ''));
  parseProblems.set(draft, error);
  return draft;
}

/** The PayloadParseError an `invalidItem` draft stands for (the pipeline reports it). */
export function parseProblemOf(draft: object): PayloadParseError | undefined {
  return parseProblems.get(draft);
}

/**
 * Normalizes one item of a batch: when it fails its schema it becomes an `invalidItem`, and the
 * batch's other items are normalized as usual.
 */
export function orUnsupported(raw: unknown, normalizeItem: () => EventDraft | EventDraft[]): EventDraft[] {
  try {
    const drafts = normalizeItem();
    return Array.isArray(drafts) ? drafts : [drafts];
  } catch (error) {
    if (error instanceof PayloadParseError) return [invalidItem(raw, error)];
    throw error;
  }
}

/** The traffic type when it is one of the known values; anything else stays only in `raw`. */
export function trafficTypeOf(value: string | null | undefined): TrafficType | undefined {
  return (TRAFFIC_TYPES as readonly string[]).includes(value ?? '') ? (value as TrafficType) : undefined;
}

/** `RCS` / `SMS` / `MMS` (any case) as a channel; other values stay only in `raw`. */
export function channelOf(value: string | null | undefined): Channel | undefined {
  const lower = value?.toLowerCase();
  return lower === 'rcs' || lower === 'sms' || lower === 'mms' ? lower : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
