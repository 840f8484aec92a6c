/**
 * A provider object as validated: the fields a schema declares, with the types it checked, and every
 * other field the provider sent, typed `unknown` (schemas only declare the fields rcs-webhooks reads).
 */
export type Loose<T> = T & { [field: string]: unknown };
