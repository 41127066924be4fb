// Prediction models as a saved-result kind: trained by the 'predict.train' job (main/workspace/predict/run.ts),
// kept whole (metrics, explanations and the frozen model that scores new data) as the saved result's JSON.
import { predictSpecSchema } from '../../../shared/api';
import { PREDICT_MODEL_LABELS } from '../../../shared/predict';
import { modelSlides } from './slides/model';
import { n, quoted, renameOwnDataset, type AnalysisModule } from './types';

export const modelModule: AnalysisModule<'predict.train'> = {
  kind: 'model',
  handler: 'predict.train',
  specSchema: predictSpecSchema,
  cliCommand: 'cxw predict train',
  inputs: (spec) => [spec.dataset],
  describe: (spec) => `Model of ${spec.target} = ${spec.positive} in ${quoted(spec.dataset)} from ${spec.features.length} columns (${PREDICT_MODEL_LABELS[spec.model ?? 'gbdt']})`,
  defaultName: (spec) => `Model of ${spec.target} (${spec.model ?? 'gbdt'})`,
  ranSentence: (spec, r) =>
    `Trained a ${PREDICT_MODEL_LABELS[r.kind]} of ${spec.target} = ${r.positive} in ${quoted(spec.dataset)} on ${n(r.trainRows)} rows: test AUC ${r.test.auc.toFixed(3)} ` +
    `(${r.test.aucCi[0].toFixed(3)}–${r.test.aucCi[1].toFixed(3)}) on ${n(r.test.rows)} rows${r.includedProtected.length ? `; protected attributes used on purpose: ${r.includedProtected.join(', ')}` : ''}.`,
  logFigures: (r) => ({
    rows: r.rows,
    positives: r.positives,
    testAuc: r.test.auc,
    cvAuc: r.cv?.auc ?? null,
    threshold: r.threshold.value,
    includedProtected: r.includedProtected,
    confirmedLeaks: r.spec.confirmedLeaks ?? [],
  }),
  headline: (r) => [
    { label: 'Test AUC', value: Math.round(r.test.auc * 1000) / 1000 },
    { label: 'Test Brier score', value: Math.round(r.test.brier * 10000) / 10000 },
    { label: 'Threshold', value: Math.round(r.threshold.value * 1000) / 1000 },
  ],
  renameDataset: renameOwnDataset,
  // Every finding is in the result; the spec is compared on its own by re-run.
  ignoreOnRerun: ['spec'],
  resolveSpec: (db, spec) => {
    if (spec.id !== undefined) return spec;
    const row = db
      .prepare("SELECT c.name FROM dataset_columns c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = ? AND c.role = 'id' ORDER BY c.position LIMIT 1")
      .pluck()
      .get(spec.dataset) as string | undefined;
    return row ? { ...spec, id: row } : spec;
  },
  slides: modelSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'predict.train', { workspacePath: ctx.path, spec }),
};
