import fc from 'fast-check';

/**
 * The attack class "re-split form parameters" (issue 13 A1). Twilio signs the URL followed by every
 * `name + value`, names sorted, with no separators: any other split of that same string into names
 * and values, with the names still in sorted order, carries the same X-Twilio-Signature. This
 * generator produces such re-splits of a form: boundaries between a name and its value, or between
 * a value and the next name, moved; a parameter folded into the value before it; a value cut in two
 * with its tail turned into a new parameter (preferably at an upper-case letter, as Twilio's names
 * start). Every re-split signs exactly the original string (`signedParams`), and none equals the
 * original form.
 */

export type Pairs = [name: string, value: string][];

/** The parameters' part of the string Twilio signs (twilio-node `getExpectedTwilioSignature`). */
export function signedParams(pairs: Pairs): string {
  const grouped = new Map<string, Set<string>>();
  for (const [name, value] of pairs) grouped.set(name, (grouped.get(name) ?? new Set()).add(value));
  let data = '';
  for (const name of [...grouped.keys()].sort()) {
    for (const value of [...(grouped.get(name) ?? [])].sort()) data += `${name}${value}`;
  }
  return data;
}

type Move =
  | { kind: 'shiftSplit'; at: number; by: number }
  | { kind: 'shiftStart'; at: number; by: number }
  | { kind: 'fold'; at: number }
  | { kind: 'cut'; at: number; offset: number; nameLength: number };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({
    kind: fc.constant('shiftSplit' as const),
    at: fc.nat(),
    by: fc.integer({ min: -12, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('shiftStart' as const),
    at: fc.nat(),
    by: fc.integer({ min: -12, max: 12 }),
  }),
  fc.record({ kind: fc.constant('fold' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.nat(),
    offset: fc.nat(),
    nameLength: fc.integer({ min: 1, max: 12 }),
  }),
);

/** Each parameter as positions in the signed string: where its name starts and where its value does. */
interface Boundary {
  start: number;
  split: number;
}

function boundaries(pairs: Pairs): { text: string; cuts: Boundary[] } {
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const cuts: Boundary[] = [];
  let text = '';
  for (const [name, value] of sorted) {
    cuts.push({ start: text.length, split: text.length + name.length });
    text += name + value;
  }
  return { text, cuts };
}

function apply(text: string, cuts: Boundary[], change: Move): Boundary[] {
  const next = cuts.map((cut) => ({ ...cut }));
  const index = change.at % next.length;
  const cut = next[index] as Boundary;
  switch (change.kind) {
    case 'shiftSplit':
      cut.split += change.by;
      break;
    case 'shiftStart':
      if (index > 0) cut.start += change.by;
      break;
    case 'fold':
      if (index > 0) next.splice(index, 1);
      break;
    case 'cut': {
      const end = next[index + 1]?.start ?? text.length;
      const span = end - cut.split;
      if (span < 2) break;
      // Prefer a cut at an upper-case letter of the value: Twilio's names start with one.
      let start = cut.split + 1 + (change.offset % (span - 1));
      const upper = text.slice(cut.split + 1, end).search(/[A-Z]/);
      if (upper !== -1 && change.offset % 3 !== 0) start = cut.split + 1 + upper;
      next.splice(index + 1, 0, { start, split: Math.min(end, start + change.nameLength) });
      break;
    }
  }
  return next;
}

/** The pairs these boundaries cut `text` into, or `undefined` unless names are non-empty and strictly sorted. */
function pairsOf(text: string, cuts: Boundary[]): Pairs | undefined {
  const pairs: Pairs = [];
  for (let index = 0; index < cuts.length; index++) {
    const { start, split } = cuts[index] as Boundary;
    const end = cuts[index + 1]?.start ?? text.length;
    if (!(start < split && split <= end)) return undefined;
    const name = text.slice(start, split);
    const previous = pairs.at(-1)?.[0];
    if (previous !== undefined && !(previous < name)) return undefined;
    pairs.push([name, text.slice(split, end)]);
  }
  return cuts[0]?.start === 0 ? pairs : undefined;
}

const key = (pairs: Pairs) => JSON.stringify([...pairs].sort());

/** Re-splits of `pairs` (names unique, as Twilio sends them) that sign the same string. */
export function resplits(pairs: Pairs): fc.Arbitrary<Pairs> {
  const { text, cuts } = boundaries(pairs);
  const original = key(pairs);
  return fc
    .array(move, { minLength: 1, maxLength: 4 })
    .map((moves) =>
      pairsOf(
        text,
        moves.reduce((current, change) => apply(text, current, change), cuts),
      ),
    )
    .filter((forged): forged is Pairs => forged !== undefined && key(forged) !== original);
}

/** A form body with the pairs in a random order (Twilio's own order does not matter to the signature). */
export function encodeForm(pairs: Pairs): string {
  return new URLSearchParams(pairs).toString();
}
