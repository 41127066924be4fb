// The attacker the disclosure tests play: given what a disclosed table shows and the totals everyone knows, which
// withheld values can be worked out? Two attacks, both independent of the module under test:
// - differenceAttack: the one a reader does by hand — in every row, column and total (each a "line" whose sum is
//   known), when exactly one value is missing, it is the total minus the others; repeated, since a recovered value
//   may open another line. Shares of a known total are turned into counts first (share × total).
// - linearAttack: the complete one — a withheld value is recoverable exactly when it is determined by the line
//   equations, i.e. when its unit vector lies in the row space of the equations restricted to the unknowns (rank
//   test by Gaussian elimination). This catches combinations no single line shows (a bridge between two blocks of
//   withheld cells in a cross-tab).
// Both return the indices of the recovered cells; a safe output recovers none.

export interface Lines {
  /** The true value of every cell (the attacker knows the line totals, computed from these). */
  values: number[];
  /** What the output shows: a number, or null when withheld. */
  shown: (number | null)[];
  /** Each line: the cell indices whose sum is known. */
  lines: number[][];
}

export function differenceAttack({ values, shown, lines }: Lines): number[] {
  const known = shown.map((v) => v);
  const recovered = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const missing = line.filter((i) => known[i] === null);
      if (missing.length !== 1) continue;
      const total = line.reduce((s, i) => s + values[i], 0);
      const others = line.reduce((s, i) => s + (known[i] ?? 0), 0);
      known[missing[0]] = total - others;
      recovered.add(missing[0]);
      changed = true;
    }
  }
  return [...recovered].sort((a, b) => a - b);
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => r.slice());
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let p = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[p][c])) p = i;
    if (Math.abs(m[p][c]) < 1e-9) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i][c] / m[r][c];
      if (f !== 0) for (let j = c; j < cols; j++) m[i][j] -= f * m[r][j];
    }
    r++;
  }
  return r;
}

export function linearAttack({ shown, lines }: Lines): number[] {
  const unknown = shown.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  if (unknown.length === 0) return [];
  const col = new Map(unknown.map((u, j) => [u, j]));
  const a = lines.map((line) => {
    const row = new Array<number>(unknown.length).fill(0);
    for (const i of line) if (col.has(i)) row[col.get(i)!] = 1;
    return row;
  });
  const base = rank(a);
  return unknown.filter((u) => {
    const e = new Array<number>(unknown.length).fill(0);
    e[col.get(u)!] = 1;
    return rank([...a, e]) === base;
  });
}

/** Lines of an R × C table: every row, every column and the grand total. Cell (r, c) is index r * C + c. */
export function tableLines(rows: number, cols: number): number[][] {
  const lines: number[][] = [];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => r * cols + c));
  for (let c = 0; c < cols; c++) lines.push(Array.from({ length: rows }, (_, r) => r * cols + c));
  lines.push(Array.from({ length: rows * cols }, (_, i) => i));
  return lines;
}
