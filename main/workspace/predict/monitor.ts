// A saved model on a new wave of data (issue 16, "for saved models"): how far its scores moved from the reference
// wave (PSI on the reference's deciles — the Monitor view's one definition, main/analysis/monitor/drift — with KS and
// the normalised Wasserstein distance), and, where a wave has the actual outcome, how well it still ranks and how
// well calibrated it is (AUC with its DeLong CI, Brier, ECE). The reference is the training dataset unless told;
// there the model's untouched test rows are used, so its AUC is the honest one the model was judged on.
// Read-only: nothing is written.
import { AppError } from '../../../shared/errors';
import type { ModelMonitor, PredictResult, WaveFit } from '../../../shared/predict';
import { DEFAULT_DRIFT_THRESHOLDS } from '../../../shared/monitor-drift';
import { compareNumeric, presentSorted, psiBand } from '../../analysis/monitor/drift/compare-column';
import { delongAuc } from '../../analysis/predict/delong';
import { normalTwoSidedP } from '../../analysis/segment-stats';
import { brierScore, reliability } from '../../analysis/predict/metrics';
import { applyEncoding } from '../../analysis/predict/encoding';
import { scoreModel } from '../../analysis/predict/frozen';
import type { Db } from '../db';
import type { LoadProgress } from '../nps/nps-columns';
import { loadForModel, modelRef, type Loaded } from './apply';
import { modelTestRows } from './run';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

export function monitorModel(db: Db, args: { model: string; current: string; reference?: string }, ctx: LoadProgress): ModelMonitor {
  const { name, result: model } = modelRef(db, args.model);
  const referenceName = args.reference ?? model.spec.dataset;
  if (referenceName === args.current && !args.reference) {
    throw new AppError('BAD_ARGUMENTS', `“${args.current}” is the dataset the model was trained on: choose another wave to compare with it (or name a --reference).`);
  }
  const onTraining = referenceName === model.spec.dataset;
  const ref = scoreWave(db, model, referenceName, onTraining ? modelTestRows(db, model, ctx) : undefined, ctx);
  const cur = scoreWave(db, model, args.current, undefined, ctx);
  const t = DEFAULT_DRIFT_THRESHOLDS;
  const compared = compareNumeric('probability', presentSorted(ref.probability), presentSorted(cur.probability), ref.fit.rows, cur.fit.rows);
  const band = psiBand(compared.psi ?? 0, t);
  const aucChange = ref.aucSe !== null && cur.aucSe !== null ? changeOf(cur.fit.auc! - ref.fit.auc!, Math.hypot(ref.aucSe, cur.aucSe)) : null;
  const warnings: string[] = [];
  if (model.spec.label) warnings.push('The model’s outcome is made from an event log with a cut-off: a wave has its own outcome only once its own window has passed, so only the scores are compared.');
  if (cur.fit.labelled === 0 && !model.spec.label) warnings.push(`“${cur.fit.dataset}” has no “${model.target}” values yet: only the scores are compared; its AUC can be measured once the outcomes are known.`);
  return {
    model: name,
    reference: ref.fit,
    current: cur.fit,
    scoreDrift: { psi: compared.psi ?? 0, band, ks: compared.statistic ?? 0, pValue: compared.pValue ?? 1, distance: compared.distance ?? 0, bins: compared.bins },
    aucChange,
    verdict: verdictOf(ref.fit, cur.fit, compared.psi ?? 0, band, aucChange),
    warnings,
  };
}

interface Scored {
  fit: WaveFit;
  probability: Float64Array;
  aucSe: number | null;
}

function scoreWave(db: Db, model: PredictResult, dataset: string, subset: Int32Array | undefined, ctx: LoadProgress): Scored {
  // History features of an event-log model are counted up to its cut-off on the training rows, "now" elsewhere.
  const asOf = model.spec.label && subset ? model.spec.label.cutoff : undefined;
  const data: Loaded = loadForModel(db, model, dataset, ctx, { subset, carry: true, asOf });
  const encoded = applyEncoding(model.frozen.inputs, new Map(data.columns.map((c) => [c.name, c])), data.rows);
  const p = scoreModel(model.frozen, encoded.features).probability;
  let sum = 0;
  let flagged = 0;
  for (const v of p) {
    sum += v;
    if (v >= model.frozen.threshold) flagged++;
  }
  const outcome = data.carried.find((c) => c.column.name === model.target);
  const known: number[] = [];
  const y: number[] = [];
  if (outcome) {
    const positive = model.positive.trim().toLowerCase();
    outcome.values.forEach((v, i) => {
      if (v === null || v === '') return;
      known.push(i);
      y.push(String(v).trim().toLowerCase() === positive || (outcome.column.type === 'boolean' && v === 1 && ['yes', 'true', '1'].includes(positive)) ? 1 : 0);
    });
  }
  const labels = Uint8Array.from(y);
  const positives = y.reduce((s, v) => s + v, 0);
  const both = positives > 0 && positives < y.length;
  const pk = Float64Array.from(known, (i) => p[i]);
  const auc = both ? delongAuc(labels, pk) : null;
  return {
    probability: p,
    aucSe: auc ? auc.se : null,
    fit: {
      dataset,
      rows: data.rows,
      rowsKind: subset ? 'test rows' : 'all',
      meanProbability: data.rows ? sum / data.rows : 0,
      flaggedShare: data.rows ? flagged / data.rows : 0,
      labelled: known.length,
      positives: known.length ? positives : null,
      auc: auc ? auc.auc : null,
      aucCi: auc ? auc.ci : null,
      brier: both ? brierScore(labels, pk) : null,
      ece: both ? reliability(labels, pk).ece : null,
    },
  };
}

/** A difference with its normal 95% interval and two-sided p-value. */
function changeOf(difference: number, se: number): { difference: number; ci: [number, number]; pValue: number } {
  const z = se > 0 ? difference / se : 0;
  return { difference, ci: [difference - 1.959963984540054 * se, difference + 1.959963984540054 * se], pValue: se > 0 ? normalTwoSidedP(z) : 1 };
}

function verdictOf(ref: WaveFit, cur: WaveFit, psi: number, band: string, change: ModelMonitor['aucChange']): string {
  const scores =
    band === 'stable'
      ? `The scores of “${cur.dataset}” look like the reference’s (PSI ${psi.toFixed(3)}: stable)`
      : `The scores of “${cur.dataset}” moved ${band === 'major' ? 'a lot' : 'somewhat'} from the reference’s (PSI ${psi.toFixed(3)}: ${band}); mean probability ${pct(ref.meanProbability)} → ${pct(cur.meanProbability)}`;
  if (!change || cur.auc === null || ref.auc === null) return `${scores}.`;
  const ranking =
    change.pValue < 0.05
      ? `the model ranks ${change.difference < 0 ? 'worse' : 'better'} on it: AUC ${f3(ref.auc)} → ${f3(cur.auc)} (difference ${f3(change.difference)}, 95% CI ${f3(change.ci[0])} to ${f3(change.ci[1])}, p = ${change.pValue.toPrecision(2)})`
      : `its AUC ${f3(cur.auc)} is within what chance allows of the reference’s ${f3(ref.auc)} (p = ${change.pValue.toPrecision(2)})`;
  return `${scores}; ${ranking}.`;
}
