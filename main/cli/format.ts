// Plain-text rendering of command results for people; --json prints the result object instead.
import type { DatasetProfile, ImportResult } from '../../shared/domain';
import { pushAll } from '../../shared/extent';

/**
 * Text for a terminal: C0 controls (except newline, tab and the CR of a CRLF), DEL and C1 controls become visible
 * \xHH escapes, and bidirectional overrides \uHHHH, so a data value such as "\x1b]0;title\x07" or "\x1b[2J" can
 * neither retitle the window, clear the screen nor reorder what is shown. Every text the CLI prints goes through
 * this once (run.ts); --json needs nothing, JSON.stringify escapes controls itself.
 */
export function escapeControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
// A carriage return is escaped unless it ends a line (CRLF, as CSV output uses): alone it overwrites the line.
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function table(header: string[], rows: string[][]): string {
  // Loops, not Math.max(...column): a result can have hundreds of thousands of rows (300k journey steps).
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (r[i] ?? '').length);
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of rows) out.push(line(r));
  return out.join('\n');
}

export function fmtNumber(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : v.toPrecision(4).replace(/\.?0+$/, '');
}

export function formatImport(r: ImportResult): string {
  const lines = [
    `Imported ${r.rows.toLocaleString('en-US')} rows into dataset "${r.dataset}" (${r.encoding}, delimiter ${JSON.stringify(r.delimiter)}, ${r.seconds.toFixed(2)} s).`,
    r.rejectedRows ? `Rejected rows: ${r.rejectedRows}` : '',
    '',
    table(
      ['column', 'type', 'role', 'pii'],
      r.columns.map((c) => [c.name, c.type, c.role, c.piiAction === 'keep' ? '' : c.piiAction]),
    ),
  ];
  if (r.warnings.length) pushAll(lines, ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)]);
  return lines.filter((l, i) => l !== '' || i > 0).join('\n');
}

export function formatProfile(p: DatasetProfile): string {
  const lines = [
    `Dataset "${p.dataset}": ${p.rows.toLocaleString('en-US')} rows, ${p.columns.length} columns`,
    '',
    table(
      ['column', 'type', 'role', 'missing', 'distinct', 'min', 'max', 'mean', 'median'],
      p.columns.map((c) => [
        c.name,
        c.type,
        c.role,
        `${c.missing} (${c.missingPct.toFixed(1)}%)`,
        String(c.distinct),
        fmtNumber(c.min),
        fmtNumber(c.max),
        fmtNumber(c.mean),
        fmtNumber(c.median),
      ]),
    ),
    '',
    p.issues.length ? `Issues (${p.issues.length}):` : 'No data issues found.',
    ...p.issues.map((i) => `  [${i.severity}] ${i.column ? `${i.column}: ` : ''}${i.message}`),
  ];
  return lines.join('\n');
}
