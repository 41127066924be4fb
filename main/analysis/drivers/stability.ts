// Driver stability between two waves: each driver's raw relative weight in the reference and the current wave with
// its bootstrap interval, the difference (current − reference) with a percentile interval, and a flag when that
// interval excludes 0; plus whether the order of the top drivers changed.
//
// Method of the difference's interval: the two waves are independent samples and are resampled from independent
// seeded streams (the workspace layer gives the reference wave seed + 1), so the b-th replicate of the difference is
// the b-th current replicate minus the b-th reference replicate — a draw from the bootstrap distribution of the
// difference of two independent estimates. The interval is the type-7 percentile interval of those pairwise
// differences (the same quantile rule as each wave's own interval), over the first min(B_ref, B_cur) pairs (a wave
// may have skipped a few singular resamples).
import type { DriverStabilityRow, DriversStability, DriverWeight } from '../../../shared/nps';
import { percentileInterval } from './bootstrap';

export interface WaveWeights {
  dataset: string;
  n: number;
  r2: number;
  drivers: Pick<DriverWeight, 'name' | 'weight' | 'ci'>[];
  /** Per driver: the raw-weight replicates of the usable resamples, in draw order. */
  draws: Record<string, Float64Array>;
}

export const STABILITY_METHOD =
  'percentile interval of the pairwise differences of independently resampled bootstrap replicates (current − reference; the reference wave is resampled with seed + 1)';

const TOP = 3;

/** Replicate b of the difference: current[b] − reference[b], for b < min of the two lengths. */
export function pairedDifferences(reference: Float64Array, current: Float64Array): Float64Array {
  const pairs = Math.min(reference.length, current.length);
  const out = new Float64Array(pairs);
  for (let b = 0; b < pairs; b++) out[b] = current[b] - reference[b];
  return out;
}

function topNames(drivers: { name: string; weight: number }[]): string[] {
  return [...drivers]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, TOP)
    .map((d) => d.name);
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export function compareWaves(reference: WaveWeights, current: WaveWeights, level: number): DriversStability {
  const refByName = new Map(reference.drivers.map((d) => [d.name, d]));
  const curByName = new Map(current.drivers.map((d) => [d.name, d]));
  const notCompared = [...reference.drivers.filter((d) => !curByName.has(d.name)), ...current.drivers.filter((d) => !refByName.has(d.name))].map((d) => d.name);
  let pairs = Number.POSITIVE_INFINITY;
  const rows: DriverStabilityRow[] = [];
  for (const cur of current.drivers) {
    const ref = refByName.get(cur.name);
    if (!ref) continue;
    const diffs = pairedDifferences(reference.draws[cur.name] ?? new Float64Array(0), current.draws[cur.name] ?? new Float64Array(0));
    pairs = Math.min(pairs, diffs.length);
    const difference = cur.weight - ref.weight;
    // No resamples (bootstrap 0): the interval collapses to the estimate, and nothing can be called a change.
    const differenceCi: [number, number] = diffs.length > 0 ? percentileInterval(diffs, level) : [difference, difference];
    rows.push({
      name: cur.name,
      reference: { weight: ref.weight, ci: ref.ci },
      current: { weight: cur.weight, ci: cur.ci },
      difference,
      differenceCi,
      changed: diffs.length > 0 && (differenceCi[0] > 0 || differenceCi[1] < 0),
    });
  }
  rows.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || (a.name < b.name ? -1 : 1));
  const compared = new Set(rows.map((r) => r.name));
  const topReference = topNames(reference.drivers.filter((d) => compared.has(d.name)));
  const topCurrent = topNames(current.drivers.filter((d) => compared.has(d.name)));
  const rankChanged = topReference.some((name, i) => topCurrent[i] !== name);
  return {
    reference: reference.dataset,
    current: current.dataset,
    referenceN: reference.n,
    currentN: current.n,
    referenceR2: reference.r2,
    level,
    method: STABILITY_METHOD,
    pairs: Number.isFinite(pairs) ? pairs : 0,
    drivers: rows,
    topReference,
    topCurrent,
    rankChanged,
    notCompared,
    sentence: stabilitySentence(rows, rankChanged, topReference, topCurrent, level),
  };
}

function stabilitySentence(rows: DriverStabilityRow[], rankChanged: boolean, topReference: string[], topCurrent: string[], level: number): string {
  const pct = `${Math.round(level * 100)}%`;
  const up = rows.filter((r) => r.changed && r.difference > 0).map((r) => r.name);
  const down = rows.filter((r) => r.changed && r.difference < 0).map((r) => r.name);
  const parts: string[] = [];
  if (up.length === 0 && down.length === 0) parts.push(`No driver's weight changed beyond its ${pct} interval.`);
  else {
    const said: string[] = [];
    if (up.length) said.push(`${list(up)} gained weight`);
    if (down.length) said.push(`${list(down)} lost weight`);
    parts.push(`${said.join('; ')} (the ${pct} interval of the difference excludes 0).`);
  }
  parts.push(rankChanged ? `The order of the top drivers changed: ${topReference.join(' > ')} before, ${topCurrent.join(' > ')} now.` : `The order of the top drivers is the same (${topCurrent.join(' > ')}).`);
  return parts.join(' ');
}
