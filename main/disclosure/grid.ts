// Primary and secondary suppression over a one-way "grid": members (table rows, bar categories, cards, funnel
// steps, scatter points) × columns (table columns, chart series). Every block but the two-way ones (cross-tabs and
// flows, see two-way.ts) is judged through this one function, so a bar and a table row follow the same rules.
import type { Figure } from '../../shared/decks';
import { isSize, memberBase, ownBase, type SlideMarks } from './marks';
import { partitionComplement } from './secondary';

export interface GridMember {
  label: string;
  /** One entry per column; null where the member has no figure. */
  figures: (Figure | null)[];
}

export interface Grid {
  members: GridMember[];
  columns: string[];
  /** Members are one population split into parts: secondary suppression applies. */
  partition: boolean;
  /** How a figure is named in the report: "NPS of Region = North". */
  describe: (member: number, column: number) => string;
  /** How a member is named in a reason: "Region = North". */
  name: (member: number) => string;
}

function figuresOf(m: GridMember): Figure[] {
  return m.figures.filter((f): f is Figure => f !== null);
}

/**
 * Shares of one common total: in a partition, a column of shares that all carry the same base (≥ 2 of them) reads
 * as "part of everyone" — the base is the whole, not the group — so each member's size is share × base. (When a
 * share's base is its group's size, as shared/decks.ts asks, the bases differ and nothing is implied; equal group
 * sizes by coincidence only make this stricter.)
 */
function impliedSizes(grid: Grid): Map<Figure, number> {
  const sizes = new Map<Figure, number>();
  if (!grid.partition) return sizes;
  grid.columns.forEach((_, c) => {
    const figs = grid.members.map((m) => m.figures[c]).filter((f): f is Figure => !!f && f.value !== null);
    if (figs.length < 2 || !figs.every((f) => f.format === 'share' && f.base !== undefined && f.base === figs[0].base)) return;
    for (const f of figs) sizes.set(f, Math.round(f.value! * f.base!));
  });
  return sizes;
}

/** Rule 1: figures, and whole groups, with fewer than k people behind them. */
function primary(grid: Grid, marks: SlideMarks): (number | null)[] {
  const sizes = impliedSizes(grid);
  const bases = grid.members.map((m) => memberBase(figuresOf(m), marks.slideBase, sizes));
  grid.members.forEach((m, i) => {
    const base = bases[i];
    m.figures.forEach((f, c) => {
      if (!f) return;
      if (base === null) return marks.mark(f, 'primary', grid.describe(i, c), 'no base is known for it, so it cannot be shown safely');
      // A small group withholds everything it says (rule 1 and rule 7: its p-values, ratios and decimals too).
      if (base < marks.k) return marks.mark(f, 'primary', grid.describe(i, c), marks.primaryReason());
      const own = sizes.get(f) ?? ownBase(f) ?? base;
      if (own < marks.k) marks.mark(f, 'primary', grid.describe(i, c), marks.primaryReason());
    });
  });
  return bases;
}

/** The first withheld figure of a member, for naming what a complement protects. */
function firstMarked(grid: Grid, marks: SlideMarks, i: number, sizeOnly: boolean): string {
  const m = grid.members[i];
  for (let c = 0; c < m.figures.length; c++) {
    const f = m.figures[c];
    if (f && marks.has(f) && (!sizeOnly || isSize(f))) return grid.describe(i, c);
  }
  return grid.name(i);
}

/** A member whose size is withheld: a count or share is, or everything it shows is. */
function sizeWithheld(m: GridMember, marks: SlideMarks): boolean {
  const figs = figuresOf(m);
  if (figs.length === 0) return false;
  return figs.some((f) => isSize(f) && marks.has(f)) || figs.every((f) => marks.has(f));
}

/** One pass of rule 2 over a partition; true when it withheld anything. */
function secondaryPass(grid: Grid, marks: SlideMarks, bases: (number | null)[]): boolean {
  let changed = false;
  // A withheld count of a member would come back from its share of the known total, and vice versa.
  grid.members.forEach((m, i) => {
    if (!m.figures.some((f) => f && isSize(f) && marks.has(f))) return;
    m.figures.forEach((f, c) => {
      if (f && isSize(f) && !marks.has(f)) {
        marks.mark(f, 'secondary', grid.describe(i, c), `protects ${firstMarked(grid, marks, i, true)} (it would follow from this value and the total)`);
        changed = true;
      }
    });
  });
  // Members: exactly one with its size withheld → withhold the smallest other member entirely.
  const pick = partitionComplement(
    grid.members.map((m, i) => ({
      base: bases[i] ?? 0,
      label: grid.name(i),
      withheld: sizeWithheld(m, marks),
      unavailable: figuresOf(m).every((f) => marks.has(f)),
    })),
  );
  if (pick !== null) {
    const lone = grid.members.findIndex((m) => sizeWithheld(m, marks));
    const protects = firstMarked(grid, marks, lone, false);
    grid.members[pick].figures.forEach((f, c) => {
      if (f && !marks.has(f)) marks.mark(f, 'secondary', grid.describe(pick, c), `protects ${protects} (it could be worked out from the total and the other groups)`);
    });
    changed = true;
  }
  // Columns of rates and means: exactly one withheld in a column → withhold the smallest other (the overall figure
  // is a weighted mean of the groups' figures).
  grid.columns.forEach((_, c) => {
    const cells = grid.members.map((m) => m.figures[c] ?? null);
    if (cells.every((f) => !f || isSize(f))) return;
    const pickC = partitionComplement(
      cells.map((f, i) => ({
        base: f ? (ownBase(f) ?? bases[i] ?? 0) : 0,
        label: grid.name(i),
        withheld: !!f && marks.has(f),
        unavailable: !f || f.value === null,
      })),
    );
    if (pickC === null) return;
    const lone = cells.findIndex((f) => !!f && marks.has(f));
    marks.mark(cells[pickC]!, 'secondary', grid.describe(pickC, c), `protects ${grid.describe(lone, c)} (it could be worked out from the overall figure and the other groups)`);
    changed = true;
  });
  return changed;
}

/** Judge a grid: primary suppression, then (for a partition) secondary suppression until nothing changes. */
export function judgeGrid(grid: Grid, marks: SlideMarks): void {
  const bases = primary(grid, marks);
  if (!grid.partition) return;
  while (secondaryPass(grid, marks, bases)) {
    /* repeat until stable */
  }
}
