// Secondary (complementary) suppression: which further values must be withheld so that a withheld value cannot be
// worked out from the values that remain and the totals everyone knows. Pure functions over numbers; the block
// walkers in suppress-blocks.ts map slide blocks onto them.
//
// The attacker model is linear: every partition's total is known (shown, or the dataset size), so each partition
// is one equation "sum of its members = total". A withheld value is recoverable exactly when it is determined by
// those equations and the shown values.
// - One partition (a table's rows, a bar chart's categories): one equation, so a withheld value is determined only
//   when it is the *only* unknown. Two or more withheld members protect each other.
// - A two-way table (cross-tab, flow links): one equation per row and per column. Withheld cells form a bipartite
//   graph (row nodes, column nodes, an edge per withheld cell); the unknowns the equations leave free are exactly
//   the graph's cycles, so a withheld cell is determined exactly when its edge lies on no cycle (a *bridge*).
//   "At least two withheld per line" removes degree-1 edges but not every bridge (two cycles joined by one cell),
//   so bridges are searched and broken too.

/** A member of a one-way partition: its size decides which member is the cheapest complement. */
export interface PartitionMember {
  /** People behind the member (its size); the smallest is withheld as the complement. */
  base: number;
  label: string;
  /** Already withheld (primary, or secondary by an earlier pass). */
  withheld: boolean;
  /** The member has nothing to withhold (no figure in this column): it cannot serve as a complement. */
  unavailable?: boolean;
}

/** Index order for choosing complements: smallest base first, then label, then position (deterministic). */
function cheaper(a: { base: number; label: string; i: number }, b: { base: number; label: string; i: number }): number {
  if (a.base !== b.base) return a.base - b.base;
  if (a.label !== b.label) return a.label < b.label ? -1 : 1;
  return a.i - b.i;
}

/**
 * The member to withhold next in a partition, or null when it needs nothing (or has no member left):
 * - exactly one member withheld → a second (else it is the total minus the others);
 * - two or more withheld whose sizes add up to fewer than `minCell` people → one more: the withheld members'
 *   combined value is itself the total minus the others, and a combined group of, say, 3 + 4 = 7 people is as
 *   small as the groups it hides (ONS practice: the sum of suppressed cells must not be disclosive either).
 */
export function partitionComplement(members: readonly PartitionMember[], minCell = 0): number | null {
  let withheld = 0;
  let withheldSize = 0;
  for (const m of members) {
    if (!m.withheld) continue;
    withheld++;
    withheldSize += m.base;
  }
  if (withheld === 0 || (withheld >= 2 && withheldSize >= minCell)) return null;
  let best: { base: number; label: string; i: number } | null = null;
  members.forEach((m, i) => {
    if (m.withheld || m.unavailable) return;
    const c = { base: m.base, label: m.label, i };
    if (!best || cheaper(c, best) < 0) best = c;
  });
  return best ? (best as { i: number }).i : null;
}

// ------------------------------------------------------------------ two-way tables

export interface GridCell {
  row: number;
  col: number;
  /** The count (its size); null = not a figure (never withheld, never a complement, known). */
  base: number | null;
  label: string;
  withheld: boolean;
}

export interface GridComplement {
  cell: number;
  /** The withheld cell this one protects. */
  protects: number;
  why: 'line' | 'bridge';
}

/**
 * One complement for the first line (row, then column) with exactly one withheld cell, or false when none has.
 * Among the line's cells, one whose crossing line also has exactly one withheld cell is preferred (it protects
 * two lines at once, the usual way to keep complementary suppression small), then the smallest.
 */
function lineComplement(cells: GridCell[], lines: number[][], crossing: (cell: number) => number[], out: GridComplement[]): boolean {
  for (const members of lines) {
    const withheld = members.filter((i) => cells[i].withheld);
    if (withheld.length !== 1) continue;
    let best: { single: boolean; base: number; label: string; i: number } | null = null;
    for (const i of members) {
      const c = cells[i];
      if (c.withheld || c.base === null) continue;
      const cand = { single: crossing(i).filter((j) => cells[j].withheld).length === 1, base: c.base, label: c.label, i };
      if (!best || (cand.single !== best.single ? cand.single : cheaper(cand, best) < 0)) best = cand;
    }
    if (!best) continue;
    cells[best.i].withheld = true;
    out.push({ cell: best.i, protects: withheld[0], why: 'line' });
    return true;
  }
  return false;
}

/** Bridges of the withheld-cell graph (row node r, column node R + c), as cell indices. Iterative Tarjan. */
export function withheldBridges(cells: readonly GridCell[], rows: number, cols: number): number[] {
  const nodes = rows + cols;
  const adj: { to: number; cell: number }[][] = Array.from({ length: nodes }, () => []);
  cells.forEach((c, i) => {
    if (!c.withheld) return;
    adj[c.row].push({ to: rows + c.col, cell: i });
    adj[rows + c.col].push({ to: c.row, cell: i });
  });
  const order = new Array<number>(nodes).fill(-1);
  const low = new Array<number>(nodes).fill(0);
  const bridges: number[] = [];
  let counter = 0;
  for (let start = 0; start < nodes; start++) {
    if (order[start] !== -1) continue;
    // Stack frames: node, the cell (edge) it was entered by, next adjacency index.
    const stack: { node: number; via: number; next: number }[] = [{ node: start, via: -1, next: 0 }];
    order[start] = low[start] = counter++;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < adj[top.node].length) {
        const { to, cell } = adj[top.node][top.next++];
        if (cell === top.via) continue;
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push({ node: to, via: cell, next: 0 });
        } else low[top.node] = Math.min(low[top.node], order[to]);
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.node] = Math.min(low[parent.node], low[top.node]);
          if (low[top.node] > order[parent.node]) bridges.push(top.via);
        }
      }
    }
  }
  return bridges.sort((a, b) => a - b);
}

/**
 * The cheapest path of cells from column node `from` to row node `to` that avoids cell `skip`: withheld cells cost
 * nothing, others their base + 1 (fewer and smaller cells first). Dijkstra on a graph of a few hundred nodes.
 * Returns the cells on the path, or null when none exists (the cell is then the only link of a node: it equals a
 * total and no suppression elsewhere can hide it).
 */
function cheapestPath(cells: readonly GridCell[], rows: number, cols: number, from: number, to: number, skip: number): number[] | null {
  const nodes = rows + cols;
  const adj: { to: number; cell: number }[][] = Array.from({ length: nodes }, () => []);
  cells.forEach((c, i) => {
    if (i === skip || c.base === null) return;
    adj[c.row].push({ to: rows + c.col, cell: i });
    adj[rows + c.col].push({ to: c.row, cell: i });
  });
  const dist = new Array<number>(nodes).fill(Infinity);
  const via = new Array<number>(nodes).fill(-1);
  const prev = new Array<number>(nodes).fill(-1);
  const done = new Array<boolean>(nodes).fill(false);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    for (let n = 0; n < nodes; n++) if (!done[n] && dist[n] < Infinity && (u === -1 || dist[n] < dist[u])) u = n;
    if (u === -1) return null;
    if (u === to) break;
    done[u] = true;
    for (const e of adj[u]) {
      const c = cells[e.cell];
      const d = dist[u] + (c.withheld ? 0 : (c.base ?? 0) + 1);
      if (d < dist[e.to]) {
        dist[e.to] = d;
        via[e.to] = e.cell;
        prev[e.to] = u;
      }
    }
  }
  const path: number[] = [];
  for (let n = to; n !== from; n = prev[n]) path.push(via[n]);
  return path;
}

/**
 * Complements for a two-way table whose every row total and column total is known. Mutates `withheld` on the
 * cells it picks and returns them in the order chosen. Terminates: each step withholds one more cell.
 */
export function gridComplements(cells: GridCell[], rows: number, cols: number): GridComplement[] {
  const out: GridComplement[] = [];
  const rowLines: number[][] = Array.from({ length: rows }, () => []);
  const colLines: number[][] = Array.from({ length: cols }, () => []);
  cells.forEach((c, i) => {
    rowLines[c.row].push(i);
    colLines[c.col].push(i);
  });
  for (;;) {
    if (lineComplement(cells, rowLines, (i) => colLines[cells[i].col], out)) continue;
    if (lineComplement(cells, colLines, (i) => rowLines[cells[i].row], out)) continue;
    let fixed = false;
    for (const bridge of withheldBridges(cells, rows, cols)) {
      // A path of cells from the bridge's column back to its row closes a cycle through it: withhold the cheapest.
      const b = cells[bridge];
      const path = cheapestPath(cells, rows, cols, rows + b.col, b.row, bridge);
      if (!path) continue;
      for (const i of path) {
        if (cells[i].withheld) continue;
        cells[i].withheld = true;
        out.push({ cell: i, protects: bridge, why: 'bridge' });
        fixed = true;
      }
      if (fixed) break;
    }
    if (!fixed) return out;
  }
}
