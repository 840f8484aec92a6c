import {
  closedFormat,
  KNOWN_NAMES,
  MEDIA,
  NAME,
  type ParameterKind,
  parameterKind,
  REQUIRED,
} from './parameter-formats.js';

/** The decoded parameters grouped by name, names in the order Twilio signs them (code-unit order). */
export type SortedParams = [name: string, values: string[]][];

export function sortParams(params: Iterable<readonly [string, string]>): SortedParams {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = grouped.get(name);
    if (values === undefined) grouped.set(name, [value]);
    else values.push(value);
  }
  return [...grouped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Why a form is not one Twilio sends, or `undefined`. Twilio's signature covers the parameters
 * concatenated without separators, so the same signature also covers every re-split of them
 * (`Body=Yes. Do not &Cancel= my order`, `ApiVersion=2010-04-01Fromrcs:+1555…`). Exactly one split
 * is Twilio's; the others are refused by these rules (docs/providers/twilio.md, "Re-split forms"):
 * - names are PascalCase letters and digits;
 * - no name is repeated (Twilio never repeats one: `Body=a&Body=b` re-splits `Body=aBodyb`);
 * - identifiers and other values in a closed format match it;
 * - the account, the message SID and both addresses are present;
 * - `NumMedia` = N comes with media parameters numbered 0 to N-1 only;
 * - a name Twilio is not known to send follows (in signing order) a value in a closed format, which
 *   cannot have given its tail away, and does not overlap a known name that is absent (`NumMedia2`,
 *   `NumMedi`: the known name run on into, or cut short of, its value).
 * New Twilio parameters are accepted wherever they cannot be the tail of a free-text value, and
 * anywhere once named in the `extraParameters` option.
 */
export function formShapeProblem(
  sorted: SortedParams,
  extraParameters: ReadonlySet<string> = new Set(),
): string | undefined {
  const present = new Set(sorted.map(([name]) => name));
  for (const name of REQUIRED) {
    if (!present.has(name) || sorted.some(([other, values]) => other === name && values[0] === '')) {
      return `no ${name}`;
    }
  }
  let previous: ParameterKind = 'closed';
  for (const [name, values] of sorted) {
    if (!NAME.test(name)) return 'a parameter name Twilio never sends';
    if (values.length > 1) return `${name} repeated`;
    const kind = extraParameters.has(name) ? 'open' : parameterKind(name);
    const format = closedFormat(name);
    const value = values[0] ?? '';
    if (format !== undefined && value !== '' && !format.test(value)) {
      return `${name} is not in Twilio's format`;
    }
    if (kind === 'unknown') {
      if (previous !== 'closed') return `parameter ${name} follows a free-text value`;
      if (overlapsAbsentKnownName(name, present)) return `parameter ${name} overlaps a known name`;
    }
    previous = kind;
  }
  return mediaProblem(sorted, present);
}

function overlapsAbsentKnownName(name: string, present: ReadonlySet<string>): boolean {
  return KNOWN_NAMES.some(
    (known) => !present.has(known) && (name.startsWith(known) || known.startsWith(name)),
  );
}

function mediaProblem(sorted: SortedParams, present: ReadonlySet<string>): string | undefined {
  const count = Number(sorted.find(([name]) => name === 'NumMedia')?.[1][0] || '0');
  if (!present.has('NumMedia') && sorted.some(([name]) => MEDIA.test(name))) return 'media without NumMedia';
  for (const [name] of sorted) {
    const index = MEDIA.exec(name)?.[2];
    if (index !== undefined && Number(index) >= count) return `${name} beyond NumMedia`;
  }
  for (let index = 0; index < count; index++) {
    if (!present.has(`MediaUrl${index}`)) return `no MediaUrl${index} of NumMedia ${count}`;
  }
  return undefined;
}
