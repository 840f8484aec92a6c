// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text from outside the package (event ids, a content type, a handler's error message) made safe
 * for one log line: control characters escaped (no forged lines), length bounded, and `%` doubled,
 * because console and pino read the message as a format string when fields follow it (both print
 * `%%` as `%`).
 */
export function safeText(text: string, max = 200): string {
  const bounded = text.length > max ? `${text.slice(0, max)}…` : text;
  return bounded
    .replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('%', '%%');
}
