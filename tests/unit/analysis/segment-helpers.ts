// Shared helpers for the segmentation tests: fixture loading (JSON written once by
// tests/fixtures/segment/make_fixtures.py with scikit-learn) and small utilities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../../../main/analysis/segment';

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
