// Primary and secondary suppression over a one-way "grid": members (table rows, bar categories, cards, funnel
// steps, scatter points) × columns (table columns, chart series). Every block but the two-way ones (cross-tabs and
// flows, see two-way.ts) is judged through this one function, so a bar and a table row follow the same rules.
import type { Figure } from '../../shared/decks';
import { isSmall, memberBase, ownBase, type SlideMarks } from './marks';
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
  /** Figures standing alone (a figures block): a count without a base counts things, not people. */
  lone?: boolean;
  /** Members are named groups (rows, bars, cards, steps, points): a group withheld in one block of a slide is
   * withheld in the others that name it too. */
  groups?: boolean;
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
 * A group is withheld as a whole: its figures are often functions of each other (an NPS of its promoters,
 * detractors and answers; a share of a count and a base; a drop-off of two stage counts), so one withheld figure
 * left among the others shown could be worked back. Returns the members withheld.
 */
function closeMembers(j: Judged): boolean[] {
  const { grid, marks } = j;
  return grid.members.map((m, i) => {
    const c = m.figures.findIndex((f) => !!f && marks.has(f));
    if (c < 0) return false;
    const what = grid.describe(i, c);
    m.figures.forEach((f, cc) => {
      if (f && !marks.has(f)) marks.mark(f, 'secondary', grid.describe(i, cc), `withheld with ${what} (the group's other figures could give it back)`);
    });
    return true;
  });
}

/**
 * Rule 2: in a partition, exactly one member withheld → the smallest other member goes too; and while the withheld
 * members together hold fewer than k people, one more; until stable.
 */
function complementMembers(j: Judged, withheld: boolean[]): void {
  const { grid, marks } = j;
  for (;;) {
    const pick = partitionComplement(
      grid.members.map((m, i) => ({ base: j.bases[i] ?? 0, label: grid.name(i), withheld: withheld[i], unavailable: figuresOf(m).every((f) => f.value === null) })),
      marks.k,
    );
    if (pick === null) return;
    const lone = withheld.indexOf(true);
    const c = grid.members[lone].figures.findIndex((f) => !!f && marks.get(f)?.kind === 'primary');
    const what = c >= 0 ? grid.describe(lone, c) : grid.name(lone);
    grid.members[pick].figures.forEach((f, cc) => {
      if (f && !marks.has(f)) marks.mark(f, 'secondary', grid.describe(pick, cc), `protects ${what} (it could be worked out from the total and the other groups)`);
    });
    withheld[pick] = true;
  }
}

export interface GridState extends Judged {
  withheld: boolean[];
}

/** Judge a grid: primary suppression, whole groups, then (for a partition) complements. */
export function judgeGrid(grid: Grid, marks: SlideMarks): GridState {
  const sizes = impliedSizes(grid);
  const j: Judged = { grid, marks, sizes, bases: grid.members.map((m) => memberBase(figuresOf(m), marks.slideBase, sizes, grid.lone)) };
  primary(j);
  const withheld = closeMembers(j);
  if (grid.partition) complementMembers(j, withheld);
  return { ...j, withheld };
}

/** The labels of the groups a judged grid withholds. */
export function withheldLabels(state: GridState): string[] {
  return state.grid.members.filter((_, i) => state.withheld[i]).map((m) => m.label);
}

/**
 * Withhold the groups named `labels` (withheld by another block of the slide: a group shown in one block would give
 * back what another withheld), then complements again; true when anything changed.
 */
export function withholdLabels(state: GridState, labels: ReadonlySet<string>): boolean {
  const { grid, marks } = state;
  let changed = false;
  grid.members.forEach((m, i) => {
    if (state.withheld[i] || !labels.has(m.label) || figuresOf(m).length === 0) return;
    m.figures.forEach((f, c) => {
      if (f && !marks.has(f)) marks.mark(f, 'secondary', grid.describe(i, c), `withheld with ${m.label} in another table or chart of the same result (it could give it back)`);
    });
    state.withheld[i] = true;
    changed = true;
  });
  if (changed && grid.partition) complementMembers(state, state.withheld);
  return changed;
}
