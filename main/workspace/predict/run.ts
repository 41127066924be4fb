// The 'predict.train' job: read the target, the features, the id and the test-split column of a dataset, check the
// spec against the data (two-valued target with the positive value named, allowed features, no leak), and train
// (main/analysis/predict/train). Read-only: the result is stored by the saved-result path like every analysis.
import { AppError } from '../../../shared/errors';
import type { PredictResult, PredictSpec, ProxyFlag } from '../../../shared/predict';
import { proxyAssociations } from '../../analysis/fairness/proxies';
import { splitByValue, stratifiedSplit } from '../../analysis/predict/folds';
import { LEAK_AUC, findLeaks } from '../../analysis/predict/train/leakage';
import { trainModel } from '../../analysis/predict/train';
import type { Db } from '../db';
import type { InputColumn } from '../../analysis/predict/encoding';
import { getDataset, type StoredColumn } from '../datasets';
import { groupsOf } from '../audit/groups';
import { loadProgress, resolveColumn, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';
import { checkFeatureColumns, idTexts, SEGMENT_PREFIX, segmentInput, toInputColumn } from './columns';
import { datesAfterCutoff } from './event-label';
import { readLabels, targetColumn } from './labels';
import { joinedInputs } from './joined';
import { gbdtThreads, setUpGbdtKernel } from './gbdt-pool';
import { startImportanceHelper } from './importance-helper';

export const FEW_POSITIVES = 500;
export const PROXY_THRESHOLD = 0.3;
const n = (x: number) => x.toLocaleString('en-US');

/** The spec with every default made explicit (what is saved, so a re-run asks the same). */
export function resolvePredictSpec(spec: PredictSpec, idColumn: string | undefined): PredictSpec {
  return {
    ...spec,
    id: spec.id ?? idColumn,
    model: spec.model ?? 'gbdt',
    folds: spec.folds ?? 5,
    test: spec.test ?? { share: 0.2 },
    seed: spec.seed ?? 42,
    threshold: spec.threshold ?? { rule: 'cost', missedPositiveCost: 1 },
    minLevelRows: spec.minLevelRows ?? 30,
  };
}

export function runPredictTraining(db: Db, input: PredictSpec, ctx: LoadProgress): PredictResult {
  const ds = getDataset(db, input.dataset);
  const spec = resolvePredictSpec(input, ds.columns.find((c) => c.role === 'id')?.name);
  const folds = spec.folds!;
  if (!(Number.isInteger(folds) && folds >= 1 && folds <= 10)) throw new AppError('BAD_ARGUMENTS', `--folds must be a whole number from 1 to 10; got ${folds}.`);
  const target = targetColumn(ds, spec);
  const features = checkFeatureColumns(ds, spec.target, spec.features, spec.includeProtected ?? []);
  const idCol = spec.id ? resolveColumn(ds, spec.id, 'id') : null;
  const testCol = spec.test && 'column' in spec.test ? resolveColumn(ds, spec.test.column, 'test split') : null;
  if (testCol && features.some((f) => f.name === testCol.name)) {
    throw new AppError('BAD_ARGUMENTS', `“${testCol.name}” defines the test rows, so it cannot also be a feature (the test rows would all share one value).`, { columnName: testCol.name });
  }
  const protectedCols = ds.columns.filter((c) => c.role === 'protected' && !features.some((f) => f.name === c.name));
  const wanted = unique([...(target ? [target] : []), ...features, ...(idCol ? [idCol] : []), ...(testCol ? [testCol] : []), ...protectedCols]);
  const loaded = loadColumns(db, ds, wanted, loadProgress(ctx));
  const byName = new Map(loaded.columns.map((c) => [c.column.name, c]));
  const get = (c: StoredColumn) => byName.get(c.name)!;
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the data.');

  // The target: two values, the positive one named by the analyst (never guessed: a churn flag read backwards
  // turns every figure upside down), or made from an event log with a cut-off.
  const read = readLabels(db, spec, target, get, idCol, loaded.rows.length, ctx);
  const kept = Int32Array.from(read.flags.keys()).filter((i) => read.flags[i] >= 0);
  const labels = Uint8Array.from(kept, (i) => read.flags[i]);
  const positives = labels.reduce((s, v) => s + v, 0);
  if (positives === 0 || positives === labels.length) {
    throw new AppError('BAD_ARGUMENTS', `Every row with a known “${spec.target}” is ${positives === 0 ? 'not' : ''} “${read.chosen}”: there is nothing to predict.`, { columnName: spec.target });
  }
  if (spec.label) refuseLateTable(db, ds, spec, ctx);
  const columns = features.map((f) => toInputColumn(get(f), kept));
  for (const h of read.history) columns.push(onRows(h, kept));
  const joined = spec.joined?.length ? joinedFor(db, spec, idCol ? get(idCol) : null, loaded.rows.length, ctx) : { columns: [], warnings: [] };
  for (const j of joined.columns) columns.push(onRows(j, kept));
  const segmentWarnings: string[] = [];
  for (const name of spec.segmentations ?? []) {
    const s = segmentInput(db, name, ds, loaded.rows, kept, ctx);
    columns.push(s.column);
    for (const w of s.warnings) segmentWarnings.push(w);
  }
  const split = testSplit(spec, testCol ? get(testCol) : null, kept, labels);

  const leaks = findLeaks(columns, labels, split.train).filter((l) => !(spec.confirmedLeaks ?? []).includes(l.column));
  if (leaks.length > 0) {
    const l = leaks[0];
    throw new AppError(
      'BAD_ARGUMENTS',
      `“${l.column}” alone predicts “${spec.target}” almost perfectly (AUC ${l.auc.toFixed(3)} on the training rows, above ${LEAK_AUC}). That usually means it is recorded after the outcome ` +
        `(a leak), and a model built on it would look excellent and fail on new customers. Leave it out, or confirm it is known before the outcome (--confirm-leak ${l.column}).`,
      { columnName: l.column },
    );
  }

  const warnings: string[] = [...loaded.warnings, ...read.warnings, ...segmentWarnings, ...joined.warnings];
  if (positives < FEW_POSITIVES) {
    warnings.push(`Only ${n(positives)} positive rows (“${spec.target}” = “${read.chosen}”): fewer than ${FEW_POSITIVES}, the floor commercial tools use. Treat every figure as rough, and look at the intervals.`);
  }
  const share = positives / labels.length;
  if (share < 0.05 || share > 0.95) warnings.push(`The classes are very unbalanced (${(share * 100).toFixed(1)}% positive): accuracy means little here; read the AUC, the precision–recall AUC and the lift.`);
  if (folds === 1) warnings.push('One fold: no cross-validation, so the probabilities are not calibrated and no customer gets an uncertainty band.');
  for (const c of spec.confirmedLeaks ?? []) {
    const isDate = spec.label && ds.columns.some((x) => x.name === c && (x.type === 'date' || x.type === 'datetime'));
    warnings.push(
      isDate
        ? `“${c}” holds dates after the cut-off, so the table was recorded later; the analyst confirmed the features were known by the cut-off.`
        : `“${c}” was kept although it alone predicts the target almost perfectly: the analyst confirmed it is known before the outcome.`,
    );
  }
  const includedProtected = features.filter((f) => f.role === 'protected').map((f) => f.name);
  for (const c of includedProtected) warnings.push(`The protected attribute “${c}” is used as a feature on purpose; the model card shows it.`);

  setUpGbdtKernel();
  const out = trainModel(
    { columns, labels, split, ids: idCol ? idTexts(get(idCol), kept) : null },
    {
      kind: spec.model!,
      folds,
      seed: spec.seed!,
      C: spec.logistic?.C ?? 1,
      // Large fits run their row passes on helper threads too (gbdt-pool.ts; the same model bits).
      gbdt: { ...spec.gbdt, parallel: gbdtThreads() },
      importanceHelper: (job) => startImportanceHelper(job, ctx.isCancelled),
      threshold: spec.threshold!,
      minLevelRows: spec.minLevelRows!,
      reviewBandWidth: 0.2,
      target: spec.target,
      positive: read.chosen,
      id: idCol?.name ?? null,
      isCancelled: ctx.isCancelled,
      onProgress: (f, message) => ctx.onProgress({ phase: 'train', done: Math.round(f * 1000), total: 1000, message }),
    },
  );
  const { notes, ...trained } = out;
  return {
    spec,
    kind: spec.model!,
    target: spec.target,
    positive: read.chosen,
    rows: labels.length,
    positives,
    excludedRows: loaded.rows.length - kept.length,
    trainRows: split.train.length,
    split: 'column' in spec.test! ? { kind: 'value', column: spec.test.column, value: spec.test.value } : { kind: 'share', share: spec.test!.share },
    ...trained,
    includedProtected,
    proxies: proxies(features.map(get), protectedCols.map(get), columns.filter((c) => c.name.startsWith(SEGMENT_PREFIX)), kept),
    warnings: [...warnings, ...notes],
    ...(read.eventLabel ? { eventLabel: read.eventLabel } : {}),
  };
}

/**
 * A label made from an event log with a customer table that holds dates after the cut-off: the table was recorded
 * later, so its columns may already reflect the outcome window (a leak no single-column check can see). Stopped with
 * the column named, unless the analyst confirms it (the model card says so).
 */
function refuseLateTable(db: Db, ds: ReturnType<typeof getDataset>, spec: PredictSpec, ctx: LoadProgress): void {
  // One confirmation is about the table (when it was recorded), so it covers all its date columns.
  const confirmed = (spec.confirmedLeaks ?? []).some((c) => ds.columns.some((x) => x.name === c && (x.type === 'date' || x.type === 'datetime')));
  if (confirmed) return;
  const late = datesAfterCutoff(db, ds, spec.label!.cutoff, [], ctx);
  if (late.length === 0) return;
  const l = late[0];
  const more = late.slice(1).map((x) => `“${x.column}” up to ${x.latest}`);
  throw new AppError(
    'BAD_ARGUMENTS',
    `“${ds.name}” holds dates after the cut-off ${spec.label!.cutoff} (“${l.column}” up to ${l.latest}${more.length ? `; ${more.join('; ')}` : ''}): the table was recorded after the cut-off, ` +
      `so its columns may already know what happened in the outcome window. Use features known by the cut-off (the event log's history features are), or confirm the table's features were known by then (--confirm-leak ${l.column}).`,
    { columnName: l.column },
  );
}

/** Columns of other datasets matched through the id (./joined.ts), on every loaded row. */
function joinedFor(db: Db, spec: PredictSpec, id: LoadedColumn | null, rows: number, ctx: LoadProgress) {
  if (!id) throw new AppError('BAD_ARGUMENTS', 'Columns from another dataset are matched through the customer id: the dataset needs an id column (--id COL).');
  const ids = idTexts(id, Int32Array.from({ length: rows }, (_, k) => k));
  return joinedInputs(db, spec.joined!, ids, ctx, { cutoff: spec.label?.cutoff, confirmed: spec.confirmedLeaks ?? [], includeProtected: spec.includeProtected ?? [] });
}

/** A feature made on every loaded row (history, joined columns) on the kept rows only. */
function onRows(h: InputColumn, kept: Int32Array): InputColumn {
  if (h.kind === 'number') {
    const values = new Float64Array(kept.length);
    for (let k = 0; k < kept.length; k++) values[k] = h.values[kept[k]];
    return { ...h, values };
  }
  const codes = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) codes[k] = h.codes[kept[k]];
  return { ...h, codes };
}

/**
 * The dataset rows (positions in load order) that were the model's untouched test rows: the split is deterministic
 * (seeded, or by a column value), so it is recomputed rather than stored. Refused when the dataset no longer has the
 * rows it had when the model was trained.
 */
export function modelTestRows(db: Db, model: PredictResult, ctx: LoadProgress): Int32Array {
  const spec = model.spec;
  const ds = getDataset(db, spec.dataset);
  const target = targetColumn(ds, spec);
  const testCol = spec.test && 'column' in spec.test ? resolveColumn(ds, spec.test.column, 'test split') : null;
  const idCol = spec.label ? resolveColumn(ds, spec.id!, 'id') : null;
  const loaded = loadColumns(db, ds, unique([...(target ? [target] : []), ...(idCol ? [idCol] : []), ...(testCol ? [testCol] : [])]), loadProgress(ctx));
  const byName = new Map(loaded.columns.map((c) => [c.column.name, c]));
  const read = readLabels(db, spec, target, (c) => byName.get(c.name)!, idCol, loaded.rows.length, ctx);
  const kept = Int32Array.from(read.flags.keys()).filter((i) => read.flags[i] >= 0);
  if (loaded.rows.length !== model.rows + model.excludedRows || kept.length !== model.rows) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `“${ds.name}” has changed since the model was trained (${n(loaded.rows.length)} rows now, ${n(model.rows + model.excludedRows)} then), so its test rows cannot be found again. Train the model again on the data as it is now.`,
    );
  }
  const labels = Uint8Array.from(kept, (i) => read.flags[i]);
  const split = testSplit(spec, testCol ? byName.get(testCol.name)! : null, kept, labels);
  return Int32Array.from(split.test, (k) => kept[k]);
}

function unique(cols: StoredColumn[]): StoredColumn[] {
  return [...new Map(cols.map((c) => [c.index, c])).values()];
}

function testSplit(spec: PredictSpec, testCol: LoadedColumn | null, kept: Int32Array, labels: Uint8Array) {
  const test = spec.test!;
  try {
    if ('column' in test) {
      const c = testCol!;
      const values = c.kind === 'numeric' ? Float64Array.from(kept, (i) => c.values[i]) : Array.from(kept, (i) => (c.codes[i] < 0 ? null : c.levels[c.codes[i]]));
      return splitByValue(values, test.value, test.column, labels);
    }
    return stratifiedSplit(labels, test.share, spec.seed!);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_ARGUMENTS', (err as Error).message);
  }
}

/** Features (and segment memberships) strongly associated with a protected attribute, on the modelled rows (Cramér's V > 0.3, the audit's proxy check). */
function proxies(features: LoadedColumn[], attributes: LoadedColumn[], segments: InputColumn[], kept: Int32Array): ProxyFlag[] {
  if (attributes.length === 0) return [];
  const coded = (c: LoadedColumn) => {
    const g = groupsOf(c, undefined);
    return { name: c.column.name, codes: Int32Array.from(kept, (i) => g.codes[i]), levels: g.levels };
  };
  const attrs = attributes.map(coded);
  const feats = features.map(coded).filter((f) => f.levels.length >= 2 && f.levels.length <= 100);
  for (const s of segments) if (s.kind === 'levels') feats.push({ name: s.name, codes: Int32Array.from(s.codes), levels: [...s.levels] });
  return flagged(proxyAssociations(feats, attrs, kept.length, PROXY_THRESHOLD));
}

function flagged(all: ReturnType<typeof proxyAssociations>): ProxyFlag[] {
  return all.filter((a) => a.flag).map((a) => ({ feature: a.feature, attribute: a.attribute, cramersV: a.cramersV, explanation: a.explanation }));
}
