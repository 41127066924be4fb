// Primary and secondary suppression over a one-way "grid": members (table rows, bar categories, cards, funnel
// steps, scatter points) × columns (table columns, chart series). Every block but the two-way ones (cross-tabs and
// flows, see two-way.ts) is judged through this one function, so a bar and a table row follow the same rules.
import type { Figure } from '../../shared/decks';
import { isSize, isSmall, memberBase, ownBase, type SlideMarks } from './marks';
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
  /** Each member is one lone figure (a figures block): a count without a base is judged by the slide's base. */
  lone?: boolean;
  /** How a figure is named in the report: "NPS of Region = North". */
  describe: (member: number, column: number) => string;
  /** How a member is named in a reason: "Region = North". */
  name: (member: number) => string;
}

interface Judged {
  grid: Grid;
  marks: SlideMarks;
  /** Group sizes implied by shares of a common total. */
  sizes: Map<Figure, number>;
  /** Each member's size (memberBase). */
  bases: (number | null)[];
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

/** Rule 1: figures, and whole groups, with fewer than k people behind them (or counted by them, for a share). */
function primary(j: Judged): void {
  const { grid, marks } = j;
  grid.members.forEach((m, i) => {
    const base = j.bases[i];
    m.figures.forEach((f, c) => {
      if (!f) return;
      if (base === null) return marks.mark(f, 'primary', grid.describe(i, c), 'no base is known for it, so it cannot be shown safely');
      // A small group withholds everything it says (rule 1 and rule 7: its p-values, ratios and decimals too).
      if (isSmall(base, marks.k)) return marks.mark(f, 'primary', grid.describe(i, c), marks.primaryReason());
      const own = j.sizes.get(f) ?? ownBase(f, grid.lone) ?? base;
      if (isSmall(own, marks.k)) return marks.mark(f, 'primary', grid.describe(i, c), marks.primaryReason());
      // A share of b people is a count too (share × b): a small one is withheld like the count it gives back.
      if (f.format === 'share' && f.value !== null && f.base !== undefined && isSmall(Math.round(f.value * f.base), marks.k)) {
        marks.mark(f, 'primary', grid.describe(i, c), `${marks.primaryReason()} in the share (share × base)`);
      }
    });
  });
}

/**
 * A share gives its count back (share × base), and a count its share: a member's share is withheld when its
 * numerator or its base is a count of the member that is withheld.
 */
function linkShares(j: Judged): boolean {
  const { grid, marks } = j;
  let changed = false;
  grid.members.forEach((m, i) => {
    const hidden = new Map<number, number>();
    m.figures.forEach((f, c) => {
      if (!f || !marks.has(f) || f.value === null) return;
      if (f.format === 'count') hidden.set(f.value, c);
      const size = j.sizes.get(f);
      if (size !== undefined) hidden.set(size, c);
    });
    if (hidden.size === 0) return;
    m.figures.forEach((f, c) => {
      if (!f || f.format !== 'share' || marks.has(f) || f.value === null || f.base === undefined) return;
      const via = hidden.get(Math.round(f.value * f.base)) ?? hidden.get(f.base);
      if (via === undefined) return;
      marks.mark(f, 'secondary', grid.describe(i, c), `protects ${grid.describe(i, via)} (it follows from this share and its base)`);
      changed = true;
    });
  });
  return changed;
}

/** A member whose size is withheld: its size count (or implied size) is, or everything it shows is. */
function sizeWithheld(j: Judged, i: number): boolean {
  const m = j.grid.members[i];
  const figs = figuresOf(m);
  if (figs.length === 0) return false;
  if (figs.every((f) => j.marks.has(f))) return true;
  return figs.some((f) => j.marks.has(f) && (f.format === 'count' || j.sizes.has(f)) && (j.sizes.get(f) ?? ownBase(f, j.grid.lone)) === j.bases[i]);
}

/** Rule 2 on members: exactly one with its size withheld → the smallest other member goes entirely. */
function memberComplement(j: Judged): boolean {
  const { grid, marks } = j;
  const withheld = grid.members.map((_, i) => sizeWithheld(j, i));
  const pick = partitionComplement(
    grid.members.map((m, i) => ({ base: j.bases[i] ?? 0, label: grid.name(i), withheld: withheld[i], unavailable: figuresOf(m).every((f) => marks.has(f)) })),
  );
  if (pick === null) return false;
  const lone = withheld.indexOf(true);
  const protects = grid.members[lone].figures.findIndex((f) => !!f && marks.has(f) && isSize(f));
  const what = protects >= 0 ? grid.describe(lone, protects) : grid.name(lone);
  grid.members[pick].figures.forEach((f, c) => {
    if (f && !marks.has(f)) marks.mark(f, 'secondary', grid.describe(pick, c), `protects ${what} (it could be worked out from the total and the other groups)`);
  });
  return true;
}

/**
 * Rule 2 on columns: exactly one withheld in a column → the smallest other in that column. Counts of a column
 * add up to a known total (promoters of every group = all promoters); a column of rates or means combines into
 * the overall figure, weighted by the groups' sizes.
 */
function columnComplements(j: Judged): boolean {
  const { grid, marks } = j;
  let changed = false;
  grid.columns.forEach((_, c) => {
    const cells = grid.members.map((m) => m.figures[c] ?? null);
    const pick = partitionComplement(
      cells.map((f, i) => ({
        base: f ? (j.sizes.get(f) ?? ownBase(f, grid.lone) ?? j.bases[i] ?? 0) : 0,
        label: grid.name(i),
        withheld: !!f && marks.has(f),
        unavailable: !f || f.value === null,
      })),
    );
    if (pick === null) return;
    const lone = cells.findIndex((f) => !!f && marks.has(f));
    const how = cells[pick]!.format === 'count' || cells[pick]!.format === 'share' ? 'the total and the other groups' : 'the overall figure and the other groups';
    marks.mark(cells[pick]!, 'secondary', grid.describe(pick, c), `protects ${grid.describe(lone, c)} (it could be worked out from ${how})`);
    changed = true;
  });
  return changed;
}

/** Judge a grid: primary suppression, then the share links and (for a partition) complements until stable. */
export function judgeGrid(grid: Grid, marks: SlideMarks): void {
  const sizes = impliedSizes(grid);
  const j: Judged = { grid, marks, sizes, bases: grid.members.map((m) => memberBase(figuresOf(m), marks.slideBase, sizes, grid.lone)) };
  primary(j);
  for (;;) {
    if (linkShares(j)) continue;
    if (!grid.partition) return;
    if (memberComplement(j)) continue;
    if (columnComplements(j)) continue;
    return;
  }
}
