import { ConfigurationError } from '../errors/index.js';

/**
 * Edit distance between two option names (Damerau–Levenshtein, adjacent transpositions count as one
 * edit), compared without case: `maxbodysize` and `maxBodyBytes` are judged on their letters.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) rows.push([i]);
  for (let j = 1; j <= t.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[s.length] as number[])[t.length] as number;
}

/**
 * The known name closest to `name`, when it is close enough to be a typo: at most a third of the
 * longer name's letters differ, or one name is the other plus a short suffix or prefix
 * (`ttl` → `ttlMs`, `maxBodySize` → `maxBodyBytes`, `handlerError` → `handlerErrors`).
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    const limit = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    const sharesStem =
      sharedPrefix(name, candidate) >= Math.max(3, Math.min(name.length, candidate.length) - 1);
    if ((distance <= limit || sharesStem) && distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let n = 0;
  while (n < s.length && n < t.length && s[n] === t[n]) n++;
  return n;
}

/** ` (did you mean \`x\`?)`, or the list of known names when none is close. */
export function suggestion(name: string, known: readonly string[]): string {
  const closest = closestName(name, known);
  return closest === undefined
    ? `; known: ${known.map((k) => `\`${k}\``).join(', ')}`
    : ` (did you mean \`${closest}\`?)`;
}

/**
 * Throws a ConfigurationError naming every key of `options` that is not in `known`, with the
 * closest known name: JavaScript callers get no compile-time check of option names. Only the key
 * names are shown, never the values (they may be secrets).
 */
export function rejectUnknownOptions(options: object, known: readonly string[], where: string): void {
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const lines = unknown.map((key) => `unknown option \`${where}${key}\`${suggestion(key, known)}`);
  throw new ConfigurationError(lines.join('\n'));
}
