// A score column read as 0–10 likelihood-to-recommend answers. Pure functions, no I/O.
//
// Without a mapping every answer must be a whole number 0–10; anything else is refused with the column, the
// first offending row and value, and how to map it — never silently reinterpreted. One more refusal: a column
// of at least 20 answers that never goes above 5 is almost surely a 1–5 (or 0–5) rating, where NPS would call
// everyone a detractor; the analyst confirms with a mapping (rescale 0–10 keeps the values as they are).
// One warning (not a refusal: a 0–10 survey may simply have no 0 answers): at least 200 whole-number answers with
// no 0 but both 1 and 10 look like a 1–10 rating (Skytrax-style reviews), not the 0–10 recommend question: its
// net score is not an NPS to compare with benchmarks, so the result suggests rescale 1–10, which labels it as such.
// (Rescaled and rounded, 1–10 keeps the same three categories: 1–6 detractors, 7–8 passives, 9–10 promoters.)
// With a mapping (only when the analyst says how):
//   round          values within 0–10, non-integers rounded half up (8.5 → 9);
//   rescale a–b    values within [a, b] mapped linearly onto 0–10, then rounded half up (1–5: 1→0, 2→3, 3→5,
//                  4→8, 5→10, so promoters are the 5s, passives the 4s, detractors 1–3).
// Half up is decided with a 1e-9 tolerance so 10 × (2 − 1) / 4 = 2.5 rounds to 3 even when floating point
// lands a hair below the half.
import type { NpsMapping } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';

export interface ReadScores {
  /** 0…10 per row, −1 for a missing answer. */
  scores: Int8Array;
  missing: number;
  /** Answers per score 0…10. */
  distribution: number[];
  mappingNote: string | null;
  /** Doubts about the scale that did not stop the reading (the 1–10 look), in words. */
  warnings: string[];
  /** The mapping those doubts suggest, for a one-click choice (null: none). */
  suggestedMapping: NpsMapping | null;
}

/** Where the values came from, for messages: column name and the data row number of an array index. */
export interface ScoreSource {
  dataset: string;
  column: string;
  rowOf: (i: number) => number;
}

const SHORT_SCALE_MIN_N = 20;
/** Below this many answers a missing 0 says little: a small 0–10 survey often has no 0. */
export const ONE_TO_TEN_MIN_N = 200;

const roundHalfUp = (x: number): number => Math.floor(x + 0.5 + 1e-9);
const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

interface Observed {
  n: number;
  min: number;
  max: number;
  integers: boolean;
}

function observe(values: Float64Array): Observed {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  return { n, min, max, integers };
}

/** The rescale a guess at the column's scale suggests, e.g. "rescale:1-5". */
function suggestedScale(o: Observed): [number, number] {
  if (o.min >= 1 && o.max <= 5) return [1, 5];
  if (o.min >= 0 && o.max <= 5) return [0, 5];
  if (o.min >= 1 && o.max <= 7) return [1, 7];
  if (o.min >= 1 && o.max <= 10) return [1, 10];
  if (o.min >= 0 && o.max <= 100) return [0, 100];
  return [o.min, o.max];
}

const mapHint = ([a, b]: [number, number]): string => `--map rescale:${fmt(a)}-${fmt(b)}`;

function refuse(src: ScoreSource, message: string, row?: number): never {
  throw new AppError('BAD_ARGUMENTS', message, { dataset: src.dataset, columnName: src.column, ...(row !== undefined ? { row } : {}) });
}

function firstIndex(values: Float64Array, bad: (v: number) => boolean): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && bad(v)) return i;
  }
  return -1;
}

function checkUnmapped(values: Float64Array, src: ScoreSource, o: Observed): void {
  const where = `Column "${src.column}" of dataset "${src.dataset}"`;
  const bad = firstIndex(values, (v) => !(v >= 0 && v <= 10 && Number.isInteger(v)));
  if (bad >= 0) {
    const v = values[bad];
    const row = src.rowOf(bad);
    const found = `values ${fmt(o.min)}–${fmt(o.max)} found`;
    const how =
      o.min >= 0 && o.max <= 10
        ? `${found}, not all whole numbers: pass --map round to round them half up to whole points, if that is what they mean`
        : `${found}: pass ${mapHint(suggestedScale(o))} if this is a ${fmt(suggestedScale(o)[0])}–${fmt(suggestedScale(o)[1])} rating (mapped linearly onto 0–10)`;
    refuse(src, `${where} is not a 0–10 recommend score: data row ${row} holds ${fmt(v)}. NPS needs whole numbers 0–10; ${how}.`, row);
  }
  if (o.n >= SHORT_SCALE_MIN_N && o.max <= 5) {
    const scale = suggestedScale(o);
    refuse(
      src,
      `${where} holds only values ${fmt(o.min)}–${fmt(o.max)} across ${o.n.toLocaleString('en-US')} answers: that looks like a ${fmt(scale[0])}–${fmt(scale[1])} rating, not a 0–10 likelihood to recommend, and read as NPS every answer would be a detractor. Pass ${mapHint(scale)} if this is a ${fmt(scale[0])}–${fmt(scale[1])} rating, or --map rescale:0-10 if these really are 0–10 answers.`,
    );
  }
}

/** Whole numbers 1–10 with both ends present and no 0 across enough answers: probably a 1–10 rating. */
function oneToTenWarning(o: Observed, src: ScoreSource): string | null {
  if (!(o.n >= ONE_TO_TEN_MIN_N && o.integers && o.min === 1 && o.max === 10)) return null;
  return `Column "${src.column}" has no 0 across ${o.n.toLocaleString('en-US')} answers while both 1 and 10 occur: it looks like a 1–10 rating (as in Skytrax-style reviews), not the 0–10 likelihood-to-recommend question NPS is defined on, so this "NPS" would not compare with published NPS figures. If it is a 1–10 rating, pass --map rescale:1-10 (in the app: "Treat as 1–10"): the answers are mapped onto 0–10 and the result is labelled a net score on the rating's scale; if it really is the 0–10 question, ignore this.`;
}

function mappingNote(mapping: NpsMapping, o: Observed, changed: number): string {
  if (mapping.kind === 'round') {
    return changed === 0 ? 'Scores were to be rounded half up to whole points; all were whole already.' : `${changed.toLocaleString('en-US')} scores that were not whole points were rounded half up (8.5 → 9).`;
  }
  const [a, b] = mapping.from;
  if (a === 0 && b === 10) return 'Scores read as 0–10 answers as given (the scale was confirmed with rescale 0–10).';
  const head = `Scores on ${fmt(a)}–${fmt(b)} were mapped linearly onto 0–10 and rounded half up`;
  // For a small integer scale, spell the mapping and what each category is.
  if (o.integers && Number.isInteger(a) && Number.isInteger(b) && b - a <= 10) {
    const pairs: string[] = [];
    const byCategory: [number[], number[], number[]] = [[], [], []];
    for (let v = a; v <= b; v++) {
      const s = roundHalfUp((10 * (v - a)) / (b - a));
      pairs.push(`${v}→${s}`);
      byCategory[s >= 9 ? 0 : s >= 7 ? 1 : 2].push(v);
    }
    const list = (xs: number[]) => (xs.length === 0 ? 'none' : xs.length === 1 ? String(xs[0]) : `${xs[0]}–${xs[xs.length - 1]}`);
    return `${head} (${pairs.join(', ')}): promoters are ${list(byCategory[0])}, passives ${list(byCategory[1])}, detractors ${list(byCategory[2])}. This is a net score on the original scale, not a 0–10 NPS.`;
  }
  return `${head}.`;
}

/** Read (and, when asked, map) a numeric score column; throws BAD_ARGUMENTS with a how-to on values that do not fit. */
export function readScores(values: Float64Array, mapping: NpsMapping | undefined, src: ScoreSource): ReadScores {
  const o = observe(values);
  const where = `Column "${src.column}" of dataset "${src.dataset}"`;
  const scores = new Int8Array(values.length);
  const distribution = new Array<number>(11).fill(0);
  let missing = 0;
  let changed = 0;
  if (!mapping) checkUnmapped(values, src, o);
  else if (mapping.kind === 'round') {
    const bad = firstIndex(values, (v) => !(v >= 0 && v <= 10));
    if (bad >= 0) {
      const row = src.rowOf(bad);
      refuse(src, `${where}: data row ${row} holds ${fmt(values[bad])}, outside 0–10, so rounding cannot make it a recommend score (values ${fmt(o.min)}–${fmt(o.max)} found; for another scale use ${mapHint(suggestedScale(o))}).`, row);
    }
  } else {
    const [a, b] = mapping.from;
    const bad = firstIndex(values, (v) => !(v >= a && v <= b));
    if (bad >= 0) {
      const row = src.rowOf(bad);
      refuse(src, `${where}: data row ${row} holds ${fmt(values[bad])}, outside the scale ${fmt(a)}–${fmt(b)} given to rescale (values ${fmt(o.min)}–${fmt(o.max)} found).`, row);
    }
  }
  const span = mapping?.kind === 'rescale' ? mapping.from[1] - mapping.from[0] : 0;
  const low = mapping?.kind === 'rescale' ? mapping.from[0] : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      scores[i] = -1;
      missing++;
      continue;
    }
    let s: number;
    if (!mapping) s = v;
    else if (mapping.kind === 'round') {
      s = roundHalfUp(v);
      if (s !== v) changed++;
    } else s = roundHalfUp((10 * (v - low)) / span);
    scores[i] = s;
    distribution[s]++;
  }
  const doubt = mapping ? null : oneToTenWarning(o, src);
  return {
    scores,
    missing,
    distribution,
    mappingNote: mapping ? mappingNote(mapping, o, changed) : null,
    warnings: doubt ? [doubt] : [],
    suggestedMapping: doubt ? { kind: 'rescale', from: [1, 10] } : null,
  };
}
