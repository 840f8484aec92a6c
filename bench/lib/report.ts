/** One measured figure: what `--json` prints, one object per line. */
export interface Row {
  name: string;
  value: number | null;
  unit: string;
  /** The baseline's figure measured in the same run (same unit), when there is one. */
  baseline: number | null;
  /** Median over rounds of value / baseline (each round pairs runs made back to back). */
  ratio: number | null;
  /** `ratio >= 0.9`, `value >= 200000`, `value <= 500`, or null (reported, not judged). */
  target: string | null;
}

/** Table-only details that are not part of the JSON line. */
export interface RowNotes {
  /** What the baseline is. */
  against?: string;
  note?: string;
}

export type NotedRow = Row & { notes?: RowNotes };

export type Verdict = 'pass' | 'MISS' | '' | 'n/a';

export function verdict(row: Row): Verdict {
  if (row.target === null) return '';
  const match = /^(ratio|value)\s*(>=|<=)\s*([\d.]+)$/.exec(row.target);
  if (match === null) return 'n/a';
  const actual = match[1] === 'ratio' ? row.ratio : row.value;
  if (actual === null || !Number.isFinite(actual)) return 'n/a';
  const bound = Number(match[3]);
  return (match[2] === '>=' ? actual >= bound : actual <= bound) ? 'pass' : 'MISS';
}

function number(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toPrecision(digits);
}

/** A Markdown table (readable in a terminal and pasteable into the README). */
export function table(rows: readonly NotedRow[], judge = true): string {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'result', 'baseline is / note'];
  const lines = rows.map((row) => [
    row.name,
    number(row.value),
    row.unit,
    number(row.baseline),
    row.ratio === null ? '–' : row.ratio.toFixed(2),
    row.target ?? '–',
    judge ? verdict(row) : '',
    [row.notes?.against, row.notes?.note].filter((part) => part !== undefined && part !== '').join('; '),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}

export function jsonLine(row: Row): string {
  const { name, value, unit, baseline, ratio, target } = row;
  return JSON.stringify({ name, value, unit, baseline, ratio, target });
}
