import {
  ABSORBABLE_NAMES,
  closedFormat,
  holdsParameter,
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
 * - `NumMedia` = N comes with both media parameters of each item 0 to N-1, and no others;
 * - a free value does not hold the name of an absent known parameter that would sort right after it
 *   (with a value in that parameter's format, if closed): the trace of a parameter folded into it;
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
  for (let index = 0; index < sorted.length; index++) {
    const [name, values] = sorted[index] as [string, string[]];
    if (!NAME.test(name)) return 'a parameter name Twilio never sends';
    if (values.length > 1) return `${name} repeated`;
    const kind = extraParameters.has(name) ? 'open' : parameterKind(name);
    const format = closedFormat(name);
    const value = values[0] ?? '';
    if (format !== undefined && value !== '' && !format.test(value)) {
      return `${name} is not in Twilio's format`;
    }
    if (kind !== 'closed' && value !== '') {
      const folded = foldedParameter(name, value, sorted[index + 1]?.[0], present);
      if (folded !== undefined) return `${name} holds a folded ${folded}`;
    }
    if (kind === 'unknown') {
      if (previous !== 'closed') return `parameter ${name} follows a free-text value`;
      if (overlapsAbsentKnownName(name, present)) return `parameter ${name} overlaps a known name`;
    }
    previous = kind;
  }
  return mediaProblem(sorted, present);
}

/**
 * An absent known parameter whose name (and closed-format value) a free value holds, where that
 * parameter would sort between this one and the next: `Body=Yes pleaseButtonPayloadconfirm` is
 * `Body=Yes please&ButtonPayload=confirm` with the separators removed.
 */
function foldedParameter(
  name: string,
  value: string,
  next: string | undefined,
  present: ReadonlySet<string>,
): string | undefined {
  return ABSORBABLE_NAMES.find(
    (known) =>
      known > name &&
      (next === undefined || known < next) &&
      !present.has(known) &&
      holdsParameter(value, known),
  );
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
    for (const name of [`MediaUrl${index}`, `MediaContentType${index}`]) {
      if (!present.has(name)) return `no ${name} of NumMedia ${count}`;
    }
  }
  return undefined;
}
