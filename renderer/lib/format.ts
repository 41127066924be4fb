// Number, size and date formatting for display. Pure functions (unit-tested); never used to round stored data.

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Counts: 1,234,567. */
export function formatCount(n: number): string {
  return INTEGER.format(n);
}

/** Statistics: enough significant digits to compare, no float noise (0.30000000000000004 → 0.3). */
export function formatStat(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return INTEGER.format(n);
  if (abs >= 1e6) return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
  if (abs >= 100) return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
  if (abs >= 1) return new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(n);
  if (abs === 0) return '0';
  if (abs < 0.0001) return n.toExponential(2);
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(n);
}

/** A min/max that may be a number or an ISO date string. */
export function formatValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'number' ? formatStat(v) : v;
}

/** Percentages with one decimal, but never "0.0%" for a non-zero share or "100.0%" for less than all. */
export function formatPct(pct: number): string {
  if (pct > 0 && pct < 0.1) return '<0.1%';
  if (pct < 100 && pct > 99.9) return '>99.9%';
  return `${pct.toFixed(pct === 0 || pct === 100 ? 0 : 1)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** Local date and time for an ISO timestamp, e.g. "12 Mar 2025, 14:05"; the input when it does not parse. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Histogram bin edges, compact: "10–20", "1.5k–2k". */
export function formatRange(from: number, to: number): string {
  return `${formatCompact(from)}–${formatCompact(to)}`;
}

export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1000) return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  return formatStat(n);
}

export function delimiterLabel(d: string): string {
  switch (d) {
    case ',':
      return 'Comma (,)';
    case ';':
      return 'Semicolon (;)';
    case '\t':
      return 'Tab';
    case '|':
      return 'Pipe (|)';
    default:
      return JSON.stringify(d);
  }
}

export function encodingLabel(e: string): string {
  switch (e) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 with BOM';
    case 'windows-1252':
      return 'Windows-1252 (Latin-1)';
    default:
      return e;
  }
}
