import type { z } from 'zod';
import { suggestion } from './option-suggestions.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];
type Schema = z.core.$ZodType;

/**
 * One line per problem in provider options: the full path, what was expected and the TYPE that was
 * received, never the value (options hold secrets). `providers.infobip.basic.password: expected a
 * non-empty string, received undefined`, `providers.infobip.urlTokn: unknown option (did you mean
 * \`urlToken\`?)`. Zod's own text says `Invalid input → at basic` for a union (`basic` is one pair
 * or a list), so union issues are resolved to the branch that matches the value's shape.
 */
export function describeOptionIssues(
  schema: Schema,
  input: unknown,
  issues: readonly Issue[],
  prefix: string,
): string[] {
  return issues.flatMap((issue) => describe(schema, input, issue, [], prefix));
}

function describe(schema: Schema, input: unknown, issue: Issue, base: Path, prefix: string): string[] {
  const path = [...base, ...issue.path];
  const name = path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    prefix,
  );
  const at = schemaAt(schema, issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_union': {
      const branches = options(at);
      // A branch that failed deeper than its root matched the value's shape: its issues are the useful ones.
      const matched = issue.errors
        .map((branchIssues, index) => ({ branchIssues, index }))
        .filter(({ branchIssues }) => !branchIssues.some(isRootTypeMismatch))
        .sort((a, b) => a.branchIssues.length - b.branchIssues.length)[0];
      const branch = matched === undefined ? undefined : branches[matched.index];
      if (matched === undefined || branch === undefined) {
        return [`${name}: expected ${expected(at)}, received ${received(value)}`];
      }
      return matched.branchIssues.flatMap((inner) => describe(branch, value, inner, path, prefix));
    }
    case 'unrecognized_keys': {
      const known = Object.keys(shapeOf(at) ?? {});
      return issue.keys.map((key) => `${name}.${key}: unknown option${suggestion(key, known)}`);
    }
    case 'invalid_type':
      return [`${name}: expected ${expected(at)}, received ${received(value)}`];
    case 'too_small': {
      // Zod reports the one union branch of the value's type directly (`origin`): describe that branch.
      const branch = options(at).find((option) => def(unwrap(option)).type === issue.origin) ?? at;
      if (issue.origin === 'number') {
        return [`${name}: expected a number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`];
      }
      return [`${name}: expected ${expected(branch)}, received ${received(value)}`];
    }
    default:
      // Zod's messages for the other issues name the rule, never the input.
      return [`${name}: ${issue.message}`];
  }
}

function isRootTypeMismatch(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
}

function def(schema: Schema | undefined): Record<string, unknown> & { type?: string } {
  return (schema?._zod.def ?? {}) as Record<string, unknown> & { type?: string };
}

/** Looks through wrappers (optional, nullable, default, pipe…) to the schema that checks the value. */
function unwrap(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const d = def(current);
    const inner = (d.innerType ?? (d.type === 'pipe' ? d.in : undefined)) as Schema | undefined;
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

function options(schema: Schema | undefined): Schema[] {
  const d = def(unwrap(schema));
  return d.type === 'union' ? (d.options as Schema[]) : [];
}

function shapeOf(schema: Schema | undefined): Record<string, Schema> | undefined {
  const d = def(unwrap(schema));
  return d.type === 'object' ? (d.shape as Record<string, Schema>) : undefined;
}

function schemaAt(schema: Schema, path: Path): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const key of path) {
    // Inside a union (`secret` or `[secret, …]`), follow the branch the key can belong to.
    const wanted = typeof key === 'number' ? 'array' : 'object';
    current = options(current).find((option) => def(unwrap(option)).type === wanted) ?? current;
    const d = def(unwrap(current));
    if (d.type === 'object') current = shapeOf(current)?.[String(key)];
    else if (d.type === 'array') current = d.element as Schema;
    else return undefined;
  }
  return current;
}

function valueAt(input: unknown, path: Path): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** What the schema accepts, in words. */
function expected(schema: Schema | undefined): string {
  const inner = unwrap(schema);
  const d = def(inner);
  const minimum = minimumOf(d);
  switch (d.type) {
    case 'string':
      return minimum !== undefined && minimum > 0 ? 'a non-empty string' : 'a string';
    case 'array': {
      const item = expected(d.element as Schema).replace(/^an? /, '');
      return `${minimum !== undefined && minimum > 0 ? 'a non-empty array' : 'an array'} of ${plural(item)}`;
    }
    case 'object':
      return `an object (${Object.keys(d.shape as object).join(', ')})`;
    case 'union':
      return (d.options as Schema[]).map(expected).join(' or ');
    case 'literal':
      return (d.values as unknown[]).map((v) => JSON.stringify(v)).join(' or ');
    case 'enum':
      return `one of ${Object.values(d.entries as object)
        .map((v) => JSON.stringify(v))
        .join(', ')}`;
    case 'number':
      return 'a number';
    default:
      return d.type === undefined ? 'a valid value' : `a ${d.type}`;
  }
}

/** The `.min()` of a string or array schema, read from its checks. */
function minimumOf(d: Record<string, unknown>): number | undefined {
  for (const check of (d.checks ?? []) as { _zod: { def: { check?: string; minimum?: unknown } } }[]) {
    const { check: kind, minimum } = check._zod.def;
    if (kind === 'min_length' && typeof minimum === 'number') return minimum;
  }
  return undefined;
}

function plural(noun: string): string {
  if (noun.startsWith('non-empty string')) return 'non-empty strings';
  if (noun.startsWith('string')) return 'strings';
  if (noun.startsWith('object')) return `objects${noun.slice('object'.length)}`;
  return noun;
}

/** The type of what was received: never the value itself. */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'undefined';
  return `a ${typeof value}`;
}
