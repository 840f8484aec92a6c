/**
 * The deepest nesting of objects and arrays in a JSON text, stopping as soon as it exceeds `limit`.
 * Provider payloads are a few levels deep; refusing absurd nesting before `JSON.parse` keeps every
 * recursive consumer (validation, digests, users' handlers) safe from stack exhaustion.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return false;
}
