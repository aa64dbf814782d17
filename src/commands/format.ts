/** Output formats for records printed by the CLI: an aligned table for people, JSON/JSONL/CSV for tools. */

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'jsonl', 'csv'];

type Cell = string | number | boolean | null | undefined | readonly string[];

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

function csvCell(v: Cell): string {
  const s = cellText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Display width of a string, counting each code point as one column (enough for Cyrillic and Latin). */
const width = (s: string): number => [...s].length;

function truncate(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export interface TableColumn<T> {
  header: string;
  value: (row: T) => Cell;
  /** Maximum width in columns; longer values are cut with an ellipsis. */
  max?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly TableColumn<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => truncate(cellText(c.value(r)), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i] ?? ''))));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(v))))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function renderRecords<T extends object>(rows: readonly T[], format: OutputFormat, columns: readonly TableColumn<T>[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'jsonl':
      return rows.map((r) => JSON.stringify(r)).join('\n');
    case 'csv': {
      const keys = rows.length > 0 ? Object.keys(rows[0] as object) : columns.map((c) => c.header);
      const body = rows.map((r) => keys.map((k) => csvCell((r as Record<string, Cell>)[k])).join(','));
      return [keys.join(','), ...body].join('\n');
    }
    case 'table':
      return rows.length === 0 ? '(no articles)' : renderTable(rows, columns);
  }
}
