// Shared helpers for the segmentation tests: fixture loading (JSON written once by
// tests/fixtures/segment/make_fixtures.py with scikit-learn) and small utilities.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KMeansResult, Matrix } from '../../../main/analysis/segment';

export const FIXTURES = join(__dirname, '../../fixtures/segment');

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export interface DataFixture {
  rows: number;
  cols: number;
  data: number[];
  truth: number[];
}

export function matrixOf(f: { rows: number; cols: number; data: number[] }): Matrix {
  return { data: Float64Array.from(f.data), rows: f.rows, cols: f.cols };
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

export const ints = (xs: readonly number[]): Int32Array => Int32Array.from(xs);

/** SHA-256 (first 16 hex digits) of an array's bytes: bit-for-bit comparisons of k-means results. */
export const bytesHash = (a: ArrayBufferView): string => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex').slice(0, 16);

/** A k-means result as hashes of its arrays plus its scalars, for bit-for-bit comparisons. */
export const kmeansDigest = (r: KMeansResult) => ({
  labels: bytesHash(r.labels),
  centroids: bytesHash(r.centroids),
  nearest: bytesHash(r.nearest),
  second: bytesHash(r.second),
  secondLabel: bytesHash(r.secondLabel),
  inertia: r.inertia,
  iterations: r.iterations,
});
