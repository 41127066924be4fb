// The recommended k of a sweep, and why in plain words. Stability first, separation second:
//   1. Stability filter. Each k carries its segments' bootstrap Jaccard from the sweep (stability.ts, Hennig
//      2007). Eligible are the k whose segments are all stable (every Jaccard ≥ 0.75, Hennig's "stable" level);
//      if no k has that, the k with no unstable segment (every Jaccard ≥ 0.6, below which Hennig calls a cluster
//      dissolved and the cards flag it "unstable"); if none has that either, only the most stable k (the highest
//      lowest-segment Jaccard), with a warning. A partition is as trustworthy as its least stable segment, so the
//      minimum decides, not the mean.
//   2. Separation among the eligible k: silhouette is primary — candidates are the k within 0.02 of the best
//      eligible silhouette; each index votes for its favourite among them — silhouette (highest), Calinski–Harabasz
//      (highest), Davies–Bouldin (lowest) — and the k with the most votes wins; remaining ties go to the smaller k.
//   3. The inertia elbow is reported as a sanity check (agrees / differs), not used to decide.
//   4. A silhouette below 0.25 at the chosen k is flagged as weak structure (Kaufman & Rousseeuw's reading).
// Scores without stability (results saved before the sweep measured it) skip step 1.
import type { KRecommendation } from '../../../shared/segments';
import type { KScore } from './types';
import { maxOf, minOf } from '../../../shared/extent';

/** Silhouette values within this of the best are treated as a tie (sampling noise at 5,000 rows is ~0.01). */
export const silhouetteTie = 0.02;
/** Every segment at least this stable (bootstrap Jaccard): Hennig's "stable" level. */
export const STABLE_JACCARD = 0.75;
/** Below this a segment is "unstable" (Hennig: dissolved), as the segment cards flag it. */
export const UNSTABLE_JACCARD = 0.6;

/** Elbow of the inertia curve: the k farthest below the chord from the first to the last point (Kneedle-style,
 * both axes scaled to [0, 1]). Reported as a sanity check only. */
export function elbowK(scores: KScore[]): number | null {
  if (scores.length < 3) return null;
  const s = [...scores].sort((a, b) => a.k - b.k);
  const k0 = s[0].k;
  const k1 = s[s.length - 1].k;
  const i0 = s[0].inertia;
  const i1 = s[s.length - 1].inertia;
  if (!(i0 > i1)) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const p of s) {
    const x = (p.k - k0) / (k1 - k0);
    const y = (p.inertia - i1) / (i0 - i1);
    const gap = 1 - x - y; // distance below the chord y = 1 - x (up to a constant factor)
    if (gap > bestGap) {
      bestGap = gap;
      best = p.k;
    }
  }
  return best;
}

const f2 = (x: number): string => x.toFixed(2);

/** "2, 5, 7–10": k values with runs collapsed. */
export function kList(ks: number[]): string {
  const s = [...new Set(ks)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j - i >= 2 ? `${s[i]}–${s[j]}` : s.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

const hasStability = (s: KScore): boolean => s.minStability !== undefined && Number.isFinite(s.minStability);

type Tier = 'none' | 'stable' | 'no-unstable' | 'least-unstable';

/** Step 1: the k the separation scores may choose from, and which level of stability they reached. */
function eligible(valid: KScore[]): { pool: KScore[]; tier: Tier } {
  const measured = valid.filter(hasStability);
  if (measured.length === 0) return { pool: valid, tier: 'none' };
  const stable = measured.filter((s) => s.minStability! >= STABLE_JACCARD);
  if (stable.length) return { pool: stable, tier: 'stable' };
  const noUnstable = measured.filter((s) => s.minStability! >= UNSTABLE_JACCARD);
  if (noUnstable.length) return { pool: noUnstable, tier: 'no-unstable' };
  const most = measured.reduce((a, b) => (b.minStability! > a.minStability! ? b : a));
  return { pool: [most], tier: 'least-unstable' };
}

/** Step 2: silhouette near-ties, then a vote of the three indices. */
function bySeparation(pool: KScore[]): { chosen: KScore; cands: KScore[]; bestSil: number; chK: number; dbK: number } {
  const bestSil = maxOf(pool.map((s) => s.silhouette));
  const cands = pool.filter((s) => s.silhouette >= bestSil - silhouetteTie).sort((a, b) => a.k - b.k);
  const pick = (better: (a: KScore, b: KScore) => boolean): KScore => cands.reduce((best, s) => (better(s, best) ? s : best));
  const silK = pick((a, b) => a.silhouette > b.silhouette).k;
  const chK = pick((a, b) => a.calinskiHarabasz > b.calinskiHarabasz).k;
  const dbK = pick((a, b) => a.daviesBouldin < b.daviesBouldin).k;
  const votes = new Map<number, number>();
  for (const k of [silK, chK, dbK]) votes.set(k, (votes.get(k) ?? 0) + 1);
  let chosen = cands[0];
  let most = -1;
  for (const c of cands) {
    const v = votes.get(c.k) ?? 0;
    if (v > most) {
      most = v;
      chosen = c;
    }
  }
  return { chosen, cands, bestSil, chK, dbK };
}

function stabilityWords(tier: Tier, chosen: KScore, sepWords: string): string {
  const low = hasStability(chosen) ? f2(chosen.minStability!) : '';
  switch (tier) {
    case 'stable':
      return `k = ${chosen.k}: ${sepWords} among the k whose segments are all stable (every segment's bootstrap Jaccard ≥ ${STABLE_JACCARD}; its least stable segment ${low})`;
    case 'no-unstable':
      return `No k had every segment stable (bootstrap Jaccard ≥ ${STABLE_JACCARD}). k = ${chosen.k}: ${sepWords} among the k with no unstable segment (every Jaccard ≥ ${UNSTABLE_JACCARD}; its least stable segment ${low})`;
    case 'least-unstable':
      return `Every k tried has a segment that dissolves when the data is resampled (bootstrap Jaccard < ${UNSTABLE_JACCARD}). k = ${chosen.k} is the most stable of them (least stable segment ${low}; silhouette ${f2(chosen.silhouette)}): treat its segments with caution`;
    default:
      return `k = ${chosen.k} ${sepWords}`;
  }
}

export function recommendK(scores: KScore[]): KRecommendation {
  const valid = scores.filter((s) => Number.isFinite(s.silhouette));
  if (valid.length === 0) {
    if (scores.length === 0) throw new Error('no k scores to recommend from');
    return { k: scores[0].k, reason: `No k had a defined silhouette; k = ${scores[0].k} is only the first value tried.` };
  }
  const { pool, tier } = eligible(valid);
  const { chosen, cands, bestSil, chK, dbK } = bySeparation(pool);
  const k = chosen.k;
  const sepWords =
    cands.length === 1
      ? tier === 'none'
        ? `has the highest mean silhouette (${f2(chosen.silhouette)}), clearly ahead of the other values tried`
        : `the best mean silhouette (${f2(chosen.silhouette)})`
      : `${tier === 'none' ? 'is among' : 'one of'} the best mean silhouettes (${f2(chosen.silhouette)}; best ${f2(bestSil)}, near-ties within ${silhouetteTie}: k = ${kList(cands.map((c) => c.k))})`;
  const parts = [stabilityWords(tier, chosen, sepWords)];
  // The indices' votes only mean something between near-ties; with one candidate there was nothing to vote on.
  if (cands.length > 1) {
    const agree: string[] = [];
    const disagree: string[] = [];
    if (chK === k) agree.push('Calinski–Harabasz peaks there');
    else disagree.push(`Calinski–Harabasz prefers k = ${chK}`);
    if (dbK === k) agree.push('Davies–Bouldin is lowest there');
    else disagree.push(`Davies–Bouldin prefers k = ${dbK}`);
    if (agree.length) parts.push(agree.join(' and '));
    if (disagree.length) parts.push(`${disagree.join(' and ')} among the near-ties`);
  }
  // The k passed over for stability although they separate better: named, so the analyst sees the trade.
  const passed = valid.filter((s) => !pool.includes(s) && s.silhouette > chosen.silhouette && hasStability(s));
  if (passed.length) {
    const best = passed.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    const lows = passed.map((s) => s.minStability!);
    const lo = minOf(lows);
    const hi = maxOf(lows);
    const range = lo === hi ? f2(lo) : `${f2(lo)}–${f2(hi)}`;
    const one = passed.length === 1;
    const weak =
      tier === 'stable' ? (one ? 'has a segment that is not stable' : 'have segments that are not stable') : one ? 'has a segment that dissolves' : 'have segments that dissolve';
    parts.push(
      `k = ${kList(passed.map((s) => s.k))} separate${passed.length === 1 ? 's' : ''} better (silhouette up to ${f2(best.silhouette)} at k = ${best.k}) but ${weak} under resampling (least stable segment ${range})`,
    );
  }
  const elbow = elbowK(scores);
  if (elbow !== null) parts.push(elbow === k ? 'the inertia curve bends (elbow) at the same k' : `the inertia elbow is at k = ${elbow}`);
  let reason = `${parts.join('; ')}.`;
  if (chosen.silhouette < 0.25) reason += ' The silhouette is low (< 0.25): the segments overlap, so treat them as a convenient partition rather than natural groups.';
  // Two segments are stable under resampling almost whatever the data; when stability is what ruled out larger k,
  // k = 2 is a coarse split, not evidence of two natural groups.
  if (k === 2 && passed.length) reason += ' Two segments are nearly always stable, so read k = 2 as a coarse split; a larger k with a named caveat may serve the analysis better.';
  return { k, reason };
}
