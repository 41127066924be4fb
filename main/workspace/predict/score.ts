// Scoring a dataset with a saved model into a new dataset that segments, NPS and the audit can use:
//   id, probability, band_low, band_high (the fold models' spread), needs_review, review (automatic / pending review /
//   confirmed / overridden), flagged (the call: the model's, or the reviewer's; empty while a review is pending),
//   top_reasons (the three largest contributions in words), and, carried as they are, the actual outcome (when the
//   dataset has the target) and the protected attributes — so the model's fairness can be audited on it directly.
// Written in one transaction at the end: a cancelled or failed job leaves nothing behind.
import { AppError } from '../../../shared/errors';
import type { ScoreOutcome } from '../../../shared/predict';
import type { ColumnMeta } from '../../../shared/domain';
import { applyEncoding, featureOwners } from '../../analysis/predict/encoding';
import { explainModel, scoreModel } from '../../analysis/predict/frozen';
import { topReasons } from '../../analysis/predict/train/words';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { createDataset, getDataset, quoteIdent, setDatasetRowCount, toSummary, uniqueDatasetName } from '../datasets';
import type { LoadProgress } from '../nps/nps-columns';
import { loadForModel, modelRef } from './apply';
import { latestReviews, reviewState } from './reviews';

const n = (x: number) => x.toLocaleString('en-US');
const BLOCK = 4096;

export interface ScoreArgs {
  model: string;
  dataset: string;
  name?: string;
  /** Only these rows (positions in load order): the model's test rows, for its fairness audit. */
  subset?: Int32Array;
  /** Models of an event-log label: the day the history is counted up to, and the log (see historyAsOf). */
  asOf?: string;
  events?: string;
}

export function scoreWithModel(db: Db, args: ScoreArgs, ctx: LoadProgress): ScoreOutcome {
  const { id: resultId, name: modelName, result: model } = modelRef(db, args.model);
  const data = loadForModel(db, model, args.dataset, ctx, { subset: args.subset, carry: true, asOf: args.asOf, events: args.events });
  const encoded = applyEncoding(model.frozen.inputs, new Map(data.columns.map((c) => [c.name, c])), data.rows);
  const s = scoreModel(model.frozen, encoded.features);
  const owners = featureOwners(model.frozen.inputs);
  const reviews = data.ids ? latestReviews(db, resultId) : new Map();
  const idName = model.frozen.id && data.ids ? model.frozen.id : 'row';
  const taken = new Set(['probability', 'band_low', 'band_high', 'needs_review', 'review', 'flagged', 'top_reasons', idName]);
  const carried = data.carried.filter((c) => !taken.has(c.column.name));
  const name = args.name ?? uniqueDatasetName(db, `${data.ds.name} scored by ${modelName}`);
  const yesNo = { true: 'Yes', false: 'No' };
  const col = (c: string, type: ColumnMeta['type'], role: ColumnMeta['role'], extra: Partial<ColumnMeta> = {}): Omit<ColumnMeta, 'index'> => ({
    name: c,
    originalName: c,
    type,
    role,
    piiAction: 'keep',
    ...extra,
  });
  let needsReview = 0;
  for (const v of s.needsReview) needsReview += v;
  const states = { automatic: 0, 'pending review': 0, confirmed: 0, overridden: 0 };
  db.transaction(() => {
    const created = createDataset(db, {
      name,
      sourceFile: data.ds.sourceFile,
      importParams: { derivedFrom: data.ds.name, kind: 'model-scores', model: modelName, rows: args.subset ? 'test' : 'all' },
      columns: [
        col(idName, 'text', 'id'),
        col('probability', 'real', 'score'),
        col('band_low', 'real', 'feature'),
        col('band_high', 'real', 'feature'),
        col('needs_review', 'boolean', 'feature', { booleanLabels: yesNo }),
        col('review', 'text', 'category'),
        col('flagged', 'boolean', 'decision', { booleanLabels: yesNo }),
        col('top_reasons', 'text', 'feature'),
        ...carried.map((c) => col(c.column.name, c.column.type, c.column.role === 'protected' ? 'protected' : 'outcome', c.column.booleanLabels ? { booleanLabels: c.column.booleanLabels } : {})),
      ],
    });
    const insert = db.prepare(`INSERT INTO ${quoteIdent(created.tableName)} VALUES (${new Array(9 + carried.length).fill('?').join(', ')})`);
    // Explanations in blocks: TreeSHAP per block keeps memory flat on a million rows.
    for (let from = 0; from < data.rows; from += BLOCK) {
      if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Scoring cancelled; nothing was created.');
      ctx.onProgress({ phase: 'score', done: from, total: data.rows });
      const rows = Uint32Array.from({ length: Math.min(BLOCK, data.rows - from) }, (_, k) => from + k);
      const explained = explainModel(model.frozen, encoded.features, owners, model.frozen.inputs.length, rows);
      rows.forEach((r, k) => {
        const id = data.ids ? data.ids[r] : String(r + 1);
        const st = reviewState(s.needsReview[r] === 1, s.probability[r] >= model.frozen.threshold, reviews.get(id));
        states[st.state]++;
        const flagged = st.flagged === null ? null : st.flagged ? 1 : 0;
        const reasons = topReasons(explained[k].contributions, data.columns, r);
        insert.run(r + 1, id, s.probability[r], s.bandLow[r], s.bandHigh[r], s.needsReview[r], st.state, flagged, reasons, ...carried.map((c) => c.values[r]));
      });
    }
    setDatasetRowCount(db, created.id, data.rows);
    logActivity(
      db,
      'predict.score',
      `Scored “${data.ds.name}”${args.subset ? ' (the model’s test rows)' : ''} with the model “${modelName}”${data.asOf ? ` (history up to ${data.asOf})` : ''}: ${n(data.rows)} customers into dataset “${name}”; ${n(states['pending review'])} wait for a person's review, ${n(states.confirmed + states.overridden)} were reviewed.`,
      { model: modelName, dataset: data.ds.name, created: name, rows: data.rows, ...(data.asOf ? { asOf: data.asOf } : {}), needsReview, states, unseen: encoded.unseen.map((u) => ({ column: u.column, rows: u.rows })) },
    );
  })();
  return { dataset: toSummary(getDataset(db, name)), rows: data.rows, needsReview, unseen: encoded.unseen, ...(data.asOf ? { asOf: data.asOf } : {}) };
}
