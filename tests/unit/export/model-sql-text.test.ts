// The text of the exported model SQL: quoting, number literals, the flat CASE of a tree (checked against values
// computed by hand), and sizes that must not hit SQLite's parser limits (expression depth 1,000).
// Hand-computed case (tree below, baseMargin 0.5, Platt a = 2, b = −1, so log-odds = 2·(0.5 + leaf) − 1 = 2·leaf):
//   x = 3 → node 0 left (3 <= 5), node 1 left (present) → leaf 0.1 → log-odds 0.2
//   x = 5 → exactly on the threshold goes left → 0.1 → 0.2
//   x = NULL → node 0 left (missingLeft 1), node 1 right (split on missing, missingLeft 0) → 0.2 → 0.4
//   x = 7, t ≠ 'A' → node 0 right, node 2 (t=A ≤ 0.5) left → 0.3 → 0.6; x = 7, t = 'A' → 0.4 → 0.8
//   a second tree splits on missing with missingLeft 1 (every row goes left, leaf −0.25), a third is a single leaf
//   (0.05): both add −0.25 + 0.05 = −0.2 to every margin, i.e. −0.4 to every log-odds above.
import { describe, expect, it } from 'vitest';
import { scoreModel } from '../../../main/analysis/predict/frozen';
import { applyEncoding, type InputColumn } from '../../../main/analysis/predict/encoding';
import { modelToSql } from '../../../main/export/model-sql';
import { comment, ident, num, str } from '../../../main/export/model-sql/sql-text';
import { andAll } from '../../../main/export/model-sql/trees';
import type { FrozenModel, FrozenTree } from '../../../shared/predict';
import { encodeLevels } from '../../../main/workspace/text-codes';
import Database from 'better-sqlite3';
import { COLUMNS, TABLE, fitBoth, model, runSql, sqliteTable } from './model-sql-fixture';

const leaf = (value: number) => ({ feature: -1, threshold: 0, missingLeft: 0, left: -1, right: -1, value });

function treeOf(nodes: { feature: number; threshold: number; missingLeft: number; left: number; right: number; value: number }[]): FrozenTree {
  return {
    feature: nodes.map((n) => n.feature),
    threshold: nodes.map((n) => n.threshold),
    missingLeft: nodes.map((n) => n.missingLeft),
    left: nodes.map((n) => n.left),
    right: nodes.map((n) => n.right),
    value: nodes.map((n) => n.value),
    count: nodes.map(() => 1),
    hessian: nodes.map(() => 1),
  };
}

/** A model over x (number, feature 0) and t (text: A, (other), (missing) → features 1..3). */
function handModel(trees: FrozenTree[], calibration = { a: 2, b: -1 }): FrozenModel {
  return {
    format: 'cxw-model',
    version: 1,
    kind: 'gbdt',
    target: 'churned',
    positive: 'Yes',
    id: 'id',
    inputs: [
      { column: 'x', kind: 'number', type: 'real', feature: 0 },
      { column: 't', kind: 'levels', type: 'text', levels: ['A', '(other)', '(missing)'], feature: 1, pooled: [] },
    ],
    featureNames: ['x', 't=A', 't=(other)', 't=(missing)'],
    members: [{ kind: 'gbdt', gbdt: { baseMargin: 0.5, trees }, calibration }],
    folds: [[]],
    threshold: 0.5,
    reviewBandWidth: 0.2,
  };
}

function runHand(m: FrozenModel, rows: { id: number; x: number | null; t: string | null }[]) {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE c (id INTEGER, x REAL, t TEXT)');
    const ins = db.prepare('INSERT INTO c VALUES (?, ?, ?)');
    for (const r of rows) ins.run(r.id, r.x, r.t);
    const got = runSql(db, modelToSql(m, { table: 'c', idColumn: 'id', dialect: 'sqlite' }));
    const t = encodeLevels(rows.map((r) => r.t));
    const cols: InputColumn[] = [
      { name: 'x', kind: 'number', type: 'real', values: Float64Array.from(rows, (r) => (r.x === null ? Number.NaN : r.x)) },
      { name: 't', kind: 'levels', type: 'text', codes: t.codes, levels: t.levels },
    ];
    const want = scoreModel(m, applyEncoding(m.inputs, new Map(cols.map((c) => [c.name, c])), rows.length).features);
    return { got, want };
  } finally {
    db.close();
  }
}

const handTree = treeOf([
  { feature: 0, threshold: 5, missingLeft: 1, left: 1, right: 2, value: 0 },
  { feature: 0, threshold: Number.MAX_VALUE, missingLeft: 0, left: 3, right: 4, value: 0 },
  { feature: 1, threshold: 0.5, missingLeft: 0, left: 5, right: 6, value: 0 },
  leaf(0.1),
  leaf(0.2),
  leaf(0.3),
  leaf(0.4),
]);
const allLeft = treeOf([{ feature: 0, threshold: Number.MAX_VALUE, missingLeft: 1, left: 1, right: 2, value: 0 }, leaf(-0.25), leaf(99)]);
const single = treeOf([leaf(0.05)]);

describe('a hand-made tree: routing of NULLs, "split on missing", thresholds, single leaves', () => {
  const rows = [
    { id: 1, x: 3, t: 'B' },
    { id: 2, x: 5, t: 'B' },
    { id: 3, x: null, t: 'B' },
    { id: 4, x: 7, t: 'B' },
    { id: 5, x: 7, t: 'A' },
    { id: 6, x: 7, t: null },
  ];

  it('gives the hand-computed log-odds, and the app gives them too', () => {
    const { got, want } = runHand(handModel([handTree]), rows);
    const expected = [0.2, 0.2, 0.4, 0.6, 0.8, 0.6];
    got.forEach((r, i) => {
      expect(r.log_odds).toBeCloseTo(expected[i], 12);
      expect(want.logOdds[i]).toBeCloseTo(expected[i], 12);
      expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-expected[i])), 12);
    });
  });

  it('a split every row passes left, and a one-leaf tree, add their constant (−0.4 in log-odds)', () => {
    const { got, want } = runHand(handModel([handTree, allLeft, single]), rows);
    const expected = [-0.2, -0.2, 0, 0.2, 0.4, 0.2];
    got.forEach((r, i) => {
      expect(r.log_odds).toBeCloseTo(expected[i], 12);
      expect(Math.abs(r.log_odds - want.logOdds[i])).toBeLessThanOrEqual(1e-9);
    });
  });

  it('the CASE is flat: one CASE per tree, WHENs with left turns only, the rightmost leaf as ELSE', () => {
    const sql = modelToSql(handModel([handTree]), { table: 'c', dialect: 'sqlite' });
    const caseText = sql.slice(sql.indexOf('+ CASE'), sql.indexOf('END', sql.indexOf('+ CASE')) + 3);
    expect(caseText.match(/CASE/g)).toHaveLength(1);
    expect(caseText).toContain('WHEN ("x" IS NULL OR "x" <= 5.0) AND "x" IS NOT NULL THEN 0.1');
    expect(caseText).toContain('WHEN ("x" IS NULL OR "x" <= 5.0) THEN 0.2');
    expect(caseText).toContain('WHEN "t=A" <= 0.5 THEN 0.3');
    expect(caseText).toContain('ELSE 0.4');
  });
});

describe('quoting and literals', () => {
  it('identifiers, strings and numbers per dialect', () => {
    expect(ident('a"b', 'sqlite')).toBe('"a""b"');
    expect(ident('a"b', 'ansi')).toBe('"a""b"');
    expect(ident('a`b', 'spark')).toBe('`a``b`');
    expect(str("O'Brien", 'sqlite')).toBe("'O''Brien'");
    expect(str("O'Brien", 'spark')).toBe("'O\\'Brien'");
    expect(str('C:\\temp', 'spark')).toBe("'C:\\\\temp'");
    expect(str('C:\\temp', 'ansi')).toBe("'C:\\temp'");
    expect(num(3, 'sqlite')).toBe('3.0');
    expect(num(0.1, 'sqlite')).toBe('0.1');
    expect(num(1e-7, 'sqlite')).toBe('1e-7');
    expect(num(3, 'ansi')).toBe('3E0');
    expect(num(-0.25, 'spark')).toBe('-0.25E0');
    expect(num(1e-7, 'ansi')).toBe('1E-7');
    expect(num(1.5e300, 'ansi')).toBe('1.5E300');
    expect(num(Number.MAX_VALUE, 'ansi')).toBe('1.7976931348623157E308');
    expect(() => num(Number.NaN, 'sqlite')).toThrow(/cannot represent/);
    expect(() => num(Infinity, 'ansi')).toThrow(/cannot represent/);
  });

  it('every printed number reads back in SQLite as the same double (both forms), and as REAL', () => {
    const db = new Database(':memory:');
    try {
      const v = new DataView(new ArrayBuffer(8));
      const xs: number[] = [0.1, 1 / 3, -2 / 3, 1e-300, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, 123456789012345680000, 0.30000000000000004, 3];
      let seed = 12345;
      for (let i = 0; i < 2000; i++) {
        // Random bit patterns (a xorshift over the 64 bits), finite ones only.
        for (let b = 0; b < 8; b++) {
          seed ^= seed << 13;
          seed ^= seed >>> 17;
          seed ^= seed << 5;
          v.setUint8(b, seed & 0xff);
        }
        const x = v.getFloat64(0);
        if (Number.isFinite(x)) xs.push(x);
      }
      for (const dialect of ['sqlite', 'ansi'] as const) {
        for (let s = 0; s < xs.length; s += 400) {
          const part = xs.slice(s, s + 400);
          const back = db.prepare(`SELECT ${part.map((x) => num(x, dialect)).join(', ')}`).raw().get() as number[];
          part.forEach((x, k) => expect(Object.is(back[k], x) || (x === 0 && back[k] === 0), `${num(x, dialect)}`).toBe(true));
          const types = db.prepare(`SELECT ${part.map((x) => `typeof(${num(x, dialect)})`).join(', ')}`).raw().get() as string[];
          expect(new Set(types)).toEqual(new Set(['real']));
        }
      }
    } finally {
      db.close();
    }
  });

  it('a name typed by the analyst cannot leave the header comment', () => {
    expect(comment('one\ntwo\r\n; DROP TABLE x;')).toBe('-- one\n-- two\n-- ; DROP TABLE x;');
    const f = fitBoth({ maxIter: 3, seed: 1 });
    const m = { ...model(f, 'logistic', [f.logistic]), target: 'churn\nDROP TABLE x; --', positive: "it's\r\nyes" };
    const sql = modelToSql(m, { table: TABLE, idColumn: COLUMNS.id, dialect: 'sqlite', name: 'evil\nname' });
    const code = sql.split('\n').filter((l) => !l.startsWith('--'));
    expect(code.some((l) => l.includes('DROP'))).toBe(false);
    // No "--" outside comment lines (a negative number after a minus would start one).
    expect(code.some((l) => l.includes('--'))).toBe(false);
    const db = sqliteTable(f.rows.slice(0, 3));
    try {
      expect(runSql(db, sql)).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('the spark dialect: backticks, backslash escapes, doubles; a table given in parts', () => {
    const f = fitBoth({ maxIter: 3, seed: 1 });
    const sql = modelToSql(model(f, 'ensemble', [f.logistic, f.gbdt]), { table: ['sales', 'cust`omers'], idColumn: COLUMNS.id, dialect: 'spark' });
    expect(sql).toContain('FROM `sales`.`cust``omers`');
    expect(sql).toContain("CASE WHEN `plan` = 'O\\'Brien' THEN 1 ELSE 0 END AS `plan=O'Brien`");
    expect(sql).toContain('`a"b` AS `a"b`');
    expect(sql).not.toMatch(/"(features|scored|id|tenure|plan)"/); // no double-quoted identifier
    expect(sql).not.toContain('MATERIALIZED');
    expect(modelToSql(model(f, 'gbdt', [f.gbdt]), { table: 't', dialect: 'postgres' })).toContain('"scored" AS MATERIALIZED (');
  });

  it('feature names that collide case-insensitively fall back to x1, x2, …; an id named like an output is refused', () => {
    const m = handModel([handTree]);
    const clashing = { ...m, featureNames: ['X', 'x', 't=(other)', 't=(missing)'] };
    const sql = modelToSql(clashing, { table: 'c', dialect: 'sqlite' });
    expect(sql).toContain('"x" AS "x1"');
    expect(sql).toContain('AS "x4"');
    expect(() => modelToSql(m, { table: 'c', idColumn: 'Probability', dialect: 'sqlite' })).toThrow(/name of an output column/);
    expect(() => modelToSql({ ...m, featureNames: ['x'] }, { table: 'c', dialect: 'sqlite' })).toThrow(/inconsistent/);
  });

  it('andAll groups long chains into balanced parentheses, which SQLite takes past its depth limit of 1,000', () => {
    expect(andAll(['a', 'b'])).toBe('a AND b');
    const conds = Array.from({ length: 1500 }, (_, i) => `x <= ${1500 + i}`);
    const grouped = andAll(conds);
    expect(grouped.startsWith('((')).toBe(true);
    expect(grouped.split(' AND ')).toHaveLength(1500);
    const db = new Database(':memory:');
    try {
      const q = (where: string) => db.prepare(`SELECT CASE WHEN ${where} THEN 1 ELSE 0 END AS hit FROM (SELECT 1499.5 AS x UNION ALL SELECT 1500.5)`).pluck().all();
      expect(() => q(conds.join(' AND '))).toThrow(/too large|depth/);
      expect(q(grouped)).toEqual([1, 0]);
    } finally {
      db.close();
    }
  });
});

describe('size: deep trees and many trees stay within SQLite\'s limits', () => {
  it('100 deep trees (maxDepth null, up to 63 leaves, 1 row per leaf): same scores as the app', () => {
    const f = fitBoth({ maxIter: 100, maxLeafNodes: 63, maxDepth: null, minSamplesLeaf: 1, seed: 3 });
    const trees = f.gbdt.gbdt!.trees;
    const leaves = trees.map((t) => t.feature.filter((x) => x < 0).length);
    expect(trees).toHaveLength(100);
    expect(Math.max(...leaves)).toBeGreaterThan(31);
    const m = model(f, 'ensemble', [f.logistic, f.gbdt]);
    const sql = modelToSql(m, { table: TABLE, idColumn: COLUMNS.id, dialect: 'sqlite' });
    const db = sqliteTable(f.rows);
    try {
      const got = runSql(db, sql);
      const want = scoreModel(m, f.x);
      let worst = 0;
      got.forEach((r, i) => (worst = Math.max(worst, Math.abs(r.log_odds - want.logOdds[i]))));
      expect(worst).toBeLessThanOrEqual(1e-9);
      console.log(`100 trees of up to ${Math.max(...leaves)} leaves: SQL ${(sql.length / 1e6).toFixed(2)} MB, max |Δ log-odds| ${worst.toExponential(2)}`);
    } finally {
      db.close();
    }
  });

  it('a 100-tree model with the default 31 leaves: its SQL size (printed)', () => {
    const f = fitBoth({ maxIter: 100, seed: 1 });
    expect(f.gbdt.gbdt!.trees).toHaveLength(100);
    const sql = modelToSql(model(f, 'gbdt', [f.gbdt]), { table: TABLE, idColumn: COLUMNS.id, dialect: 'ansi' });
    const leaves = f.gbdt.gbdt!.trees.reduce((s, t) => s + t.feature.filter((x) => x < 0).length, 0);
    console.log(`100-tree model (31 leaves max, ${leaves} leaves in all): SQL ${sql.length.toLocaleString('en-US')} characters (${(sql.length / 1024).toFixed(0)} KiB), ${sql.split('\n').length} lines`);
    expect(sql.length).toBeGreaterThan(100_000);
  });

  it('a 300-deep chain tree and 1,200 stumps: no expression deeper than SQLite allows, same scores', () => {
    // Chain: node 2i tests x <= 300 − i (left: go on, right: leaf i / 1000); the deepest leaf is reached after
    // 300 left turns (its WHEN has 300 conditions, grouped by andAll). A row with x = v lands at the first i with
    // v > 300 − i. 1,200 stumps make the sum of trees 1,200 terms long (SQLite's depth limit is 1,000).
    const nodes: Parameters<typeof treeOf>[0] = [];
    const depth = 300;
    for (let i = 0; i < depth; i++) {
      const me = nodes.length;
      nodes.push({ feature: 0, threshold: depth - i, missingLeft: 0, left: me + 2, right: me + 1, value: 0 });
      nodes.push(leaf(i / 1000));
    }
    nodes.push(leaf(-1));
    const stumps = Array.from({ length: 1200 }, (_, i) => treeOf([{ feature: 0, threshold: i, missingLeft: i % 2, left: 1, right: 2, value: 0 }, leaf(0.001), leaf(-0.001)]));
    const m = handModel([treeOf(nodes), ...stumps], { a: 1, b: 0 });
    const rows = [0.5, 1, 2.5, 150, 299.5, 300, 1500, null].map((x, k) => ({ id: k + 1, x, t: 'A' }));
    const { got, want } = runHand(m, rows);
    got.forEach((r, i) => expect(Math.abs(r.log_odds - want.logOdds[i])).toBeLessThanOrEqual(1e-9));
    // x = 0.5 passes every test of the chain (0.5 <= 1) and ends in its deepest leaf (−1); it goes left (+0.001)
    // at every stump but the first (0.5 > 0: −0.001): 0.5 − 1 + 1198 · 0.001.
    expect(got[0].log_odds).toBeCloseTo(0.5 - 1 + 1198 * 0.001, 9);
    // x = 2.5 lands on leaf 298 (2.5 > 300 − 298) and goes left at the 1,197 stumps with threshold >= 3:
    // 0.5 + 0.298 + 1.197 − 0.003.
    expect(got[2].log_odds).toBeCloseTo(0.5 + 0.298 + 1.197 - 0.003, 9);
    // x = 1500 goes right at the chain's root (leaf 0) and right at every stump: 0.5 + 0 − 1.2.
    expect(got[6].log_odds).toBeCloseTo(0.5 - 1.2, 9);
  });
});
