// Frozen preprocessing: how input columns become model features, fitted on the training rows only (so nothing about
// the test rows leaks into the encoding) and then applied unchanged to any data — the test rows, a new dataset to
// score, the SQL export. Numbers and yes/no columns are one feature each (missing stays NaN: the logistic model
// imputes the training mean, the trees learned where missing values go). Text columns are one-hot encoded: a level
// seen in at least `minLevelRows` training rows gets its own 0/1 feature, rarer levels — and levels never seen in
// training — share "(other)", and a missing value is its own level "(missing)" when training had any.
import { MISSING_LEVEL, OTHER_LEVEL, type EncodedInput } from '../../../shared/predict';
import type { FeatureColumns, RowSet } from './types';

/** One input column as the dataset layer hands it over. */
export type InputColumn =
  | { name: string; kind: 'number'; type: 'integer' | 'real' | 'boolean'; values: Float64Array }
  | { name: string; kind: 'levels'; type: 'text'; codes: Int32Array; levels: readonly string[] };

export interface Encoding {
  inputs: EncodedInput[];
  featureNames: string[];
  /** Per text column with pooled levels: how many levels and training rows went into "(other)". */
  pooled: { column: string; levels: number; rows: number }[];
}

/** The feature name of a text level: "Contract=Month-to-month". */
export const levelFeature = (column: string, level: string) => `${column}=${level}`;

export function fitEncoding(columns: readonly InputColumn[], train: RowSet, minLevelRows: number): Encoding {
  const inputs: EncodedInput[] = [];
  const featureNames: string[] = [];
  const pooledReport: Encoding['pooled'] = [];
  for (const c of columns) {
    if (c.kind === 'number') {
      inputs.push({ column: c.name, kind: 'number', type: c.type, feature: featureNames.length });
      featureNames.push(c.name);
      continue;
    }
    const counts = new Float64Array(c.levels.length);
    let missing = 0;
    for (const r of train) {
      const code = c.codes[r];
      if (code < 0) missing++;
      else counts[code]++;
    }
    // Frequent levels first (ties by text, so the order never depends on how the dataset was read).
    const order = [...c.levels.keys()].filter((k) => counts[k] > 0).sort((a, b) => counts[b] - counts[a] || (c.levels[a] < c.levels[b] ? -1 : 1));
    const kept = order.filter((k) => counts[k] >= minLevelRows).map((k) => c.levels[k]);
    const pooled = order.filter((k) => counts[k] < minLevelRows).map((k) => c.levels[k]);
    const levels = [...kept];
    // "(other)" is always there: a level the model never saw must land somewhere, not in the most common level.
    levels.push(OTHER_LEVEL);
    if (missing > 0) levels.push(MISSING_LEVEL);
    if (pooled.length > 0) pooledReport.push({ column: c.name, levels: pooled.length, rows: pooled.reduce((s, l) => s + counts[c.levels.indexOf(l)], 0) });
    inputs.push({ column: c.name, kind: 'levels', type: c.type, levels, feature: featureNames.length, pooled });
    for (const l of levels) featureNames.push(levelFeature(c.name, l));
  }
  return { inputs, featureNames, pooled: pooledReport };
}

export interface Encoded {
  features: FeatureColumns;
  /** Per text column: rows whose level the model never saw (scored as "(other)"), and how many distinct such levels. */
  unseen: { column: string; rows: number; levels: string[] }[];
}

/**
 * The model features of every row of `columns` (matched to the encoding by name; the caller checks that each is
 * there with its trained type). Text is matched by its level text, so a new dataset with other codes works.
 */
export function applyEncoding(inputs: readonly EncodedInput[], columns: ReadonlyMap<string, InputColumn>, rows: number): Encoded {
  const width = inputs.reduce((s, i) => s + (i.kind === 'number' ? 1 : i.levels.length), 0);
  const features: Float64Array[] = Array.from({ length: width }, () => new Float64Array(rows));
  const unseen: Encoded['unseen'] = [];
  for (const input of inputs) {
    const c = columns.get(input.column);
    if (!c) throw new Error(`column ${input.column} was not loaded`);
    if (input.kind === 'number') {
      if (c.kind !== 'number') throw new Error(`column ${input.column} is not numeric`);
      features[input.feature].set(c.values);
      continue;
    }
    if (c.kind !== 'levels') throw new Error(`column ${input.column} is not text`);
    const other = input.levels.indexOf(OTHER_LEVEL);
    const missing = input.levels.indexOf(MISSING_LEVEL);
    // Known levels by the code this dataset uses for them; a pooled or unseen level goes to "(other)".
    const slot = new Int32Array(c.levels.length).fill(other);
    const known = new Set(input.levels);
    const pooled = new Set(input.pooled);
    // 1 for a code whose level the model never saw (neither kept nor pooled in training).
    const isUnseen = new Uint8Array(c.levels.length);
    c.levels.forEach((level, code) => {
      if (level !== OTHER_LEVEL && level !== MISSING_LEVEL && known.has(level)) slot[code] = input.levels.indexOf(level);
      else if (!pooled.has(level)) isUnseen[code] = 1;
    });
    const unseenRowsByCode = new Float64Array(c.levels.length);
    let unseenRows = 0;
    for (let r = 0; r < rows; r++) {
      const code = c.codes[r];
      // A missing value the training data never had: "(other)", like any value the model has not seen.
      const s = code < 0 ? (missing >= 0 ? missing : other) : slot[code];
      if (code < 0 ? missing < 0 : isUnseen[code] === 1) {
        unseenRows++;
        if (code >= 0) unseenRowsByCode[code]++;
      }
      features[input.feature + s][r] = 1;
    }
    if (unseenRows > 0) {
      const levels = c.levels.filter((_, code) => unseenRowsByCode[code] > 0).slice(0, 20);
      unseen.push({ column: input.column, rows: unseenRows, levels });
    }
  }
  return { features, unseen };
}

/** Which input column each model feature belongs to (explanations and permutation importance work per column). */
export function featureOwners(inputs: readonly EncodedInput[]): number[] {
  const owner: number[] = [];
  inputs.forEach((input, k) => {
    const width = input.kind === 'number' ? 1 : input.levels.length;
    for (let j = 0; j < width; j++) owner[input.feature + j] = k;
  });
  return owner;
}
