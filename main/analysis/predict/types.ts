// The data convention every prediction kernel shares (logistic, trees, metrics, calibration, folds), so that one
// prepared dataset flows through all of them without copies or conversions:
//   - features are column-major, one Float64Array per feature, all of the same length; NaN means missing
//     (column-major because fitting walks one feature at a time, and a column is what the dataset layer hands over);
//   - labels are a Uint8Array of 0/1 (1 = the positive class the analyst named, e.g. "churned");
//   - probabilities are a Float64Array of P(label = 1), one per row;
//   - a subset of rows (a fold, the training part of a split) is a Uint32Array of row indices in ascending order,
//     so kernels can work on a subset of the full arrays instead of copying them.
// Every random choice is seeded through main/analysis/random.ts, so the same seed gives the same result anywhere.

/** One Float64Array per feature (column-major); NaN = missing. */
export type FeatureColumns = readonly Float64Array[];

/** 0/1 labels, 1 = positive class. */
export type Labels = Uint8Array;

/** P(label = 1) per row. */
export type Probabilities = Float64Array;

/** Row indices (ascending) selecting a subset of the full arrays. */
export type RowSet = Uint32Array;

/** A train/test partition of rows. */
export interface RowSplit {
  train: RowSet;
  test: RowSet;
}
