// The synthetic data of the gradient-boosting benchmarks (gbdt-vs-sklearn.mjs, train-cli-vs-sklearn.mjs), in one
// place so that both measure exactly the same rows, and the ROC AUC both compute their test figures with.
//
// rows × 20 features drawn with mulberry32 (seed 2024): 12 standard normal, 4 integers 0..9, 2 uniform(−3, 3) of
// which 5% missing (NaN), 2 pure noise; the outcome is Bernoulli(σ(logit)) with a non-linear logit (interactions, a
// step, a sine, missingness itself raising the odds), base rate ≈ 0.3. Stored as `${prefix}.f64` (column-major raw
// little-endian float64, feature f at f·rows..(f+1)·rows−1) and `${prefix}.y` (one uint8 label per row). The first
// 80% of the rows train, the last 20% test (the rows are i.i.d.).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mulberry32 } from '../mulberry32.mjs';

export const F = 20;
/** Rows that train: the first 80%. */
export const trainRowsOf = (rows) => Math.floor(rows * 0.8);
/** The prefix of the data files in `dir` (…/gbdt-v1-1000000x20.f64 and .y). */
export const dataPrefix = (dir, rows) => `${dir}/gbdt-v1-${rows}x${F}`;

/** Writes the two files unless both exist already (the data depend only on `rows`). */
export function writeGbdtData(prefix, rows) {
  if (existsSync(`${prefix}.f64`) && existsSync(`${prefix}.y`)) return;
  const rnd = mulberry32(2024);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const X = new Float64Array(F * rows);
  const y = new Uint8Array(rows);
  const x = new Float64Array(F);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < 12; f++) x[f] = normal();
    for (let f = 12; f < 16; f++) x[f] = Math.floor(rnd() * 10);
    for (let f = 16; f < 18; f++) x[f] = rnd() < 0.05 ? NaN : -3 + 6 * rnd();
    for (let f = 18; f < 20; f++) x[f] = normal();
    const m16 = Number.isNaN(x[16]) ? 1 : 0;
    const logit = -1.2 + 0.8 * x[0] - 0.6 * x[1] + 0.5 * x[2] * x[3] + (x[12] > 6 ? 0.9 : 0) - 0.3 * x[4] * x[4] +
      0.4 * Math.sin(2 * x[5]) + 0.1 * x[13] + 0.7 * m16 + (m16 ? 0 : 0.3 * Math.abs(x[16])) - 0.2 * (Number.isNaN(x[17]) ? 0 : x[17]);
    y[i] = rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    for (let f = 0; f < F; f++) X[f * rows + i] = x[f];
  }
  writeFileSync(`${prefix}.f64`, Buffer.from(X.buffer));
  writeFileSync(`${prefix}.y`, Buffer.from(y.buffer));
}

/** The columns (views into one buffer) and the labels. */
export function readGbdtData(prefix, rows) {
  const buf = readFileSync(`${prefix}.f64`);
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  const cols = Array.from({ length: F }, (_, f) => all.subarray(f * rows, (f + 1) * rows));
  const y = new Uint8Array(readFileSync(`${prefix}.y`));
  return { cols, y };
}

/** A raw float64 file of probabilities, as the children write them. */
export function readProba(file) {
  const b = readFileSync(file);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties sharing their mean rank. */
export function rocAuc(y, s) {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[a] - s[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && s[order[j + 1]] === s[order[i]]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[order[k]] === 1) {
      pos++;
      rankSum += mid;
    }
    i = j + 1;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (n - pos));
}
