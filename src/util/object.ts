/** Keys of `T` whose type admits `undefined` (but not `unknown`, which stays as it is). */
type MaybeUndefinedKeys<T> = {
  [K in keyof T]: unknown extends T[K] ? never : undefined extends T[K] ? K : never;
}[keyof T];

/** `T` with every key that may be `undefined` turned into an optional key that, when present, is defined. */
export type Compacted<T> = { [K in Exclude<keyof T, MaybeUndefinedKeys<T>>]: T[K] } & {
  [K in MaybeUndefinedKeys<T>]?: Exclude<T[K], undefined>;
};

/**
 * Drops keys whose value is `undefined`, so normalized events never carry a field the provider
 * did not send (a present-but-undefined key would still show up in `in` checks and logs).
 */
export function compact<const T extends object>(value: T): Compacted<T> {
  const result: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) result[key] = value[key];
  return result as Compacted<T>;
}
