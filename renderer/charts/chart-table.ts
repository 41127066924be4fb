// The numbers behind a chart, as a table anyone can read without seeing the chart: typed columns, rows of raw values,
// how each kind of value reads on screen and when copied (tab-separated, for a spreadsheet), and sorting. Every
// PlotlyChart must be given one (and a one-sentence summary), built by a pure function from the same data its traces
// come from (nps-tables.ts, driver-tables.ts, …). No React, no Plotly.
import { formatDuration } from '../views/journeys/figures';

/**
 * How a column's values read. `count`: whole numbers with separators; `number`: fixed decimals; `percent`: a share
 * already in percent (0–100); `signed`: a difference or an NPS with its sign ("+31.4", "−2.7"); `p`: a p-value
 * ("< 0.001"); `duration`: seconds in human units ("3.4 h"); `text`: as given.
 */
export type ColumnKind = 'text' | 'count' | 'number' | 'percent' | 'signed' | 'p' | 'duration';

export interface TableColumn {
  label: string;
  kind: ColumnKind;
  /** Decimals for number, percent and signed (defaults 2, 1, 1). */
  digits?: number;
}

export type Cell = string | number | null;

export interface ChartTableData {
  columns: TableColumn[];
  rows: Cell[][];
  /** Said above the table when it is not one row per mark (a scatter's per-segment summary), or what is left out. */
  note?: string;
}

const MINUS = '\u2212';

function grouped(v: number, digits: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function defaultDigits(kind: ColumnKind): number {
  return kind === 'number' ? 2 : kind === 'percent' || kind === 'signed' ? 1 : 0;
}

/** The value as the table shows it ("—" for no value). */
export function displayCell(v: Cell, c: TableColumn): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  const d = c.digits ?? defaultDigits(c.kind);
  switch (c.kind) {
    case 'count':
      return grouped(Math.round(v), 0);
    case 'percent': {
      // Never "0.0%" for a share above 0, as the charts' labels.
      const floor = 10 ** -d;
      if (v > 0 && v < floor) return `<${floor.toFixed(d)}%`;
      return `${grouped(v, d)}%`;
    }
    case 'signed': {
      const r = Number(v.toFixed(d));
      const s = grouped(Math.abs(r), d);
      return r > 0 ? `+${s}` : r < 0 ? `${MINUS}${s}` : grouped(0, d);
    }
    case 'p':
      if (v < 0.001) return '< 0.001';
      if (v >= 0.995) return '1.00';
      return v.toFixed(v < 0.1 ? 3 : 2);
    case 'duration':
      return formatDuration(v);
    case 'number':
      return grouped(v, d);
    default:
      return String(v);
  }
}

/** The value as copied: plain digits a spreadsheet reads (no separators, ASCII minus, no %), text without tabs. */
export function copyCell(v: Cell, c: TableColumn): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.replace(/[\t\r\n]+/g, ' ');
  if (!Number.isFinite(v)) return '';
  const d = c.digits ?? defaultDigits(c.kind);
  switch (c.kind) {
    case 'count':
      return String(Math.round(v));
    case 'p':
      // Full precision where the screen says "< 0.001": three significant digits.
      return Number(v.toPrecision(3)).toString();
    case 'duration':
      return String(Math.round(v * 1000) / 1000);
    case 'text':
      return String(v);
    default: {
      const s = v.toFixed(d);
      return Number(s) === 0 ? (0).toFixed(d) : s;
    }
  }
}

/** A column's header when copied: the unit in words where the cells drop it. */
export function copyHeader(c: TableColumn): string {
  if (c.kind === 'percent') return `${c.label} (%)`;
  if (c.kind === 'duration') return `${c.label} (seconds)`;
  return c.label;
}

/** Tab-separated text with a header row, rows in the given order. */
export function toTsv(table: ChartTableData, rows: Cell[][] = table.rows): string {
  const head = table.columns.map(copyHeader).join('\t');
  const body = rows.map((r) => table.columns.map((c, i) => copyCell(r[i] ?? null, c)).join('\t'));
  return [head, ...body].join('\n');
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: number;
  direction: SortDirection;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Rows sorted by one column (numbers by value, text in natural order); empty cells last either way; ties keep their order. */
export function sortRows(rows: Cell[][], sort: SortState | null): Cell[][] {
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[sort.column] ?? null;
      const y = b.row[sort.column] ?? null;
      const xEmpty = x === null || x === '' || (typeof x === 'number' && !Number.isFinite(x));
      const yEmpty = y === null || y === '' || (typeof y === 'number' && !Number.isFinite(y));
      if (xEmpty || yEmpty) return xEmpty === yEmpty ? a.i - b.i : xEmpty ? 1 : -1;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return cmp === 0 ? a.i - b.i : sign * cmp;
    })
    .map((r) => r.row);
}

/** Ascending, then descending, then the chart's own order again. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

/** Whether a column's cells line up on the right (numbers) or the left (text). */
export function isNumeric(c: TableColumn): boolean {
  return c.kind !== 'text';
}

// ------------------------------------------------------------------ words for the summaries

export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "1 answer", "3,000 answers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listWords(items: readonly string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Whole percent of a share (0–100), never "0%" for a share above 0: "41%", "<1%". */
export function wholePct(pct: number): string {
  if (pct > 0 && pct < 0.5) return '<1%';
  if (pct < 100 && pct > 99.5) return '>99%';
  return `${Math.round(pct)}%`;
}

/** A number with its sign and a true minus, `digits` decimals: "+16", "−4.2". */
export function signedNumber(v: number, digits = 0): string {
  return displayCell(v, { label: '', kind: 'signed', digits });
}

/** Indexes of the largest and smallest finite values (first on ties); null when none. */
export function extremes(values: (number | null | undefined)[]): { max: number; min: number } | null {
  let max = -1;
  let min = -1;
  values.forEach((v, i) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (max < 0 || v > values[max]!) max = i;
    if (min < 0 || v < values[min]!) min = i;
  });
  return max < 0 ? null : { max, min };
}
