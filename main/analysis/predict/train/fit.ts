// Fitting the members of a model (logistic, trees, or both for the ensemble) the way the validation needs them:
//   1. k-fold cross-validation on the training rows: each fold's model predicts the rows it did not see, giving
//      out-of-fold log-odds for every training row (honest estimates without touching the test rows);
//   2. Platt scaling per member fitted on those out-of-fold log-odds (a model's own training predictions are too
//      confident to calibrate on, trees especially);
//   3. the final member fitted on all training rows, calibrated with (2); the fold models kept, with the same
//      calibration, because their spread on a customer is that customer's uncertainty band.
// With one fold there is nothing out of fold: no calibration (a = 1, b = 0), no band, and the result says so.
import { AppError } from '../../../../shared/errors';
import type { FrozenGbdt, FrozenLogistic, FrozenMember } from '../../../../shared/predict';
import { fitPlatt } from '../calibration';
import { stratifiedKFold } from '../folds';
import { fitGbdt, type GbdtOptions } from '../gbdt/boost';
import type { GbdtModel } from '../gbdt/model';
import { fitLogistic, type LogisticModel } from '../logistic';
import { memberLogOdds } from '../frozen';
import type { FeatureColumns, Labels, RowSet } from '../types';

export type MemberKind = 'logistic' | 'gbdt';

export interface FitOptions {
  kinds: MemberKind[];
  folds: number;
  seed: number;
  C: number;
  gbdt: GbdtOptions;
  /** 0..1 of the whole fit, with what is being done. */
  onProgress?: (fraction: number, message: string) => void;
  isCancelled?: () => boolean;
}

export interface FittedMembers {
  members: FrozenMember[];
  /** Per member (same order), the k fold models with the member's calibration; empty with one fold. */
  folds: FrozenMember[][];
  /** Per member, calibrated out-of-fold log-odds of every row of the full arrays (NaN outside the training rows); null with one fold. */
  outOfFold: Float64Array[] | null;
  /** Fold (0..k−1) of each training row; null with one fold. */
  assignment: Int8Array | null;
}

export function freezeLogistic(m: LogisticModel): FrozenLogistic {
  return { mean: Array.from(m.mean), sd: Array.from(m.sd), coef: Array.from(m.coef), intercept: m.intercept, C: m.C };
}

export function freezeGbdt(m: GbdtModel): FrozenGbdt {
  return { baseMargin: m.baseMargin, trees: m.trees };
}

function fitMember(kind: MemberKind, x: FeatureColumns, y: Labels, rows: RowSet, o: FitOptions, names: readonly string[], tick: () => void): FrozenMember {
  const identity = { a: 1, b: 0 };
  if (kind === 'logistic') {
    const m = fitLogistic(x, y, { C: o.C, rows, names });
    tick();
    return { kind, logistic: freezeLogistic(m), calibration: identity };
  }
  const m = fitGbdt(x, y, { ...o.gbdt, seed: o.seed, isCancelled: o.isCancelled }, rows);
  tick();
  return { kind, gbdt: freezeGbdt(m), calibration: identity };
}

export function fitMembers(x: FeatureColumns, y: Labels, train: RowSet, names: readonly string[], o: FitOptions): FittedMembers {
  const k = o.folds;
  const steps = o.kinds.length * (k >= 2 ? k + 1 : 1);
  let done = 0;
  const tick = () => {
    if (o.isCancelled?.()) throw new AppError('CANCELLED', 'The training was cancelled.');
    done++;
    o.onProgress?.(done / steps, `Fitted ${done} of ${steps} models`);
  };
  if (k < 2) {
    return { members: o.kinds.map((kind) => fitMember(kind, x, y, train, o, names, tick)), folds: o.kinds.map(() => []), outOfFold: null, assignment: null };
  }
  const cv = stratifiedKFold(y, { k, seed: o.seed, rows: train });
  const n = y.length;
  const members: FrozenMember[] = [];
  const folds: FrozenMember[][] = [];
  const outOfFold: Float64Array[] = [];
  for (const kind of o.kinds) {
    const raw = new Float64Array(n).fill(Number.NaN);
    const foldModels = cv.splits.map((split) => {
      const m = fitMember(kind, x, y, split.train, o, names, tick);
      const margin = memberLogOdds(m, x, split.test);
      split.test.forEach((r, i) => (raw[r] = margin[i]));
      return m;
    });
    // Platt on the out-of-fold log-odds. The kernel's convention is P = σ(−(A·f + B)); ours is σ(a·f + b).
    const scores = Float64Array.from(train, (r) => raw[r]);
    const labels = Uint8Array.from(train, (r) => y[r]);
    const platt = fitPlatt(scores, labels);
    const calibration = { a: -platt.a, b: -platt.b };
    const calibrated = raw.map((v) => (v === v ? calibration.a * v + calibration.b : v));
    const final = fitMember(kind, x, y, train, o, names, tick);
    members.push({ ...final, calibration });
    folds.push(foldModels.map((f) => ({ ...f, calibration })));
    outOfFold.push(calibrated);
  }
  return { members, folds, outOfFold, assignment: cv.assignment };
}
