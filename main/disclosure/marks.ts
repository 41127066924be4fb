// The decisions of one slide, gathered before anything is changed: which figure is withheld, how, why, and
// under what name the report lists it. Deciding on the untouched numbers first and applying afterwards keeps the
// choice of complements independent of the order blocks are walked in.
import type { Figure, Suppression } from '../../shared/decks';

export interface Mark {
  kind: 'primary' | 'secondary';
  what: string;
  reason: string;
}

/** The numbers a withheld figure had, so slide text that repeats them can be withheld too (text-guard.ts). */
export interface WithheldNumber {
  value: number | null;
  format: Figure['format'];
  digits?: number;
  base?: number;
}

export class SlideMarks {
  private readonly marks = new Map<Figure, Mark>();
  private readonly order: Figure[] = [];
  /** Texts withheld or removed on this slide, reported as `removed`. */
  readonly removed: { what: string; reason: string }[] = [];

  constructor(
    readonly k: number,
    /** The slide source's base: the people behind figures that carry no base of their own. */
    readonly slideBase: number | null,
  ) {}

  has(f: Figure): boolean {
    return this.marks.has(f);
  }

  get(f: Figure): Mark | undefined {
    return this.marks.get(f);
  }

  /** Withhold a figure; the first decision stands (a primary mark is never downgraded). */
  mark(f: Figure, kind: Mark['kind'], what: string, reason: string): void {
    if (this.marks.has(f)) return;
    this.marks.set(f, { kind, what, reason });
    this.order.push(f);
  }

  primaryReason(): string {
    return `fewer than ${this.k} people`;
  }

  /**
   * Change every marked figure in place (the deck is a private copy): value and interval gone, base gone (a base
   * under k is itself the small number; a complement's base would give the withheld one away), `suppressed` set.
   * Returns the report lines and the numbers withheld.
   */
  commit(slide: number, slideTitle: string): { suppressed: Suppression[]; numbers: WithheldNumber[] } {
    const suppressed: Suppression[] = [];
    const numbers: WithheldNumber[] = [];
    for (const f of this.order) {
      const m = this.marks.get(f)!;
      // A base that is the slide's whole population (a share of all rows) says nothing about the withheld group.
      numbers.push({ value: f.value, format: f.format, digits: f.digits, base: f.base !== this.slideBase ? f.base : undefined });
      // A figure that had no value (nobody answered) is labelled withheld too, but is not counted as a value withheld.
      if (f.value !== null) suppressed.push({ slide, slideTitle, what: m.what, reason: m.kind === 'primary' ? m.reason : `secondary: ${m.reason}` });
      f.value = null;
      f.suppressed = m.kind;
      delete f.ci;
      delete f.base;
      delete f.roundedTo;
    }
    return { suppressed, numbers };
  }
}

/**
 * The people behind a figure when it says so: its base, or for a count without one inside a group (a row, a bar, a
 * link), the count itself — a count in a group is people unless it says otherwise. A lone count without a base (a
 * number of columns, of checks) is judged by the slide's base instead (`lone`).
 */
export function ownBase(f: Figure, lone = false): number | undefined {
  if (f.base !== undefined) return f.base;
  if (!lone && f.format === 'count' && f.value !== null) return f.value;
  return undefined;
}

/**
 * Fewer than k people, but not nobody: a group of 0 singles nobody out, and a count of 0 in a group of k or more
 * is shown, as in NHS and ONS small-number practice (which withholds 1 to k − 1).
 */
export function isSmall(people: number, k: number): boolean {
  return people > 0 && people < k;
}

/**
 * The size of a group (a row, a bar's category, a card, a step) from its figures: its largest count of people
 * (the group itself; smaller counts are parts of it, judged one by one), else its largest base, else the slide's
 * base; null when nothing says how many people it describes. `sizes` holds the group sizes implied by shares of a
 * common total (grid.ts), which count as counts.
 */
export function memberBase(figures: readonly Figure[], slideBase: number | null, sizes: ReadonlyMap<Figure, number> = new Map(), lone = false): number | null {
  let fromCounts: number | null = null;
  let fromBases: number | null = null;
  for (const f of figures) {
    if (f.value === null) continue;
    const b = sizes.get(f) ?? ownBase(f, lone);
    if (b === undefined) continue;
    if (f.format === 'count' || sizes.has(f)) fromCounts = fromCounts === null ? b : Math.max(fromCounts, b);
    else fromBases = fromBases === null ? b : Math.max(fromBases, b);
  }
  return fromCounts ?? fromBases ?? slideBase;
}
