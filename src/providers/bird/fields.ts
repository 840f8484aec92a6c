/** Bird sends `""` for unset strings (`reason`, `reference`): treated as absent. */
export function nonEmpty(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

/** The one recipient of a message; a message to several contacts has no single recipient. */
export function soleContact<T>(contacts: readonly T[] | null | undefined): T | undefined {
  return contacts?.length === 1 ? contacts[0] : undefined;
}
