// Standardisation like sklearn's StandardScaler: (x − mean) / population std (ddof = 0); a constant column
// (std 0) is only centred (scale 1), as sklearn does. Returns the new matrix plus the means and scales needed to
// put centroids back into original units and to score new data with the same preprocessing.
import type { Matrix } from './types';

export function standardize(m: Matrix): { matrix: Matrix; mean: Float64Array; scale: Float64Array } {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) for (let f = 0; f < d; f++) mean[f] += data[o + f];
  for (let f = 0; f < d; f++) mean[f] /= Math.max(1, n);
  const ss = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    for (let f = 0; f < d; f++) {
      const t = data[o + f] - mean[f];
      ss[f] += t * t;
    }
  }
  const scale = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    const s = Math.sqrt(ss[f] / Math.max(1, n));
    scale[f] = s > 0 ? s : 1;
  }
  const out = new Float64Array(n * d);
  for (let i = 0, o = 0; i < n; i++, o += d) for (let f = 0; f < d; f++) out[o + f] = (data[o + f] - mean[f]) / scale[f];
  return { matrix: { data: out, rows: n, cols: d }, mean, scale };
}
