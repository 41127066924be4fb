// The audited columns: the protected attributes as given, plus (with `intersect`) every combination of two or
// more of them. Pure functions on typed arrays, no I/O.
//
// Intersections are built from the codes, not from strings: the combined code is a mixed-radix number
// (the first attribute varies slowest), so the groups come out in the attributes' level order. A missing part
// (code −1) becomes "(missing)" in that part's name — the attribute's own "(missing)" level when it has one
// (missing = 'group'), else an extra level — so no row is dropped from an intersection for being partly unknown.
import { AppError } from '../../../shared/errors';
import type { CodedColumn } from './types';

export const MISSING_LEVEL = '(missing)';
export const INTERSECTION_SEPARATOR = ' × ';

/** More combined levels than this would mean mostly empty cells; the analyst should audit fewer attributes at once. */
const MAX_INTERSECTION_LEVELS = 1_000_000;

/** Every subset of 2+ indices of 0..k−1, smaller subsets first, then in attribute order (a×b, a×c, b×c, a×b×c). */
export function combinationsOf(k: number): number[][] {
  const out: number[][] = [];
  for (let size = 2; size <= k; size++) {
    const pick = (start: number, chosen: number[]): void => {
      if (chosen.length === size) {
        out.push([...chosen]);
        return;
      }
      for (let i = start; i < k; i++) pick(i + 1, [...chosen, i]);
    };
    pick(0, []);
  }
  return out;
}

/** The intersection of some attributes as one coded column (every row gets a code; empty combinations stay as levels with no rows). */
export function intersect(parts: readonly CodedColumn[], n: number): CodedColumn {
  // Per part: the code a missing value maps to, and how many codes the part has.
  const missingCode = parts.map((p) => {
    const own = p.levels.indexOf(MISSING_LEVEL);
    return own >= 0 ? own : p.levels.length;
  });
  const radix = parts.map((p, i) => (missingCode[i] === p.levels.length ? p.levels.length + 1 : p.levels.length));
  const total = radix.reduce((a, b) => a * b, 1);
  const name = parts.map((p) => p.name).join(INTERSECTION_SEPARATOR);
  if (total > MAX_INTERSECTION_LEVELS) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `The intersection ${name} would have ${total.toLocaleString('en-US')} groups; audit fewer protected attributes together, or bin the numeric ones more coarsely.`,
    );
  }
  const codes = new Int32Array(n);
  for (let j = 0; j < parts.length; j++) {
    const src = parts[j].codes;
    const r = radix[j];
    const miss = missingCode[j];
    for (let i = 0; i < n; i++) {
      const c = src[i];
      codes[i] = codes[i] * r + (c < 0 ? miss : c);
    }
  }
  const levels = new Array<string>(total);
  const partLevels = parts.map((p, j) => (radix[j] > p.levels.length ? [...p.levels, MISSING_LEVEL] : p.levels));
  for (let code = 0; code < total; code++) {
    let rest = code;
    const names = new Array<string>(parts.length);
    for (let j = parts.length - 1; j >= 0; j--) {
      names[j] = partLevels[j][rest % radix[j]];
      rest = Math.floor(rest / radix[j]);
    }
    levels[code] = names.join(INTERSECTION_SEPARATOR);
  }
  return { name, codes, levels };
}

/** The attributes followed by their intersections (when asked). */
export function auditedColumns(attributes: readonly CodedColumn[], n: number, withIntersections: boolean): CodedColumn[] {
  if (!withIntersections || attributes.length < 2) return [...attributes];
  return [...attributes, ...combinationsOf(attributes.length).map((idx) => intersect(idx.map((i) => attributes[i]), n))];
}
