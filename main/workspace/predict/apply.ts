// Using a saved model on a dataset: find the model, load the columns it was trained on with the frozen
// preprocessing, refusing a column that is missing or has changed type (a model silently fed the wrong column
// scores nonsense), then score every row or explain one customer. The scores become a dataset of their own
// (id, probability, band_low, band_high, needs_review, top_reasons) that segments, NPS and the audit can use.
import { AppError } from '../../../shared/errors';
import type { CustomerExplanation, PredictResult, ScoreOutcome } from '../../../shared/predict';
import { applyEncoding, featureOwners, type InputColumn } from '../../analysis/predict/encoding';
import { explainModel, scoreModel } from '../../analysis/predict/frozen';
import { riskHeadline, signed, topReasons, valueText } from '../../analysis/predict/train/words';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { createDataset, getDataset, quoteIdent, setDatasetRowCount, toSummary, uniqueDatasetName, type StoredDataset } from '../datasets';
import { getStored, listResults } from '../results/store';
import { loadProgress, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';
import { idTexts, toInputColumn } from './columns';

const n = (x: number) => x.toLocaleString('en-US');

/** A saved model by exact name, else by id. */
export function readModel(db: Db, ref: string): { name: string; result: PredictResult } {
  const all = listResults(db, 'model');
  const hit = all.find((r) => r.name === ref) ?? (/^\d+$/.test(ref) ? all.find((r) => r.id === Number(ref)) : undefined);
  if (!hit) {
    const names = all.map((r) => `“${r.name}”`).join(', ');
    throw new AppError('NOT_FOUND', `No saved model is named or numbered "${ref}".${names ? ` Saved models: ${names}.` : ' Train one first (cxw predict train … --name M).'}`);
  }
  return { name: hit.name, result: getStored(db, hit.id).result as PredictResult };
}

interface Loaded {
  ds: StoredDataset;
  columns: InputColumn[];
  ids: string[] | null;
  rows: number;
}

function loadForModel(db: Db, model: PredictResult, datasetName: string, ctx: LoadProgress): Loaded {
  const ds = getDataset(db, datasetName);
  const frozen = model.frozen;
  const wanted = frozen.inputs.map((input) => {
    const c = ds.columns.find((x) => x.name === input.column);
    if (!c) throw new AppError('BAD_ARGUMENTS', `“${ds.name}” has no column “${input.column}”, which the model was trained on. Score a dataset with the same columns (rename the column if it is there under another name).`, { columnName: input.column });
    const asNumber = c.type === 'integer' || c.type === 'real' || c.type === 'boolean';
    const ok = input.kind === 'number' ? asNumber && (c.type === input.type || (input.type !== 'boolean' && c.type !== 'boolean')) : c.type === 'text';
    if (!ok) {
      throw new AppError('BAD_ARGUMENTS', `“${input.column}” is ${c.type} in “${ds.name}” but was ${input.type} when the model was trained; the model cannot read it. Re-import the column with its original type.`, {
        columnName: input.column,
      });
    }
    return c;
  });
  const idCol = frozen.id ? (ds.columns.find((c) => c.name === frozen.id) ?? null) : null;
  const loaded = loadColumns(db, ds, [...new Map([...wanted, ...(idCol ? [idCol] : [])].map((c) => [c.index, c])).values()], loadProgress(ctx));
  const byName = new Map<string, LoadedColumn>(loaded.columns.map((c) => [c.column.name, c]));
  const all = Int32Array.from(loaded.rows.keys());
  return {
    ds,
    columns: frozen.inputs.map((i) => toInputColumn(byName.get(i.column)!, all)),
    ids: idCol ? idTexts(byName.get(idCol.name)!, all) : null,
    rows: loaded.rows.length,
  };
}

/** Score every row of `datasetName` into a new dataset. */
export function scoreWithModel(db: Db, args: { model: string; dataset: string; name?: string }, ctx: LoadProgress): ScoreOutcome {
  const { name: modelName, result: model } = readModel(db, args.model);
  const data = loadForModel(db, model, args.dataset, ctx);
  const encoded = applyEncoding(model.frozen.inputs, new Map(data.columns.map((c) => [c.name, c])), data.rows);
  const s = scoreModel(model.frozen, encoded.features);
  const owners = featureOwners(model.frozen.inputs);
  const idName = model.frozen.id && data.ids ? model.frozen.id : 'row';
  const name = args.name ?? uniqueDatasetName(db, `${data.ds.name} scored by ${modelName}`);
  let needsReview = 0;
  for (const v of s.needsReview) needsReview += v;
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Scoring cancelled; nothing was created.');
  const col = (c: string, type: 'integer' | 'real' | 'text' | 'boolean', role: 'id' | 'score' | 'decision' | 'feature') => ({ name: c, originalName: c, type, role, piiAction: 'keep' as const });
  db.transaction(() => {
    const created = createDataset(db, {
      name,
      sourceFile: data.ds.sourceFile,
      importParams: { derivedFrom: data.ds.name, kind: 'model-scores', model: modelName },
      columns: [
        col(idName, 'text', 'id'),
        col('probability', 'real', 'score'),
        col('band_low', 'real', 'feature'),
        col('band_high', 'real', 'feature'),
        { ...col('needs_review', 'boolean', 'decision'), booleanLabels: { true: 'Yes', false: 'No' } },
        col('top_reasons', 'text', 'feature'),
      ],
    });
    const insert = db.prepare(`INSERT INTO ${quoteIdent(created.tableName)} VALUES (?, ?, ?, ?, ?, ?, ?)`);
    // Explanations in blocks: TreeSHAP per block keeps memory flat on a million rows.
    const BLOCK = 4096;
    for (let from = 0; from < data.rows; from += BLOCK) {
      if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Scoring cancelled; nothing was created.');
      ctx.onProgress({ phase: 'score', done: from, total: data.rows });
      const rows = Uint32Array.from({ length: Math.min(BLOCK, data.rows - from) }, (_, k) => from + k);
      const explained = explainModel(model.frozen, encoded.features, owners, model.frozen.inputs.length, rows);
      rows.forEach((r, k) => {
        insert.run(r + 1, data.ids ? data.ids[r] : String(r + 1), s.probability[r], s.bandLow[r], s.bandHigh[r], s.needsReview[r], topReasons(explained[k].contributions, data.columns, r));
      });
    }
    setDatasetRowCount(db, created.id, data.rows);
    logActivity(db, 'predict.score', `Scored “${data.ds.name}” with the model “${modelName}”: ${n(data.rows)} customers into dataset “${name}”, ${n(needsReview)} marked for review.`, {
      model: modelName,
      dataset: data.ds.name,
      created: name,
      rows: data.rows,
      needsReview,
      unseen: encoded.unseen.map((u) => ({ column: u.column, rows: u.rows })),
    });
  })();
  return { dataset: toSummary(getDataset(db, name)), rows: data.rows, needsReview, unseen: encoded.unseen };
}

/** One customer's probability and the contribution of each input column, largest first. */
export function explainCustomer(db: Db, args: { model: string; dataset: string; id: string }, ctx: LoadProgress): CustomerExplanation {
  const { result: model } = readModel(db, args.model);
  if (!model.frozen.id) throw new AppError('BAD_ARGUMENTS', 'The model was trained without an id column, so customers cannot be looked up by id.');
  const data = loadForModel(db, model, args.dataset, ctx);
  if (!data.ids) throw new AppError('BAD_ARGUMENTS', `“${data.ds.name}” has no column “${model.frozen.id}” (the model's id column).`, { columnName: model.frozen.id });
  const row = data.ids.indexOf(args.id);
  if (row < 0) throw new AppError('NOT_FOUND', `No row of “${data.ds.name}” has ${model.frozen.id} = "${args.id}".`);
  const encoded = applyEncoding(model.frozen.inputs, new Map(data.columns.map((c) => [c.name, c])), data.rows);
  const rows = Uint32Array.of(row);
  const s = scoreModel(model.frozen, encoded.features, rows);
  const [e] = explainModel(model.frozen, encoded.features, featureOwners(model.frozen.inputs), model.frozen.inputs.length, rows);
  const contributions = data.columns
    .map((c, k) => ({ feature: c.name, value: valueText(c, row), contribution: e.contributions[k] }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  const head = riskHeadline(s.probability[0], s.bandLow[0], s.bandHigh[0], model.frozen.threshold);
  const words = contributions
    .slice(0, 3)
    .map((c) => `${c.feature} = ${c.value} ${signed(c.contribution)}`)
    .join(', ');
  return {
    id: args.id,
    probability: s.probability[0],
    bandLow: s.bandLow[0],
    bandHigh: s.bandHigh[0],
    needsReview: s.needsReview[0] === 1,
    base: e.base,
    logOdds: e.logOdds,
    contributions,
    sentence: `${head}: ${words}`,
  };
}
