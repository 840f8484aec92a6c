import { parseDate } from '../../util/dates.js';

/**
 * Exotel timestamps are ISO 8601 (`2024-12-07T17:00:00.000+05:30`, `2026-04-17T10:30:00.000Z`).
 * The seed's error example has `"1235654654"`: its unit is undocumented, so digit-only values
 * give no `occurredAt` rather than a guessed date (the value stays in `raw`).
 */
export function exotelTimestamp(value: string | null | undefined): Date | undefined {
  if (value == null || /^\s*\d+\s*$/.test(value)) return undefined;
  return parseDate(value);
}
