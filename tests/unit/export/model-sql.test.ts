// The exported model SQL, run in SQLite (better-sqlite3) on the same rows the app scores, must give the app's
// numbers: scoreModel(...).logOdds and .probability (main/analysis/predict/frozen.ts) to 1e-9 for every row.
// Models: fitted by the app's kernels (fitLogistic, fitGbdt) on the seeded synthetic table of model-sql-fixture.ts,
// frozen field by field, with Platt parameters chosen by hand (logistic a = 0.9, b = −0.1; trees a = 1.1, b = 0.05).
// The expected values are the app's own scoreModel on those rows; the rows include NULLs in every column, pooled,
// unseen and case-changed levels, the literal texts "(other)" and "(missing)", and rows sitting exactly on a split
// threshold and one double above it (exact literals and x <= t routing).
import { describe, expect, it } from 'vitest';
import { scoreModel } from '../../../main/analysis/predict/frozen';
import { applyEncoding } from '../../../main/analysis/predict/encoding';
import { modelToSql, type SqlDialect } from '../../../main/export/model-sql';
import type { FrozenModel } from '../../../shared/predict';
import { COLUMNS, TABLE, TRAIN, fitBoth, inputColumns, model, runSql, sqliteTable, type Fitted, type Row } from './model-sql-fixture';

const fitted: Fitted = fitBoth();

/** The next double above x (x > 0 or x < 0, finite). */
function nextUp(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  v.setBigUint64(0, x >= 0 ? bits + 1n : bits - 1n);
  return v.getFloat64(0);
}

/** Rows whose tenure / a"b sit exactly on a threshold the trees split on, and one double above it. */
function boundaryRows(f: Fitted): Row[] {
  const out: Row[] = [];
  let id = 100_000;
  const tenureFeature = f.base.inputs.find((i) => i.column === COLUMNS.tenure)!.feature;
  const spendFeature = f.base.inputs.find((i) => i.column === COLUMNS.spend)!.feature;
  for (const tree of f.gbdt.gbdt!.trees.slice(0, 10)) {
    tree.feature.forEach((feat, node) => {
      const t = tree.threshold[node];
      if (t === Number.MAX_VALUE) return;
      for (const v of [t, nextUp(t)]) {
        if (feat === tenureFeature) out.push({ id: id++, tenure: v, spend: 40, member: 0, plan: 'Plus', region: 'East' });
        if (feat === spendFeature) out.push({ id: id++, tenure: 20, spend: v, member: 1, plan: 'Basic', region: 'South' });
      }
    });
  }
  return out;
}

function appScores(m: FrozenModel, rows: Row[]) {
  const cols = inputColumns(rows);
  const x = applyEncoding(m.inputs, new Map(cols.map((c) => [c.name, c])), rows.length).features;
  return scoreModel(m, x);
}

function compare(m: FrozenModel, rows: Row[], dialect: SqlDialect) {
  const sql = modelToSql(m, { table: TABLE, idColumn: COLUMNS.id, dialect, name: 'Churn model', createdAt: '2025-06-01T10:00:00Z' });
  const db = sqliteTable(rows);
  try {
    const got = runSql(db, sql);
    const want = appScores(m, rows);
    expect(got.length).toBe(rows.length);
    let worstLogOdds = 0;
    let worstP = 0;
    let flaggedMismatch = 0;
    got.forEach((r, i) => {
      expect(r.id).toBe(rows[i].id);
      worstLogOdds = Math.max(worstLogOdds, Math.abs(r.log_odds - want.logOdds[i]));
      worstP = Math.max(worstP, Math.abs(r.probability - want.probability[i]));
      if (r.flagged !== (want.probability[i] >= m.threshold ? 1 : 0)) flaggedMismatch++;
    });
    return { sql, worstLogOdds, worstP, flaggedMismatch, got, want };
  } finally {
    db.close();
  }
}

describe('modelToSql reproduces scoreModel in SQLite', () => {
  const rows = [...fitted.rows, ...boundaryRows(fitted)];
  const cases: [string, FrozenModel][] = [
    ['logistic', model(fitted, 'logistic', [fitted.logistic])],
    ['gbdt', model(fitted, 'gbdt', [fitted.gbdt])],
    ['ensemble', model(fitted, 'ensemble', [fitted.logistic, fitted.gbdt])],
  ];

  it('the fixture exercises what the SQL must get right', () => {
    const trees = fitted.gbdt.gbdt!.trees;
    const nullable = new Set(fitted.base.inputs.filter((i) => i.kind === 'number').map((i) => i.feature));
    const splits = trees.flatMap((t) => t.feature.map((f, n) => ({ f, ml: t.missingLeft[n], t: t.threshold[n] })).filter((s) => s.f >= 0));
    // Splits on nullable numbers sending NULL left and right, splits on one-hot levels, and boundary rows.
    expect(splits.some((s) => nullable.has(s.f) && s.ml === 1)).toBe(true);
    expect(splits.some((s) => nullable.has(s.f) && s.ml === 0)).toBe(true);
    expect(splits.some((s) => !nullable.has(s.f))).toBe(true);
    expect(boundaryRows(fitted).length).toBeGreaterThan(20);
    const plan = fitted.base.inputs.find((i) => i.column === COLUMNS.plan)!;
    const region = fitted.base.inputs.find((i) => i.column === COLUMNS.region)!;
    expect(plan.kind === 'levels' && plan.levels).toEqual(['Plus', 'Basic', "O'Brien", '(other)', '(missing)']);
    expect(plan.kind === 'levels' && plan.pooled).toEqual(['Rare one', 'Rare two']);
    expect(region.kind === 'levels' && region.levels).not.toContain('(missing)');
  });

  for (const [kind, m] of cases) {
    for (const dialect of ['sqlite', 'ansi'] as const) {
      it(`${kind} (${dialect} dialect): log-odds and probability within 1e-9 on every row, flagged identical`, () => {
        const r = compare(m, rows, dialect);
        expect(r.worstLogOdds).toBeLessThanOrEqual(1e-9);
        expect(r.worstP).toBeLessThanOrEqual(1e-9);
        expect(r.flaggedMismatch).toBe(0);
        console.log(`${kind}/${dialect}: ${rows.length} rows, max |Δ log-odds| ${r.worstLogOdds.toExponential(2)}, max |Δ p| ${r.worstP.toExponential(2)}, SQL ${r.sql.length.toLocaleString('en-US')} chars`);
      });
    }
  }

  it('new rows: unseen, pooled and case-changed levels, "(other)"/"(missing)" texts, NULLs — each as the app scores it', () => {
    const m = model(fitted, 'ensemble', [fitted.logistic, fitted.gbdt]);
    const r = compare(m, rows, 'sqlite');
    for (let i = TRAIN; i < fitted.rows.length; i++) expect(Math.abs(r.got[i].log_odds - r.want.logOdds[i])).toBeLessThanOrEqual(1e-9);
    // The unseen level 'Brand new plan', the pooled 'Rare two', the text '(other)' and the lower-case 'basic' all
    // score as "(other)": with the other columns equal, their log-odds equal a row rebuilt with a pooled level.
    const logistic = model(fitted, 'logistic', [fitted.logistic]);
    const probe: Row[] = ['Brand new plan', 'Rare two', '(other)', '(missing)', 'basic', 'Rare one'].map((plan, k) => ({ id: k + 1, tenure: 5, spend: 30, member: 0, plan, region: 'East' }));
    const p = compare(logistic, probe, 'sqlite');
    expect(p.worstLogOdds).toBeLessThanOrEqual(1e-9);
    const values = p.got.map((g) => g.log_odds);
    for (const v of values) expect(v).toBe(values[0]);
    // A NULL plan is "(missing)", a different feature: not the same score.
    const nullPlan = compare(logistic, [{ id: 1, tenure: 5, spend: 30, member: 0, plan: null, region: 'East' }], 'sqlite');
    expect(Math.abs(nullPlan.got[0].log_odds - values[0])).toBeGreaterThan(1e-6);
    expect(Math.abs(nullPlan.got[0].log_odds - nullPlan.want.logOdds[0])).toBeLessThanOrEqual(1e-9);
  });

  it('fold members change nothing in the SQL (it scores with the members only)', () => {
    const plain = model(fitted, 'ensemble', [fitted.logistic, fitted.gbdt]);
    const withFolds = model(fitted, 'ensemble', [fitted.logistic, fitted.gbdt], [
      [{ ...fitted.logistic, calibration: { a: 5, b: 5 } }],
      [{ ...fitted.gbdt, calibration: { a: -3, b: 1 } }],
    ]);
    expect(modelToSql(withFolds, { table: TABLE, dialect: 'sqlite' })).toBe(modelToSql(plain, { table: TABLE, dialect: 'sqlite' }));
  });

  it('without an id column: log_odds, probability, flagged only; with flagged off: two columns', () => {
    const m = model(fitted, 'gbdt', [fitted.gbdt]);
    const db = sqliteTable(fitted.rows.slice(0, 5));
    try {
      const a = db.prepare(modelToSql(m, { table: TABLE, dialect: 'sqlite' })).all() as Record<string, number>[];
      expect(Object.keys(a[0])).toEqual(['log_odds', 'probability', 'flagged']);
      const b = db.prepare(modelToSql(m, { table: TABLE, dialect: 'sqlite', flagged: false })).all() as Record<string, number>[];
      expect(Object.keys(b[0])).toEqual(['log_odds', 'probability']);
    } finally {
      db.close();
    }
  });
});
