// Per-group NPS, the comparisons with a reference, and the test across groups. Pure functions, no I/O.
//
// Which test: with exactly two groups that have answers, the z test of their NPS difference (compare.ts); with
// three or more, the chi-square test of independence of group and category (promoter / passive / detractor),
// then each group against the reference with Holm-adjusted p-values. Groups without answers are listed (n 0,
// NPS null) but take part in no test; groups under the minimum n are flagged small and still tested.
import type { NpsComparison, NpsGroup, NpsTest } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { chiSquareIndependence, compareNps, holm, type Difference } from './compare';
import { MISSING_GROUP, type Grouping } from './grouping';
import { countsOf, summarize, totalOf, type NpsCounts } from './summary';
import { count, levelText, pText, signedPoints } from './words';

export interface TalliedGroup {
  label: string;
  counts: NpsCounts;
  group: NpsGroup;
}

/** Groups in output order: by size (largest first, ties by label) or in the labels' order; "(missing)" last; leftovers without answers dropped. */
export function tallyGroups(tallies: Float64Array, grouping: Grouping, z: number, minN: number): TalliedGroup[] {
  const drop = new Set(grouping.dropWhenEmpty ?? []);
  const out = grouping.labels
    .map((label, g) => {
      const counts = countsOf(tallies, g * 11);
      const summary = summarize(counts, z);
      return { label, counts, group: { group: label, ...summary, small: summary.n < minN } };
    })
    .filter((t) => t.group.n > 0 || !drop.has(t.label));
  const rank = (t: TalliedGroup) => (t.label === MISSING_GROUP ? 1 : 0);
  if (grouping.order === 'size') {
    out.sort((a, b) => rank(a) - rank(b) || b.group.n - a.group.n || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  } else {
    const idx = new Map(grouping.labels.map((l, i) => [l, i]));
    out.sort((a, b) => rank(a) - rank(b) || idx.get(a.label)! - idx.get(b.label)!);
  }
  return out;
}

/** The reference: the named group, else the largest group with answers (the first listed on a tie). */
export function pickReference(groups: TalliedGroup[], wanted: string | undefined): TalliedGroup | null {
  if (wanted !== undefined) {
    const hit = groups.find((g) => g.label === wanted);
    if (!hit) {
      throw new AppError('BAD_ARGUMENTS', `There is no group "${wanted}" to compare against. Groups: ${groups.map((g) => `"${g.label}"`).join(', ')}.`, { reference: wanted });
    }
    if (hit.group.n === 0) throw new AppError('BAD_ARGUMENTS', `Group "${wanted}" has no answers, so nothing can be compared with it; choose another reference.`, { reference: wanted });
    return hit;
  }
  let best: TalliedGroup | null = null;
  for (const g of groups) if (g.group.n > 0 && (!best || g.group.n > best.group.n)) best = g;
  return best;
}

export function toComparison(d: Difference, pAdjusted: number, level: number): NpsComparison {
  return { difference: d.difference, ci: d.ci, pValue: d.pValue, pAdjusted, significant: pAdjusted < 1 - level };
}

/** Fill vsReference (Holm over the groups compared) and return the comparisons made. */
export function compareWithReference(groups: TalliedGroup[], reference: TalliedGroup, z: number, level: number): void {
  const made: { g: TalliedGroup; d: Difference }[] = [];
  for (const g of groups) {
    if (g === reference) continue;
    const d = compareNps(g.counts, reference.counts, z);
    if (d) made.push({ g, d });
  }
  const adjusted = holm(made.map((m) => m.d.pValue));
  made.forEach((m, i) => (m.g.group.vsReference = toComparison(m.d, adjusted[i], level)));
}

const npsText = (g: TalliedGroup) => signedPoints(g.group.nps ?? 0);

/** The test across the groups with answers (null below two), with its plain-words note. */
export function testAcrossGroups(
  groups: TalliedGroup[],
  reference: TalliedGroup | null,
  z: number,
  level: number,
  what: string,
  against: 'reference' | 'rest' = 'reference',
): NpsTest | null {
  const withAnswers = groups.filter((g) => g.group.n > 0);
  if (withAnswers.length < 2 || !reference) return null;
  const alpha = 1 - level;
  if (withAnswers.length === 2) {
    const other = withAnswers[0] === reference ? withAnswers[1] : withAnswers[0];
    const d = compareNps(other.counts, reference.counts, z)!;
    const verdict = d.pValue < alpha ? 'a difference beyond chance' : 'no difference beyond chance';
    return {
      kind: 'two-groups',
      method: 'z test of the difference of two NPS (adjusted-Wald variances)',
      statistic: d.z,
      df: null,
      pValue: d.pValue,
      note:
        `"${other.label}" (NPS ${npsText(other)}, n ${count(other.group.n)}) vs "${reference.label}" (NPS ${npsText(reference)}, n ${count(reference.group.n)}): ` +
        `${signedPoints(d.difference)} points (${levelText(level)} CI ${signedPoints(d.ci[0])} to ${signedPoints(d.ci[1])}), ${pText(d.pValue)} — ${verdict} at the ${levelText(level)} level.`,
    };
  }
  const table = withAnswers.map((g) => [g.counts.promoters, g.counts.passives, g.counts.detractors]);
  const chi = chiSquareIndependence(table);
  const flagged = groups.filter((g) => g.group.vsReference?.significant).map((g) => `"${g.label}"`);
  const sparse = chi.lowExpected > 0 ? ` ${chi.lowExpected} of ${chi.cells} cells expect fewer than 5 answers, so this p-value is approximate.` : '';
  const mix =
    chi.pValue < alpha
      ? `The mix of promoters, passives and detractors differs across the ${withAnswers.length} ${what} (χ² = ${chi.statistic.toFixed(1)}, df ${chi.df}, ${pText(chi.pValue)}).`
      : `The mix of promoters, passives and detractors does not differ across the ${withAnswers.length} ${what} beyond chance (χ² = ${chi.statistic.toFixed(1)}, df ${chi.df}, ${pText(chi.pValue)}).`;
  const one = what.replace(/s$/, '');
  const target = against === 'rest' ? 'all other answers pooled' : `"${reference.label}"`;
  const compared = against === 'rest' ? withAnswers.length : withAnswers.length - 1;
  const pairs =
    ` Each ${against === 'rest' ? '' : 'other '}${one} is also compared with ${target} (${compared} comparisons). With several tests some look significant by chance alone ` +
    `(at ${levelText(alpha)} each, about 1 in ${Math.round(1 / alpha)} would), so these p-values are Holm-adjusted to keep the chance of any false alarm among them at ${levelText(alpha)}. ` +
    (flagged.length
      ? `After adjustment ${flagged.join(', ')} differ${flagged.length === 1 ? 's' : ''} from ${against === 'rest' ? 'the rest' : target}.`
      : `After adjustment no ${one} differs from ${against === 'rest' ? 'the rest' : target}.`);
  return { kind: 'several-groups', method: 'chi-square test of independence (groups × promoter/passive/detractor)', statistic: chi.statistic, df: chi.df, pValue: chi.pValue, note: mix + sparse + pairs };
}

/** "3 groups have fewer than 30 answers (A 12, B 3, C 0): …" or null. */
export function smallGroupsWarning(groups: TalliedGroup[], minN: number, what: string): string | null {
  const small = groups.filter((g) => g.group.small);
  if (small.length === 0) return null;
  const list = small
    .slice(0, 10)
    .map((g) => `"${g.label}" ${count(g.group.n)}`)
    .join(', ');
  const more = small.length > 10 ? `, and ${small.length - 10} more` : '';
  const one = small.length === 1;
  return `${small.length} ${one ? what.replace(/s$/, '') : what} ${one ? 'has' : 'have'} fewer than ${count(minN)} answers (${list}${more}): flagged small, kept, but ${one ? 'its NPS and interval are' : 'their NPS and intervals are'} imprecise.`;
}

export const answersOf = (groups: TalliedGroup[]): number => groups.reduce((s, g) => s + totalOf(g.counts), 0);
