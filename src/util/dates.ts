// Infobip sends `2026-05-22T10:00:00.000+0000`: an offset without a colon, outside the ECMAScript
// date format, so it is rewritten to `+00:00` before parsing.
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/;

// `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM|±HHMM)`: what providers send. Read digit by digit (the
// engine's date-string parser costs microseconds per call, once per event of a batch); any other
// shape, or an out-of-range field, goes through Date's own parser as before.
function digits(value: string, from: number, count: number): number {
  let result = 0;
  for (let index = from; index < from + count; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fastIso(value: string): number | undefined {
  if (value.length < 20 || value.charCodeAt(10) !== 84 /* T */) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (value[4] !== '-' || value[7] !== '-' || value[13] !== ':' || value[16] !== ':') return undefined;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let index = 19;
  let millis = 0;
  if (value[index] === '.') {
    const start = ++index;
    while (index < value.length && index - start < 9 && digits(value, index, 1) >= 0) index++;
    if (index === start) return undefined;
    const fraction = digits(value, start, Math.min(3, index - start));
    millis = fraction * (index - start === 1 ? 100 : index - start === 2 ? 10 : 1);
  }
  let offset = 0;
  const rest = value.length - index;
  if (rest === 1 && value[index] === 'Z') offset = 0;
  else if ((rest === 6 && value[index + 3] === ':') || rest === 5) {
    const sign = value[index];
    const offsetHours = digits(value, index + 1, 2);
    const offsetMinutes = digits(value, index + (rest === 6 ? 4 : 3), 2);
    if ((sign !== '+' && sign !== '-') || offsetHours < 0 || offsetHours > 23) return undefined;
    if (offsetMinutes < 0 || offsetMinutes > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  } else return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/** Parses a provider timestamp; `undefined` when absent or not a valid date (never a guess). */
export function parseDate(value: string | number | undefined | null): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    const fast = fastIso(value);
    if (fast !== undefined) return new Date(fast);
  }
  const date =
    typeof value === 'number'
      ? new Date(value)
      : new Date(value.trim().replace(OFFSET_WITHOUT_COLON, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
