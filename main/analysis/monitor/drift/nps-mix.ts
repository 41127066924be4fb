// What changed for NPS between two waves, and how much of it is mix. Pure functions, no I/O.
//
// - The change (current − reference) with the two-sample adjusted-Wald interval and z test the NPS view already
//   uses for differences (main/analysis/nps/compare.ts: Rocks 2016 variances, which add for independent waves).
// - The mix check, by DIRECT STANDARDISATION: the current wave's NPS of each group (channel, collection context)
//   reweighted to the reference wave's group shares, minus the reference NPS. If only the mix moved, the
//   standardised change is ~0; if opinion moved within groups, it carries the change.
// - mixShare = 1 − mixAdjustedChange / change: the share of the raw change the mix explains (1 = all mix, 0 = none;
//   above 1 when opinion moved the other way, below 0 when the mix hid part of a larger change). When the raw change
//   is under one NPS point (MIN_CHANGE_FOR_SHARE) there is nothing to split and mixShare is null.
// - Groups with answers in only one wave cannot be standardised: the weights are renormalised over the groups both
//   waves have (for the reference NPS too, so both sides compare like with like) and a warning says so.
import type { DriftNps, DriftNpsGroup } from '../../../../shared/monitor-drift';
import { compareNps } from '../../nps/compare';
import { npsOf, totalOf, type NpsCounts } from '../../nps/summary';

export const MIN_CHANGE_FOR_SHARE = 1;
/** mixShare at or above this reads "mostly mix". */
export const MOSTLY_MIX = 0.5;

export interface NpsWave {
  /** 0…10 per row, −1 for no answer. */
  scores: Int8Array;
  /** Group code per row into `levels` (−1: no group); null without a mix column. */
  groups: Int32Array | null;
}

const empty = (): NpsCounts => ({ promoters: 0, passives: 0, detractors: 0 });

function add(c: NpsCounts, s: number): void {
  if (s >= 9) c.promoters++;
  else if (s >= 7) c.passives++;
  else c.detractors++;
}

function tally(w: NpsWave, groupCount: number): { all: NpsCounts; byGroup: NpsCounts[] } {
  const all = empty();
  // The last slot holds answers without a group.
  const byGroup = Array.from({ length: groupCount + 1 }, empty);
  for (let i = 0; i < w.scores.length; i++) {
    const s = w.scores[i];
    if (s < 0) continue;
    add(all, s);
    if (w.groups) {
      const g = w.groups[i];
      add(byGroup[g >= 0 ? g : groupCount], s);
    }
  }
  return { all, byGroup };
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}`;

export function npsChange(column: string, mix: string | null, levels: readonly string[], ref: NpsWave, cur: NpsWave, z: number, level: number, warnings: string[]): DriftNps | null {
  const r = tally(ref, levels.length);
  const c = tally(cur, levels.length);
  const diff = compareNps(c.all, r.all, z);
  if (!diff) return null;
  const reference = npsOf(r.all)!;
  const current = npsOf(c.all)!;
  const change = diff.difference;
  let groups: DriftNpsGroup[] = [];
  let mixAdjustedCurrent: number | null = null;
  let mixAdjustedChange: number | null = null;
  let mixShare: number | null = null;
  if (mix) {
    const names = [...levels, '(missing)'];
    const refN = totalOf(r.all);
    const curN = totalOf(c.all);
    groups = names
      .map((group, g) => {
        const d = compareNps(c.byGroup[g], r.byGroup[g], z);
        return {
          group,
          referenceN: totalOf(r.byGroup[g]),
          currentN: totalOf(c.byGroup[g]),
          referenceShare: totalOf(r.byGroup[g]) / refN,
          currentShare: totalOf(c.byGroup[g]) / curN,
          reference: npsOf(r.byGroup[g]),
          current: npsOf(c.byGroup[g]),
          change: d ? d.difference : null,
          ci: d ? d.ci : null,
          pValue: d ? d.pValue : null,
        };
      })
      .filter((g) => g.referenceN + g.currentN > 0);
    const both = groups.filter((g) => g.referenceN > 0 && g.currentN > 0);
    const covered = both.reduce((s, g) => s + g.referenceN, 0);
    if (covered > 0) {
      let adjCur = 0;
      let adjRef = 0;
      for (const g of both) {
        const w = g.referenceN / covered;
        adjCur += w * g.current!;
        adjRef += w * g.reference!;
      }
      const lost = groups.filter((g) => !(g.referenceN > 0 && g.currentN > 0)).map((g) => `“${g.group}”`);
      if (lost.length > 0) {
        warnings.push(
          `The mix check leaves out ${lost.join(', ')}: answered in only one wave, so it has no NPS to reweight; the standardised NPS uses the reference shares of the other groups, for both waves.`,
        );
        mixAdjustedCurrent = adjCur;
        mixAdjustedChange = adjCur - adjRef;
      } else {
        mixAdjustedCurrent = adjCur;
        mixAdjustedChange = adjCur - reference;
      }
      mixShare = Math.abs(change) < MIN_CHANGE_FOR_SHARE ? null : 1 - mixAdjustedChange / change;
    }
  }
  const ci = `${level * 100}% CI ${signed(diff.ci[0])} to ${signed(diff.ci[1])}`;
  let verdict = `NPS moved ${signed(change)} points (${reference.toFixed(1)} → ${current.toFixed(1)}; ${ci}; ${diff.pValue < 0.001 ? 'p < 0.001' : `p = ${diff.pValue.toFixed(3)}`}).`;
  if (mix && mixAdjustedChange !== null) {
    if (mixShare === null) verdict += ` The change is under ${MIN_CHANGE_FOR_SHARE} point, so there is nothing for the mix of “${mix}” to explain (at the reference mix: ${signed(mixAdjustedChange)}).`;
    else if (mixShare >= MOSTLY_MIX)
      verdict += ` At the reference wave's mix of “${mix}” it moved ${signed(mixAdjustedChange)}: the change is mostly mix (the mix explains ${Math.round(mixShare * 100)}%), not a change of opinion.`;
    else if (mixShare >= 0)
      verdict += ` At the reference wave's mix of “${mix}” it moved ${signed(mixAdjustedChange)}: the change is mostly opinion (the mix explains ${Math.round(mixShare * 100)}%).`;
    else verdict += ` At the reference wave's mix of “${mix}” it moved ${signed(mixAdjustedChange)}: the mix shift hid part of a larger change of opinion.`;
  }
  return {
    column,
    mix,
    level,
    referenceN: totalOf(r.all),
    currentN: totalOf(c.all),
    reference,
    current,
    change,
    changeCi: diff.ci,
    pValue: diff.pValue,
    mixAdjustedCurrent,
    mixAdjustedChange,
    mixShare,
    groups,
    verdict,
  };
}
