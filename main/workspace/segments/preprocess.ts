// Preprocessing for k-means, recorded with each segmentation so new data can be scored the same way.
// Order per numeric feature: impute (median of the original values) or exclude the row → optional log1p →
// z-score with the population SD (as scikit-learn's StandardScaler; a constant column becomes zeros, with a
// warning). Categorical features are one-hot encoded over their levels (missing → the most common level), each
// indicator multiplied by categoryWeight and NOT standardised, so a weight of 1 gives a level change the same
// squared distance (2) whatever the level's frequency. Booleans are numbers 0/1.
import { kernelMatrix } from '../../analysis/segment/kmeans-wasm';
import { totalmem } from 'node:os';
import type { Matrix } from '../../analysis/segment/index';
import { medianInPlace } from '../../analysis/select';
import type { MissingPolicy } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import type { LoadedColumn } from './columns';

export interface NumericPrep {
  kind: 'numeric';
  name: string;
  position: number;
  log: boolean;
  /** Median of the original (pre-log) values of the fitted data; the imputation value. */
  median: number | null;
  /** Mean and population SD after imputation and log, over the included rows. */
  mean: number;
  sd: number;
}
export interface CategoricalPrep {
  kind: 'categorical';
  name: string;
  position: number;
  levels: string[];
  /** Most common level; the imputation value. */
  mode: string | null;
}
export type FeaturePrep = NumericPrep | CategoricalPrep;

export interface Preprocessing {
  standardize: boolean;
  missing: MissingPolicy;
  categoryWeight: number;
  features: FeaturePrep[];
  /** Encoded column names, matrix column order ("plan = Premium" for one-hot levels). */
  encoded: string[];
}

export interface Prepared {
  matrix: Matrix;
  /** Indices (into the loaded rows) of the rows in the matrix, ascending. */
  included: Int32Array;
  excluded: number;
  imputed: Record<string, number>;
  warnings: string[];
}

export interface PrepOptions {
  standardize: boolean;
  missing: MissingPolicy;
  categoryWeight: number;
  logTransform: string[];
}

/**
 * Levels a category feature may have. Each level is a matrix column of its own (rows × levels × 8 bytes): a
 * 200k-level column crashed with "Array buffer allocation failed"; past ~1,000 levels k-means distances are
 * dominated by which rare level a row has, which is not a segmentation anyone can act on.
 */
export const MAX_CATEGORY_LEVELS = 1000;

const int = (n: number) => n.toLocaleString('en-US');

function refuseManyLevels(name: string, levels: number): never {
  throw new AppError(
    'BAD_ARGUMENTS',
    `Feature "${name}" is a category with ${int(levels)} levels; a segmentation feature may have at most ${int(MAX_CATEGORY_LEVELS)} (each level ` +
      `becomes a dimension of its own). Group its rare levels into "Other" (or use a coarser column), or leave "${name}" out of the features.`,
    { columnName: name, levels, limit: MAX_CATEGORY_LEVELS },
  );
}

/** The feature matrix may take at most a quarter of the machine's memory; k-means needs room for its own copies. */
function refuseOversizedMatrix(features: FeaturePrep[], rows: number, dims: number): void {
  const bytes = rows * dims * 8;
  const budget = totalmem() / 4;
  if (bytes <= budget) return;
  const widest = features
    .filter((f): f is CategoricalPrep => f.kind === 'categorical')
    .sort((a, b) => b.levels.length - a.levels.length)
    .slice(0, 3)
    .map((f) => `"${f.name}" (${int(f.levels.length)} levels)`);
  throw new AppError(
    'BAD_ARGUMENTS',
    `The segmentation matrix would be ${int(rows)} rows × ${int(dims)} dimensions = ${(bytes / 2 ** 30).toFixed(1)} GiB, over the ` +
      `${(budget / 2 ** 30).toFixed(1)} GiB this machine allows (a quarter of its memory).` +
      (widest.length ? ` Categories add one dimension per level: group rare levels or leave out ${widest.join(', ')}.` : ' Use fewer features.'),
    { rows, dimensions: dims, limit: Math.floor(budget) },
  );
}

function isMissing(col: LoadedColumn, i: number): boolean {
  return col.kind === 'numeric' ? Number.isNaN(col.values[i]) : col.codes[i] < 0;
}

function includedRows(cols: LoadedColumn[], n: number, policy: MissingPolicy): Int32Array {
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (policy === 'exclude' && cols.some((c) => isMissing(c, i))) continue;
    out[m++] = i;
  }
  return m === n ? out : out.slice(0, m);
}

/** `scratch` (at least rows.length long) is reused across features: a fresh 8 MB array per 1M-row feature cost ~25 ms each to touch. */
function median(values: Float64Array, rows: Int32Array, scratch: Float64Array): number | null {
  // Indexed loops and a typed selection: at 1M rows, array-of-number pushes and iterator loops cost seconds.
  let m = 0;
  const fill = () => {
    m = 0;
    for (let r = 0; r < rows.length; r++) {
      const v = values[rows[r]];
      if (!Number.isNaN(v)) scratch[m++] = v;
    }
  };
  fill();
  return m === 0 ? null : medianInPlace(scratch, m, fill);
}

function modeLevel(codes: Int32Array, levels: string[], rows: Int32Array): string | null {
  const counts = new Float64Array(levels.length);
  for (let r = 0; r < rows.length; r++) {
    const c = codes[rows[r]];
    if (c >= 0) counts[c]++;
  }
  let best = -1;
  for (let l = 0; l < levels.length; l++) if (counts[l] > 0 && (best < 0 || counts[l] > counts[best])) best = l;
  return best < 0 ? null : levels[best];
}

/** Fit the preprocessing on `cols` and build the matrix. */
export function fitPreprocessing(cols: LoadedColumn[], n: number, opts: PrepOptions): { prep: Preprocessing; prepared: Prepared } {
  const unknownLog = opts.logTransform.filter((name) => !cols.some((c) => c.column.name === name));
  if (unknownLog.length) throw new AppError('BAD_ARGUMENTS', `Log transform asked for ${unknownLog.map((s) => `"${s}"`).join(', ')}, which ${unknownLog.length > 1 ? 'are' : 'is'} not among the features.`);
  const rows = includedRows(cols, n, opts.missing);
  if (rows.length === 0) throw new AppError('BAD_ARGUMENTS', 'No rows left: every row is missing at least one feature. Impute missing values instead of excluding rows.');
  const scratch = new Float64Array(cols.some((c) => c.kind === 'numeric') ? rows.length : 0);
  const features: FeaturePrep[] = cols.map((c) => {
    if (c.kind === 'categorical') {
      // Before anything sized by the level count is allocated.
      if (c.levels.length > MAX_CATEGORY_LEVELS) refuseManyLevels(c.column.name, c.levels.length);
      const mode = modeLevel(c.codes, c.levels, rows);
      if (mode === null) throw new AppError('BAD_ARGUMENTS', `Feature "${c.column.name}" has no values.`);
      return { kind: 'categorical', name: c.column.name, position: c.column.index, levels: c.levels, mode };
    }
    const log = opts.logTransform.includes(c.column.name);
    const med = median(c.values, rows, scratch);
    if (med === null) throw new AppError('BAD_ARGUMENTS', `Feature "${c.column.name}" has no values.`);
    if (log) {
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r];
        if (c.values[i] < 0) throw new AppError('BAD_ARGUMENTS', `Cannot log-transform "${c.column.name}": it has negative values (e.g. ${c.values[i]}). Remove it from the log transform.`, { columnName: c.column.name });
      }
    }
    const { mean, ss } = meanAndSs(c.values, rows, med, log);
    return { kind: 'numeric', name: c.column.name, position: c.column.index, log, median: med, mean, sd: Math.sqrt(ss / rows.length) };
  });
  const prep: Preprocessing = { standardize: opts.standardize, missing: opts.missing, categoryWeight: opts.categoryWeight, features, encoded: encodedNames(features) };
  refuseOversizedMatrix(features, rows.length, prep.encoded.length);
  return { prep, prepared: applyPrepared(cols, prep, rows, opts.missing === 'exclude' ? n - rows.length : 0) };
}

/**
 * Mean and sum of squared deviations of the imputed, transformed values (two passes for precision). The same
 * sums in the same order as the generic loop; only the row indirection and the log branch are hoisted out of the
 * common case (nothing excluded, no log): the generic loops cost ~0.1 s at 1M × 10, these ~0.04 s.
 */
function meanAndSs(values: Float64Array, rows: Int32Array, med: number, log: boolean): { mean: number; ss: number } {
  const n = rows.length;
  let sum = 0;
  let ss = 0;
  if (!log && n === values.length) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      sum += Number.isNaN(v) ? med : v;
    }
    const mean = sum / n;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const d = (Number.isNaN(v) ? med : v) - mean;
      ss += d * d;
    }
    return { mean, ss };
  }
  for (let r = 0; r < n; r++) sum += transformed(values[rows[r]], med, log);
  const mean = sum / n;
  for (let r = 0; r < n; r++) {
    const d = transformed(values[rows[r]], med, log) - mean;
    ss += d * d;
  }
  return { mean, ss };
}

function transformed(v: number, med: number, log: boolean): number {
  const x = Number.isNaN(v) ? med : v;
  return log ? Math.log1p(x) : x;
}

export function encodedNames(features: FeaturePrep[]): string[] {
  return features.flatMap((f) => (f.kind === 'numeric' ? [f.name] : f.levels.map((l) => `${f.name} = ${l}`)));
}

/** Apply a saved preprocessing to (possibly new) data: saved medians, modes, means, SDs and levels. */
export function applyPreprocessing(cols: LoadedColumn[], n: number, prep: Preprocessing): Prepared {
  const rows = includedRows(cols, n, prep.missing);
  if (rows.length === 0) throw new AppError('BAD_ARGUMENTS', 'No rows left: every row is missing at least one feature.');
  for (const [j, f] of prep.features.entries()) {
    const c = cols[j];
    if (f.kind === 'numeric' && f.log && c.kind === 'numeric') {
      for (let r = 0; r < rows.length; r++) {
        const v = c.values[rows[r]];
        if (v < 0) throw new AppError('BAD_ARGUMENTS', `Cannot log-transform "${f.name}": the new data has negative values (e.g. ${v}).`, { columnName: f.name });
      }
    }
  }
  return applyPrepared(cols, prep, rows, n - rows.length);
}

/** A numeric feature's column in the matrix and how its values are transformed into it. */
interface NumericFill {
  name: string;
  offset: number;
  values: Float64Array;
  median: number;
  log: boolean;
  centre: number;
  scale: number;
}

/**
 * Fill the numeric features' columns row by row (each matrix row written once, in order: column by column the
 * strided writes touched the whole 80 MB matrix ten times over). Returns the imputed count per feature.
 */
function fillNumeric(data: Float64Array, d: number, rows: Int32Array, fills: NumericFill[]): number[] {
  const m = rows.length;
  const counts = fills.map(() => 0);
  const q = fills.length;
  for (let r = 0, o = 0; r < m; r++, o += d) {
    const i = rows[r];
    for (let j = 0; j < q; j++) {
      const f = fills[j];
      const v = f.values[i];
      if (Number.isNaN(v)) counts[j]++;
      const x = transformed(v, f.median, f.log);
      data[o + f.offset] = f.scale > 0 ? (x - f.centre) / f.scale : 0;
    }
  }
  return counts;
}

/**
 * The matrix's memory when large: the WebAssembly k-means kernel's own (kmeans-wasm.ts), so k-means runs on it in
 * place, and shared, so it can hand row ranges to helper threads without a copy. Smaller matrices are copied into
 * the kernel's memory by k-means itself (a few MB at most).
 */
export const SHARED_MATRIX_MIN_VALUES = 1 << 20;

function matrixBuffer(values: number): Float64Array {
  if (values < SHARED_MATRIX_MIN_VALUES) return new Float64Array(values);
  return kernelMatrix(values) ?? new Float64Array(new SharedArrayBuffer(values * 8));
}

function applyPrepared(cols: LoadedColumn[], prep: Preprocessing, rows: Int32Array, excluded: number): Prepared {
  const d = prep.encoded.length;
  const m = rows.length;
  const data = matrixBuffer(m * d);
  const imputed: Record<string, number> = {};
  const warnings: string[] = [];
  const fills: NumericFill[] = [];
  let offset = 0;
  for (const [j, f] of prep.features.entries()) {
    const c = cols[j];
    if (f.kind === 'numeric') {
      if (c.kind !== 'numeric') throw new AppError('BAD_ARGUMENTS', `Feature "${f.name}" must be numeric.`);
      if (prep.standardize && !(f.sd > 0)) warnings.push(`Feature "${f.name}" is constant; it adds nothing to the segmentation (all zeros after standardising).`);
      fills.push({ name: f.name, offset, values: c.values, median: f.median ?? 0, log: f.log, centre: prep.standardize ? f.mean : 0, scale: prep.standardize ? f.sd : 1 });
      offset++;
    } else {
      if (c.kind !== 'categorical') throw new AppError('BAD_ARGUMENTS', `Feature "${f.name}" must be a text (categorical) column.`);
      // Map this data's level codes to the saved level order; unseen levels get no indicator (all zeros).
      const map = Int32Array.from(c.levels, (l) => f.levels.indexOf(l));
      const modeCode = f.mode === null ? -1 : f.levels.indexOf(f.mode);
      let count = 0;
      let unseen = 0;
      for (let r = 0; r < m; r++) {
        const code = c.codes[rows[r]];
        let level: number;
        if (code < 0) {
          count++;
          level = modeCode;
        } else level = map[code];
        if (level >= 0) data[r * d + offset + level] = prep.categoryWeight;
        else if (code >= 0) unseen++;
      }
      if (count) imputed[f.name] = count;
      if (unseen) warnings.push(`Feature "${f.name}": ${unseen} rows have a level the segmentation was not fitted on; they get no indicator for it.`);
      offset += f.levels.length;
    }
  }
  const counts = fillNumeric(data, d, rows, fills);
  fills.forEach((f, j) => {
    if (counts[j]) imputed[f.name] = counts[j];
  });
  // In feature order, as listed before the numeric columns were filled in one pass.
  const ordered: Record<string, number> = {};
  for (const f of prep.features) if (imputed[f.name]) ordered[f.name] = imputed[f.name];
  return { matrix: { data, rows: m, cols: d }, included: rows, excluded, imputed: ordered, warnings };
}
