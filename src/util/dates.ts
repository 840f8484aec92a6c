// Infobip sends `2026-05-22T10:00:00.000+0000`: an offset without a colon, outside the ECMAScript
// date format, so it is rewritten to `+00:00` before parsing.
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/;

/** Parses a provider timestamp; `undefined` when absent or not a valid date (never a guess). */
export function parseDate(value: string | number | undefined | null): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date =
    typeof value === 'number'
      ? new Date(value)
      : new Date(value.trim().replace(OFFSET_WITHOUT_COLON, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
