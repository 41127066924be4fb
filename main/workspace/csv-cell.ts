// One CSV cell for every CSV the main process writes (assignments, the activity log, dataset exports): RFC 4180
// quoting when needed, and formula injection defused. A text that a spreadsheet would run as a formula — one
// starting with = + - @ (also after leading spaces, which spreadsheets skip) or with a tab or carriage return —
// gets a leading ' so it is shown as text and never executed (OWASP "CSV injection"). Numbers are not text: a
// negative number stays -2; only the TEXT "-2" is defused. renderer/views/audit/csv.ts applies the same rule
// (the renderer may not import from main/).

const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

/** One CSV cell: numbers as written, text quoted when needed and defused against formula injection. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
