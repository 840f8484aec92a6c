/**
 * The deepest nesting of objects and arrays in a JSON text, stopping as soon as it exceeds `limit`.
 * Provider payloads are a few levels deep; refusing absurd nesting before `JSON.parse` keeps every
 * recursive consumer (validation, digests, users' handlers) safe from stack exhaustion.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 /* " */) {
      // Jump to the closing quote (native indexOf): most of a payload is inside strings.
      for (;;) {
        const end = text.indexOf('"', index + 1);
        if (end === -1) return false; // unterminated string: JSON.parse reports it
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \\ */) backslashes++;
        index = end;
        if (backslashes % 2 === 0) break;
      }
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return false;
}
