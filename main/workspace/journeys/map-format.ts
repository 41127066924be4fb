// Number and duration wording shared by the seeded cards and the HTML export (fixed en-US digits so a map reads
// the same on every machine and tests can state exact texts).

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234 → "1,234". */
export function count(n: number): string {
  return INTEGER.format(n);
}

/** 0.1234 → "12.3%", 0.8 → "80%"; never "0%" for a non-zero share nor "100%" for less than all. */
export function percent(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 0.05) return '<0.1%';
  if (pct < 100 && pct >= 99.95) return '>99.9%';
  return `${Number(pct.toFixed(1))}%`;
}

/** A rating with as many decimals as its scale needs: 3.846 → "3.85" on 1–5, 7.5 → "7.5". */
export function rating(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

/** Seconds as the unit a workshop thinks in: "45 s", "12 min", "3.4 h", "2.1 days". */
export function duration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${trim1(s / 3600)} h`;
  const days = s / 86400;
  return `${trim1(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** NPS with its sign: 12 → "+12", −3.4 → "−3". */
export function signed(v: number): string {
  const r = Math.round(v);
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${-r}`;
  return '0';
}

function trim1(v: number): string {
  return String(Number(v.toFixed(1)));
}
