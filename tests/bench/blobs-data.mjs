// The benchmarks' shared data: a seeded 8-blob rows × 10 matrix written as raw float64 (tests/bench/.data,
// gitignored). Self-contained (the same mulberry32 as main/analysis/random.ts) so the data never changes and
// kmeans-bench.mjs and segment-command-bench.mjs cluster identical numbers.
import { existsSync, writeFileSync } from 'node:fs';

export const BLOB_K = 8;
export const BLOB_COLS = 10;

export function writeBlobMatrix(file, rows) {
  if (existsSync(file)) return;
  let a = 12345;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const centres = Array.from({ length: BLOB_K * BLOB_COLS }, () => -4 + 8 * rnd());
  const data = new Float64Array(rows * BLOB_COLS);
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rnd() * BLOB_K);
    for (let f = 0; f < BLOB_COLS; f++) data[i * BLOB_COLS + f] = centres[c * BLOB_COLS + f] + normal();
  }
  writeFileSync(file, Buffer.from(data.buffer));
}
