/**
 * Reorders the keys of JSON objects (at every depth) without touching anything else: strings and
 * numbers keep their exact source text, so a 30-digit id stays a 30-digit id. Array order is data,
 * so it is kept. Only for well-formed JSON (the fixtures).
 */
type JsonNode =
  | { kind: 'object'; entries: [key: string, value: JsonNode][] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'raw'; text: string };

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

export function reorderJson(text: string, random: () => number): string {
  const parser = { text, at: 0 };
  const node = parseValue(parser);
  skipSpace(parser);
  if (parser.at !== text.length) throw new Error('trailing text after JSON');
  return serialize(node, random);
}

function serialize(node: JsonNode, random: () => number): string {
  if (node.kind === 'raw') return node.text;
  if (node.kind === 'array') return `[${node.items.map((item) => serialize(item, random)).join(',')}]`;
  const entries = shuffle(node.entries, random);
  return `{${entries.map(([key, value]) => `${key}:${serialize(value, random)}`).join(',')}}`;
}

interface Parser {
  text: string;
  at: number;
}

function skipSpace(parser: Parser): void {
  while (/\s/.test(parser.text[parser.at] ?? '')) parser.at++;
}

function consume(parser: Parser, char: string): void {
  skipSpace(parser);
  if (parser.text[parser.at] !== char) throw new Error(`expected ${char} at ${parser.at}`);
  parser.at++;
}

function parseValue(parser: Parser): JsonNode {
  skipSpace(parser);
  const char = parser.text[parser.at];
  if (char === '{') {
    parser.at++;
    const entries: [string, JsonNode][] = [];
    skipSpace(parser);
    if (parser.text[parser.at] === '}') {
      parser.at++;
      return { kind: 'object', entries };
    }
    for (;;) {
      skipSpace(parser);
      const key = parseString(parser);
      consume(parser, ':');
      entries.push([key, parseValue(parser)]);
      skipSpace(parser);
      if (parser.text[parser.at] === '}') {
        parser.at++;
        return { kind: 'object', entries };
      }
      consume(parser, ',');
    }
  }
  if (char === '[') {
    parser.at++;
    const items: JsonNode[] = [];
    skipSpace(parser);
    if (parser.text[parser.at] === ']') {
      parser.at++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(parseValue(parser));
      skipSpace(parser);
      if (parser.text[parser.at] === ']') {
        parser.at++;
        return { kind: 'array', items };
      }
      consume(parser, ',');
    }
  }
  if (char === '"') return { kind: 'raw', text: parseString(parser) };
  const scalar = /^[^\s,\]}]+/.exec(parser.text.slice(parser.at))?.[0];
  if (scalar === undefined) throw new Error(`unexpected ${char} at ${parser.at}`);
  parser.at += scalar.length;
  return { kind: 'raw', text: scalar };
}

/** The string token's exact source text, quotes and escapes included. */
function parseString(parser: Parser): string {
  const start = parser.at;
  if (parser.text[start] !== '"') throw new Error(`expected a string at ${start}`);
  let at = start + 1;
  while (parser.text[at] !== '"') {
    if (at >= parser.text.length) throw new Error('unterminated string');
    at += parser.text[at] === '\\' ? 2 : 1;
  }
  parser.at = at + 1;
  return parser.text.slice(start, parser.at);
}
