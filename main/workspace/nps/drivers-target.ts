// The key-driver target as numbers: which model ('auto' resolved), the target per row (NaN = missing; 0/1 for a
// binary model) and a sentence saying what 1 means. Decisions, stated in the note the result carries:
// - 'auto' is logistic for a boolean target or one with exactly two distinct values, linear otherwise;
// - the value that counts as 1: `positive` when given; else true for a boolean, the larger of two numbers, or the
//   later of two texts in character-code order ("satisfied" after "neutral or dissatisfied");
// - with `positive` and more than two values, the model is "that value vs all the others";
// - 'detractor' / 'promoter' need integer 0–10 scores: 1 = detractor (0–6) / promoter (9–10);
// - which way is good is a separate question (resolveDirection): the spec's `direction`, else the target's role,
//   name or the label counted as 1 (shared/drivers-direction.ts); with none of them the analysis refuses and asks.
import type { ColumnRole } from '../../../shared/domain';
import type { DriversDirection } from '../../../shared/drivers-direction';
import { inferDirection } from '../../../shared/drivers-direction';
import type { DriversDirectionNote, DriversSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import type { LoadedColumn } from '../segments/columns';

export interface ResolvedTarget {
  model: 'linear' | 'logistic';
  y: Float64Array;
  note: string;
  /** For a binary model: the value counted as 1 as the data spells it ("Yes", "1", "detractor"). */
  oneLabel?: string;
  /** What more / less of the target reads as: 'a higher chance of "Churn" = Yes', 'a higher "nps_score"'. */
  words: { more: string; less: string };
}

const bad = (message: string) => new AppError('BAD_ARGUMENTS', message);

const binaryWords = (name: string, one: string) => ({ more: `a higher chance of "${name}" = ${one}`, less: `a lower chance of "${name}" = ${one}` });

function distinctNumbers(values: Float64Array): number[] {
  const seen = new Set<number>();
  for (const v of values) {
    if (!Number.isNaN(v)) seen.add(v);
    if (seen.size > 2) break;
  }
  return [...seen].sort((a, b) => a - b);
}

function npsBinary(col: LoadedColumn & { kind: 'numeric' }, model: 'detractor' | 'promoter'): ResolvedTarget {
  const name = col.column.name;
  const y = new Float64Array(col.values.length);
  let badCount = 0;
  let example = 0;
  col.values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      y[i] = Number.NaN;
      return;
    }
    if (!Number.isInteger(v) || v < 0 || v > 10) {
      if (badCount++ === 0) example = v;
      return;
    }
    y[i] = model === 'detractor' ? (v <= 6 ? 1 : 0) : v >= 9 ? 1 : 0;
  });
  if (badCount > 0) {
    throw bad(`The ${model} model needs "${name}" to hold whole scores from 0 to 10, but ${badCount} rows do not (e.g. ${example}). Use the linear model, or choose the 0–10 likelihood-to-recommend column.`);
  }
  return model === 'detractor'
    ? { model: 'logistic', y, note: `1 = detractor ("${name}" 0–6), 0 = passive or promoter (7–10).`, oneLabel: 'detractor', words: { more: 'more detractors', less: 'fewer detractors' } }
    : { model: 'logistic', y, note: `1 = promoter ("${name}" 9–10), 0 = passive or detractor (0–8).`, oneLabel: 'promoter', words: { more: 'more promoters', less: 'fewer promoters' } };
}

function numericTarget(col: LoadedColumn & { kind: 'numeric' }, spec: DriversSpec): ResolvedTarget {
  const name = col.column.name;
  const model = spec.model ?? 'auto';
  if (model === 'detractor' || model === 'promoter') return npsBinary(col, model);
  const distinct = distinctNumbers(col.values);
  const boolean = col.column.type === 'boolean';
  if (model === 'linear' || (model === 'auto' && !boolean && distinct.length > 2 && spec.positive === undefined)) {
    return { model: 'linear', y: col.values, note: `"${name}" as a number (linear relative weights, Johnson 2000).`, words: { more: `a higher "${name}"`, less: `a lower "${name}"` } };
  }
  const labels = col.column.booleanLabels;
  const label = (v: number) => (boolean ? (v === 1 ? (labels?.true ?? 'true') : (labels?.false ?? 'false')) : String(v));
  let positive: number;
  let why: string;
  if (spec.positive !== undefined) {
    const wanted = spec.positive.trim().toLowerCase();
    const truthy = ['true', 'yes', 'y', '1', labels?.true.toLowerCase()];
    const falsy = ['false', 'no', 'n', '0', labels?.false.toLowerCase()];
    positive = boolean ? (truthy.includes(wanted) ? 1 : falsy.includes(wanted) ? 0 : Number.NaN) : Number(spec.positive);
    if (!(Number.isFinite(positive) && col.values.includes(positive))) {
      const shown = distinct.length > 2 ? 'numbers' : distinct.map(label).join(' / ');
      throw bad(`The positive value "${spec.positive}" does not occur in "${name}" (its values: ${shown}). Give one of them.`);
    }
    why = 'as asked';
  } else if (distinct.length === 2) {
    positive = distinct[1];
    why = boolean ? 'true counts as 1 unless a positive value is given' : 'the larger value counts as 1 unless a positive value is given';
  } else {
    throw bad(`A logistic model needs a target with two values; "${name}" has ${distinct.length < 2 ? 'only one' : 'more than two'}. Give a positive value (it is modelled against all the others) or use the linear model.`);
  }
  const y = new Float64Array(col.values.length);
  col.values.forEach((v, i) => (y[i] = Number.isNaN(v) ? Number.NaN : v === positive ? 1 : 0));
  const rest = distinct.length === 2 ? `it is ${label(distinct.find((v) => v !== positive)!)}` : 'any other value';
  return { model: 'logistic', y, note: `1 = "${name}" is ${label(positive)}, 0 = ${rest} (${why}).`, oneLabel: label(positive), words: binaryWords(name, label(positive)) };
}

function textTarget(col: LoadedColumn & { kind: 'categorical' }, spec: DriversSpec): ResolvedTarget {
  const name = col.column.name;
  const model = spec.model ?? 'auto';
  if (model === 'linear' || model === 'detractor' || model === 'promoter') {
    throw bad(`The target "${name}" is text, so the ${model} model cannot use it. Choose a numeric target, or the logistic model with a positive value.`);
  }
  const present = new Set<number>();
  for (const c of col.codes) if (c >= 0) present.add(c);
  const levels = [...present].sort((a, b) => a - b).map((c) => col.levels[c]);
  let positive: string;
  let why: string;
  if (spec.positive !== undefined) {
    if (!levels.includes(spec.positive)) {
      throw bad(`The positive value "${spec.positive}" does not occur in "${name}". Its values: ${levels.slice(0, 20).map((l) => `"${l}"`).join(', ')}${levels.length > 20 ? ', …' : ''}.`);
    }
    positive = spec.positive;
    why = 'as asked';
  } else if (levels.length === 2) {
    positive = levels[1];
    why = 'the later value in character order counts as 1 unless a positive value is given';
  } else {
    throw bad(
      `The target "${name}" is text with ${levels.length} value${levels.length === 1 ? '' : 's'}; a key-driver model needs a numeric target or a two-valued one. Give a positive value (e.g. "${levels[0] ?? ''}") to model it against the others.`,
    );
  }
  const code = col.levels.indexOf(positive);
  const y = new Float64Array(col.codes.length);
  col.codes.forEach((c, i) => (y[i] = c < 0 ? Number.NaN : c === code ? 1 : 0));
  const rest = levels.length === 2 ? `"${levels.find((l) => l !== positive)}"` : 'any other value';
  return { model: 'logistic', y, note: `1 = "${name}" is "${positive}", 0 = ${rest} (${why}).`, oneLabel: positive, words: binaryWords(name, positive) };
}

export function resolveTarget(col: LoadedColumn, spec: DriversSpec): ResolvedTarget {
  return col.kind === 'numeric' ? numericTarget(col, spec) : textTarget(col, spec);
}

/**
 * Which way is good: the spec's direction, else inferred from the target's role and name (and the value counted as
 * 1). Neither → a refusal that names both the set-up choice and the command-line flag, because guessing "1 is
 * good" once read churn backwards.
 */
export function resolveDirection(column: { name: string; role?: ColumnRole }, spec: DriversSpec, target: ResolvedTarget): DriversDirectionNote {
  const fixed = spec.model === 'detractor' || spec.model === 'promoter' ? inferDirection(column, spec.model) : null;
  if (fixed && spec.direction && spec.direction !== fixed.direction) {
    throw bad(`The ${spec.model} model is ${fixed.direction} by definition (1 = ${spec.model}); leave the direction out, or use the linear model if you mean the score itself.`);
  }
  const inferred = spec.direction ? null : inferDirection(column, spec.model, target.oneLabel);
  const direction: DriversDirection | undefined = spec.direction ?? inferred?.direction;
  if (!direction) {
    const what = target.oneLabel !== undefined ? `"${column.name}" = ${target.oneLabel}` : `a higher "${column.name}"`;
    throw bad(
      `Cannot tell from its name whether ${what} is the good or the bad outcome, and reading it the wrong way round turns every driver's meaning upside down. Say which: in the app choose "Which is the good outcome?"; on the command line pass --direction higher-is-better or --direction higher-is-worse.`,
    );
  }
  const worse = direction === 'higher-is-worse';
  const subject = target.oneLabel !== undefined ? `"${column.name}" = ${target.oneLabel}` : `a higher "${column.name}"`;
  const source = spec.direction ? 'asked' : inferred!.reason;
  const why = spec.direction ? 'as chosen' : `inferred from ${inferred!.reason}`;
  return {
    direction,
    source,
    sentence: `Higher is ${worse ? 'worse' : 'better'}: ${subject} is the outcome to ${worse ? 'avoid' : 'aim for'} (${why}). Drivers are signed so that + means ${target.words.more}.`,
  };
}
