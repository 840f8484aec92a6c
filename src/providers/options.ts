import { z } from 'zod';

/** A secret, or several during a rotation: each is tried in turn. */
export const secretList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type SecretList = z.input<typeof secretList>;

export function toList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/** Options every provider accepts; the pipeline applies them, so providers never read them. */
export const commonProviderOptions = {
  /** Accept requests although no credential is configured. Must be exactly `true`: fail closed otherwise. */
  allowUnauthenticated: z.literal(true).optional(),
  /** Replay window for timestamped signatures, overriding the global `toleranceSeconds`. */
  toleranceSeconds: z.number().nonnegative().optional(),
  /** `retry` (default) answers 500 so the provider retries; `acknowledge` answers 200 and reports via onError. */
  handlerErrors: z.enum(['retry', 'acknowledge']).optional(),
};

export type CommonProviderOptions = z.output<z.ZodObject<typeof commonProviderOptions>>;

/** A provider's options schema: its own fields plus the common ones; unknown keys are rejected (typos). */
export function providerOptions<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject({ ...commonProviderOptions, ...shape });
}

/** Comma-separated environment values, for rotation through environment variables. */
export function envList(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items === undefined || items.length === 0 ? undefined : items;
}
