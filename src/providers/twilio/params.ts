/** Twilio's parameters as an object: the event's `raw`. A repeated name keeps all its values, in order. */
export type TwilioParams = Record<string, string | string[]>;

export function paramsObject(form: Iterable<readonly [string, string]>): TwilioParams {
  const values = new Map<string, string[]>();
  for (const [name, value] of form) values.set(name, [...(values.get(name) ?? []), value]);
  // fromEntries defines own properties, so a parameter named `__proto__` stays a plain key.
  return Object.fromEntries(
    [...values].map(([name, list]) => [name, list.length === 1 ? (list[0] ?? '') : list]),
  );
}

/** Twilio sends absent values as empty parameters (`Body=` on a media-only message): both are "not sent". */
export function present(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * The channel marker of a Twilio address: `rcs:+15551234567` → `rcs`, `whatsapp:+1…` → `whatsapp`,
 * a plain phone number (SMS/MMS) → undefined.
 */
export function addressChannel(address: string | undefined): string | undefined {
  return /^([A-Za-z][A-Za-z0-9-]*):/.exec(address ?? '')?.[1]?.toLowerCase();
}
