// A seeded synthetic customer table for the model-SQL tests, the models fitted on it by the app's own kernels, and
// the same rows loaded into an in-memory SQLite table, so the exported SQL can be checked against scoreModel.
//   columns: id; tenure (integer, ~10% NULL, NULL itself raises the outcome so trees learn where missing goes);
//   a"b (real, ~15% NULL: a quote in a column name); member (yes/no as 1/0, ~5% NULL); plan (text: three common
//   levels, one of them O'Brien, two rare levels pooled into "(other)", ~6% NULL); region (text, never NULL in
//   training, so a NULL in new rows is "(other)").
//   Training rows 0..TRAIN-1; then "new" rows the model never saw: unseen plan and region levels, the literal texts
//   "(other)" and "(missing)", NULL regions, and every column NULL at once.
import Database from 'better-sqlite3';
import type { FrozenMember, FrozenModel } from '../../../shared/predict';
import { createRng } from '../../../main/analysis/random';
import { applyEncoding, fitEncoding, type InputColumn } from '../../../main/analysis/predict/encoding';
import { fitLogistic } from '../../../main/analysis/predict/logistic';
import { fitGbdt, type GbdtOptions } from '../../../main/analysis/predict/gbdt/boost';
import type { FeatureColumns } from '../../../main/analysis/predict/types';
import { encodeLevels } from '../../../main/workspace/text-codes';

export const TRAIN = 2000;
export const TABLE = 'cust"omers';

export interface Row {
  id: number;
  tenure: number | null;
  spend: number | null;
  member: number | null;
  plan: string | null;
  region: string | null;
}

export const COLUMNS = { id: 'id', tenure: 'tenure', spend: 'a"b', member: 'member', plan: 'plan', region: 'region' } as const;

export function makeRows(): { rows: Row[]; y: Uint8Array } {
  const rng = createRng(2024);
  const rows: Row[] = [];
  const y: number[] = [];
  const plans = ['Basic', 'Plus', "O'Brien"];
  const regions = ['North', 'South', 'East', 'West'];
  for (let i = 0; i < TRAIN; i++) {
    const tenure = rng.chance(0.1) ? null : rng.int(0, 72);
    const spend = rng.chance(0.15) ? null : Math.round(rng.uniform(10, 120) * 100) / 100;
    const member = rng.chance(0.05) ? null : rng.chance(0.4) ? 1 : 0;
    const planDraw = rng.next();
    const plan = planDraw < 0.06 ? null : planDraw < 0.075 ? 'Rare one' : planDraw < 0.085 ? 'Rare two' : plans[rng.int(0, 2)];
    const region = regions[rng.int(0, 3)];
    const eta =
      -0.5 +
      (tenure === null ? 1.2 : -0.04 * (tenure - 30)) +
      (spend === null ? 0 : 0.02 * (spend - 60)) +
      (member === 1 ? -0.8 : 0) +
      (plan === 'Basic' ? 0.7 : plan === "O'Brien" ? -0.5 : 0) +
      (region === 'North' ? 0.4 : 0);
    rows.push({ id: i + 1, tenure, spend, member, plan, region });
    y.push(rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  const extra: Omit<Row, 'id'>[] = [
    { tenure: 10, spend: 50, member: 1, plan: 'Brand new plan', region: 'North' },
    { tenure: 10, spend: 50, member: 0, plan: '(other)', region: 'Atlantis' },
    { tenure: 10, spend: 50, member: 0, plan: '(missing)', region: null },
    { tenure: null, spend: null, member: null, plan: null, region: null },
    { tenure: 72, spend: 119.99, member: 1, plan: 'Rare two', region: 'West' },
    { tenure: 0, spend: 10, member: 0, plan: 'basic', region: 'north' },
  ];
  extra.forEach((r, k) => rows.push({ id: TRAIN + k + 1, ...r }));
  for (let k = 0; k < extra.length; k++) y.push(k % 2);
  return { rows, y: Uint8Array.from(y) };
}

const f64 = (values: (number | null)[]) => Float64Array.from(values, (v) => (v === null ? Number.NaN : v));

export function inputColumns(rows: readonly Row[]): InputColumn[] {
  const plan = encodeLevels(rows.map((r) => r.plan));
  const region = encodeLevels(rows.map((r) => r.region));
  return [
    { name: COLUMNS.tenure, kind: 'number', type: 'integer', values: f64(rows.map((r) => r.tenure)) },
    { name: COLUMNS.spend, kind: 'number', type: 'real', values: f64(rows.map((r) => r.spend)) },
    { name: COLUMNS.member, kind: 'number', type: 'boolean', values: f64(rows.map((r) => r.member)) },
    { name: COLUMNS.plan, kind: 'levels', type: 'text', codes: plan.codes, levels: plan.levels },
    { name: COLUMNS.region, kind: 'levels', type: 'text', codes: region.codes, levels: region.levels },
  ];
}

export interface Fitted {
  rows: Row[];
  y: Uint8Array;
  x: FeatureColumns;
  logistic: FrozenMember;
  gbdt: FrozenMember;
  base: Omit<FrozenModel, 'kind' | 'members' | 'folds'>;
}

/** Fit both kernels on the training rows and freeze them field by field, with chosen Platt parameters. */
export function fitBoth(gbdtOptions: GbdtOptions = { maxIter: 30, seed: 1 }): Fitted {
  const { rows, y } = makeRows();
  const columns = inputColumns(rows);
  const train = Uint32Array.from({ length: TRAIN }, (_, i) => i);
  const encoding = fitEncoding(columns, train, 30);
  const x = applyEncoding(encoding.inputs, new Map(columns.map((c) => [c.name, c])), rows.length).features;
  const lm = fitLogistic(x, y, { rows: train, C: 0.5 });
  const gm = fitGbdt(x, y, gbdtOptions, train);
  return {
    rows,
    y,
    x,
    logistic: {
      kind: 'logistic',
      logistic: { mean: Array.from(lm.mean), sd: Array.from(lm.sd), coef: Array.from(lm.coef), intercept: lm.intercept, C: lm.C },
      calibration: { a: 0.9, b: -0.1 },
    },
    gbdt: { kind: 'gbdt', gbdt: { baseMargin: gm.baseMargin, trees: gm.trees }, calibration: { a: 1.1, b: 0.05 } },
    base: {
      format: 'cxw-model',
      version: 1,
      target: 'churned',
      positive: 'Yes',
      id: COLUMNS.id,
      inputs: encoding.inputs,
      featureNames: encoding.featureNames,
      threshold: 0.35,
      reviewBandWidth: 0.2,
    },
  };
}

export function model(f: Fitted, kind: FrozenModel['kind'], members: FrozenMember[], folds: FrozenMember[][] = members.map(() => [])): FrozenModel {
  return { ...f.base, kind, members, folds };
}

/** The rows in an in-memory SQLite table typed as the app stores them (INTEGER, REAL, 1/0, TEXT, NULL). */
export function sqliteTable(rows: readonly Row[]): Database.Database {
  const db = new Database(':memory:');
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  db.exec(
    `CREATE TABLE ${q(TABLE)} (${q(COLUMNS.id)} INTEGER, ${q(COLUMNS.tenure)} INTEGER, ${q(COLUMNS.spend)} REAL, ${q(COLUMNS.member)} INTEGER, ${q(COLUMNS.plan)} TEXT, ${q(COLUMNS.region)} TEXT)`,
  );
  const insert = db.prepare(`INSERT INTO ${q(TABLE)} VALUES (?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const r of rows) insert.run(r.id, r.tenure, r.spend, r.member, r.plan, r.region);
  })();
  return db;
}

export interface SqlScore {
  id: number;
  log_odds: number;
  probability: number;
  flagged?: number;
}

export function runSql(db: Database.Database, sql: string): SqlScore[] {
  return db.prepare(sql).all() as SqlScore[];
}
