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
 * Pass a fresh object literal: with nothing to drop, `value` itself is returned, uncopied (this
 * runs several times per event; the copy was most of its cost).
 */
export function compact<const T extends object>(value: T): Compacted<T> {
  for (const key in value) {
    if (value[key] !== undefined) continue;
    const result: Record<string, unknown> = {};
    for (const kept in value) if (value[kept] !== undefined) result[kept] = value[kept];
    return result as Compacted<T>;
  }
  return value as unknown as Compacted<T>;
}
