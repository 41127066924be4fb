// Using a saved model on a dataset: find the model, load the columns it was trained on with the frozen
// preprocessing, refusing a column that is missing or has changed type (a model silently fed the wrong column
// scores nonsense), and explain one customer. Scoring a whole dataset is in score.ts.
import { AppError } from '../../../shared/errors';
import { joinedFeatureName, type CustomerExplanation, type PredictResult } from '../../../shared/predict';
import { applyEncoding, featureOwners, type InputColumn } from '../../analysis/predict/encoding';
import { explainModel, scoreModel } from '../../analysis/predict/frozen';
import { riskHeadline, signed, valueText } from '../../analysis/predict/train/words';
import type { Db } from '../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../datasets';
import { getStored, listResults } from '../results/store';
import { loadProgress, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';
import { idTexts, SEGMENT_PREFIX, segmentInput, toInputColumn } from './columns';
import { historyAsOf } from './event-label';
import { joinedInputs } from './joined';
import { HISTORY_PREFIX } from '../../analysis/predict/event-label';

/** A saved model by exact name, else by id. */
export function modelRef(db: Db, ref: string): { id: number; name: string; result: PredictResult } {
  const all = listResults(db, 'model');
  const hit = all.find((r) => r.name === ref) ?? (/^\d+$/.test(ref) ? all.find((r) => r.id === Number(ref)) : undefined);
  if (!hit) {
    const names = all.map((r) => `“${r.name}”`).join(', ');
    throw new AppError('NOT_FOUND', `No saved model is named or numbered "${ref}".${names ? ` Saved models: ${names}.` : ' Train one first (cxw predict train … --name M).'}`);
  }
  return { id: hit.id, name: hit.name, result: getStored(db, hit.id).result as PredictResult };
}

export function readModel(db: Db, ref: string): { name: string; result: PredictResult } {
  return modelRef(db, ref);
}

/** A column carried into the scores as it is (the actual outcome, protected attributes), on the scored rows. */
export interface CarriedColumn {
  column: StoredColumn;
  values: (number | string | null)[];
}

export interface LoadOptions {
  subset?: Int32Array;
  carry?: boolean;
  /** A model of an event-log label: the day its history is counted up to, and the log (defaults: see historyAsOf). */
  asOf?: string;
  events?: string;
}

export interface Loaded {
  ds: StoredDataset;
  /** The day the history features were counted up to (event-log models only). */
  asOf?: string;
  columns: InputColumn[];
  ids: string[] | null;
  rows: number;
  carried: CarriedColumn[];
}

/**
 * The model's input columns of `datasetName` (on `subset` rows, positions in load order, or all), checked against
 * the frozen encoding; with `carry`, also the target (when the dataset has it) and every protected attribute.
 */
export function loadForModel(db: Db, model: PredictResult, datasetName: string, ctx: LoadProgress, opts: LoadOptions = {}): Loaded {
  const ds = getDataset(db, datasetName);
  const frozen = model.frozen;
  const segmentInputs = frozen.inputs.filter((i) => i.column.startsWith(SEGMENT_PREFIX));
  const fromLog = (column: string) => !!model.spec.label && column.startsWith(HISTORY_PREFIX);
  const joinedNames = new Set((model.spec.joined ?? []).flatMap((j) => j.columns.map((c) => joinedFeatureName(j.dataset, c))));
  const wanted = frozen.inputs.filter((i) => !i.column.startsWith(SEGMENT_PREFIX) && !fromLog(i.column) && !joinedNames.has(i.column)).map((input) => {
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
  if ((model.spec.label || joinedNames.size) && !idCol) {
    throw new AppError('BAD_ARGUMENTS', `“${ds.name}” has no column “${frozen.id}”: some of the model's features are found through each customer's id (in the event log or another dataset).`, {
      columnName: frozen.id ?? undefined,
    });
  }
  const carried = opts.carry ? ds.columns.filter((c) => c.name === frozen.target || (c.role === 'protected' && c.name !== frozen.id)) : [];
  const all = [...wanted, ...(idCol ? [idCol] : []), ...carried];
  const loaded = loadColumns(db, ds, [...new Map(all.map((c) => [c.index, c])).values()], loadProgress(ctx));
  const byName = new Map<string, LoadedColumn>(loaded.columns.map((c) => [c.column.name, c]));
  const rows = opts.subset ?? Int32Array.from(loaded.rows.keys());
  // A segment membership is matched to this dataset as NPS and the audit match it (by row, else through ids).
  const segments = new Map(segmentInputs.map((i) => [i.column, segmentInput(db, i.column.slice(SEGMENT_PREFIX.length), ds, loaded.rows, rows, ctx).column]));
  // A model of an event-log label: each customer's history as of the scoring day, from the log (and, for its own
  // test rows, the label as the outcome).
  const log = model.spec.label ? historyAsOf(db, model.spec.label, idTexts(byName.get(idCol!.name)!, rows), idCol!.name, opts, ctx) : null;
  // Columns of other datasets, matched through the id (as when training; no cut-off check: scoring is "now").
  const joined = model.spec.joined?.length
    ? joinedInputs(db, model.spec.joined, idTexts(byName.get(idCol!.name)!, rows), ctx, { confirmed: model.spec.confirmedLeaks ?? [], includeProtected: model.spec.includeProtected ?? [] }).columns
    : [];
  const history = new Map([...(log?.history ?? []), ...joined].map((h) => [h.name, h]));
  const labelCarried: CarriedColumn[] =
    log && opts.carry && opts.asOf === model.spec.label!.cutoff
      ? [{ column: { ...idCol!, name: model.target, originalName: model.target, type: 'text', role: 'outcome' }, values: Array.from(log.flags, (f) => (f < 0 ? null : f === 1 ? 'yes' : 'no')) }]
      : [];
  return {
    ds,
    asOf: log?.asOf,
    columns: frozen.inputs.map((i) => segments.get(i.column) ?? history.get(i.column) ?? toInputColumn(byName.get(i.column)!, rows)),
    ids: idCol ? idTexts(byName.get(idCol.name)!, rows) : null,
    rows: rows.length,
    carried: [...labelCarried, ...carried.map((c) => {
      const l = byName.get(c.name)!;
      return { column: c, values: Array.from(rows, (i) => (l.kind === 'numeric' ? (l.values[i] === l.values[i] ? l.values[i] : null) : l.codes[i] < 0 ? null : l.levels[l.codes[i]])) };
    })],
  };
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
