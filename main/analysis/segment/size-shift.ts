// Did the segment mix shift between two waves scored with the same centroids? Each segment's share in both, the
// chi-square test of the 2 × k table and PSI — the Monitor's definitions (main/analysis/monitor/drift/distances.ts),
// so a segment shift reads on the same scale as a column's drift.
import { DEFAULT_DRIFT_THRESHOLDS } from '../../../shared/monitor-drift';
import type { SegmentSizeShift } from '../../../shared/segments';
import { psiBand } from '../monitor/drift/compare-column';
import { chiSquareTwoWaves, psi } from '../monitor/drift/distances';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function segmentSizeShift(names: readonly string[], from: readonly number[], to: readonly number[]): SegmentSizeShift {
  const nFrom = from.reduce((s, v) => s + v, 0);
  const nTo = to.reduce((s, v) => s + v, 0);
  const segments = names.map((name, i) => ({ name, from: from[i], to: to[i], fromShare: nFrom ? from[i] / nFrom : 0, toShare: nTo ? to[i] / nTo : 0 }));
  const chi = chiSquareTwoWaves(from, to);
  const p = psi(from, to);
  const band = psiBand(p, DEFAULT_DRIFT_THRESHOLDS);
  const moved = [...segments].sort((a, b) => Math.abs(b.toShare - b.fromShare) - Math.abs(a.toShare - a.fromShare)).slice(0, 2);
  const words = moved.map((s) => `“${s.name}” ${s.toShare > s.fromShare ? 'grew' : s.toShare < s.fromShare ? 'shrank' : 'stayed'} from ${pct(s.fromShare)} to ${pct(s.toShare)}`).join('; ');
  const unchanged = Math.abs(moved[0].toShare - moved[0].fromShare) < 0.0005;
  const sentence = unchanged
    ? `The segment mix did not move (chi-square p = ${chi.pValue.toPrecision(2)}, PSI ${p.toFixed(3)}: ${band}): every segment kept its share to 0.1 point.`
    : chi.pValue < 0.05
      ? `The segment mix shifted (chi-square p = ${chi.pValue.toPrecision(2)}, PSI ${p.toFixed(3)}: ${band}): ${words}.`
      : `The segment mix did not shift beyond chance (chi-square p = ${chi.pValue.toPrecision(2)}, PSI ${p.toFixed(3)}: ${band}); the largest change: ${words}.`;
  return { segments, chiSquare: chi.statistic, df: chi.df, pValue: chi.pValue, psi: p, band, sentence };
}
