// Cross-tabs and flows (rule 3), hand-made and then random (seeded).
// Hand-made fixtures, expected values worked by hand from the rules:
// - 3 × 3 with margins: [[20, 3, 15], [12, 25, 18], [30, 14, 22]]. 3 is primary; row 0's smallest other is 15;
//   column 1 then has one withheld (3): its smallest other is 14; row 2 then has one (14): of its cells 30 and 22,
//   22 is taken because its column (2) also has exactly one withheld (15), so one cell protects two lines.
//   Withheld: (0,1) (0,2) (2,1) (2,2) — a closed rectangle, nothing recoverable. (Treating every line in turn
//   without that preference withholds 7 of the 9 cells.)
// - 5 × 5 "bridge": two blocks of small cells {(0,0),(0,1),(1,0),(1,1)} and {(2,2),(2,3),(3,2),(3,3)} joined by the
//   small cell (0,2) = 1. Every row and column holds 0 or ≥ 2 withheld cells, so the line rule adds nothing, yet
//   (0,2) = row 0's total minus its other cells, with those cells' sum known from the first block's column totals:
//   the rank attack recovers it. The cheapest cell closing a cycle through it is (0,3) = 25 (one cell joining row 0
//   to column 3 of the other block; the alternatives are 30, 35, 40–43 or two-cell paths of ≥ 40).
// - Flow A/B/E → C/D: A→C 300, A→D 7, B→C 200, B→D 150, E→C 100, E→D 90. A→D is primary; row A's complement A→C;
//   column C then has one withheld: smallest other E→C (100 < 200); row E then has one: E→D. B's links stay.
import { describe, expect, it } from 'vitest';
import type { Figure, SlideBlock } from '../../../shared/decks';
import { mulberry32 } from '../../../main/analysis/random';
import { differenceAttack, linearAttack, tableLines } from './attack';
import { count, deck, disclose, slide } from './fixtures';

function crosstab(values: number[][]): SlideBlock {
  return {
    type: 'crosstab',
    rowTitle: 'Before',
    columnTitle: 'After',
    rowKeys: values.map((_, r) => `R${r}`),
    columnKeys: values[0].map((_, c) => `C${c}`),
    counts: values.map((row) => row.map((v) => count(v))),
  };
}

function shownOf(block: SlideBlock): (number | null)[] {
  if (block.type !== 'crosstab') throw new Error('crosstab expected');
  return block.counts.flat().map((f) => f.value);
}

function withheldCells(block: SlideBlock): string[] {
  if (block.type !== 'crosstab') throw new Error('crosstab expected');
  return block.counts.flatMap((row, r) => row.map((f, c) => (f.suppressed ? `${r},${c}:${f.suppressed}` : ''))).filter(Boolean);
}

describe('cross-tabs', () => {
  it('3 × 3 with margins: the hand-worked rectangle', () => {
    const values = [
      [20, 3, 15],
      [12, 25, 18],
      [30, 14, 22],
    ];
    const out = disclose(deck([slide([crosstab(values)])]));
    const block = out.deck.slides[0].body[0];
    expect(withheldCells(block)).toEqual(['0,1:primary', '0,2:secondary', '2,1:secondary', '2,2:secondary']);
    const lines = tableLines(3, 3);
    expect(differenceAttack({ values: values.flat(), shown: shownOf(block), lines })).toEqual([]);
    expect(linearAttack({ values: values.flat(), shown: shownOf(block), lines })).toEqual([]);
    expect(out.report.suppressed[1]).toEqual({
      slide: 1,
      slideTitle: 'A slide',
      what: 'count of Before = R0, After = C2',
      reason: 'secondary: protects count of Before = R0, After = C1 (it could be worked out from its row or column total)',
    });
    // Naive suppression (the 3 alone) is recovered from its row.
    const naive = values.flat().map((v) => (v === 3 ? null : v));
    expect(differenceAttack({ values: values.flat(), shown: naive, lines })).toEqual([1]);
  });

  it('5 × 5 bridge: found by the rank attack, closed by the cheapest cell', () => {
    const values = [
      [2, 3, 1, 25, 60],
      [4, 5, 30, 35, 60],
      [40, 41, 6, 7, 60],
      [42, 43, 8, 9, 60],
      [20, 60, 20, 60, 60],
    ];
    const lines = tableLines(5, 5);
    const flat = values.flat();
    const naive = flat.map((v) => (v < 10 ? null : v));
    expect(differenceAttack({ values: flat, shown: naive, lines })).toEqual([]);
    expect(linearAttack({ values: flat, shown: naive, lines })).toEqual([2]);

    const out = disclose(deck([slide([crosstab(values)])]));
    const block = out.deck.slides[0].body[0];
    expect(withheldCells(block).filter((c) => c.endsWith('secondary'))).toEqual(['0,3:secondary']);
    expect(linearAttack({ values: flat, shown: shownOf(block), lines })).toEqual([]);
    expect(out.report.suppressed.find((s) => s.reason.startsWith('secondary'))?.reason).toBe(
      'secondary: protects count of Before = R0, After = C2 (it could be worked out from the row and column totals together)',
    );
  });
});

describe('flows (Sankey links)', () => {
  it('each node’s outgoing and incoming links are partitions', () => {
    const link = (from: string, to: string, n: number) => ({ from, to, figure: count(n) });
    const links = [link('A', 'C', 300), link('A', 'D', 7), link('B', 'C', 200), link('B', 'D', 150), link('E', 'C', 100), link('E', 'D', 90)];
    const out = disclose(deck([slide([{ type: 'chart', title: 'Flow', summary: '', chart: { kind: 'flow', nodes: ['A', 'B', 'E', 'C', 'D'], links } }])]));
    const b = out.deck.slides[0].body[0];
    if (b.type !== 'chart' || b.chart.kind !== 'flow') throw new Error('flow expected');
    expect(b.chart.links.map((l) => `${l.from}${l.to}:${l.figure.value ?? l.figure.suppressed}`)).toEqual(['AC:secondary', 'AD:primary', 'BC:200', 'BD:150', 'EC:secondary', 'ED:secondary']);
    // Rows A, B, E and columns C, D as lines (cell index = position in `links`).
    const lines = [[0, 1], [2, 3], [4, 5], [0, 2, 4], [1, 3, 5]];
    const values = links.map((l) => l.figure.value!);
    expect(linearAttack({ values, shown: b.chart.links.map((l) => l.figure.value), lines })).toEqual([]);
  });
});

// ------------------------------------------------------------------ random (seeded) partitions and cross-tabs

/** A count that is small (0–12) about a third of the time, else 10–400: many cases have one, two or more small cells. */
function randomCount(rand: () => number): number {
  return rand() < 0.35 ? Math.floor(rand() * 13) : 10 + Math.floor(rand() * 391);
}

describe('random cases (seeded): every small value withheld, nothing recoverable', () => {
  for (const k of [5, 10]) {
    it(`300 cross-tabs up to 6 × 6, k = ${k}`, () => {
      const rand = mulberry32(1300 + k);
      let withheld = 0;
      for (let t = 0; t < 300; t++) {
        const rows = 2 + Math.floor(rand() * 5);
        const cols = 2 + Math.floor(rand() * 5);
        const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => randomCount(rand)));
        const block = disclose(deck([slide([crosstab(values)])]), k).deck.slides[0].body[0];
        const flat = values.flat();
        const shown = shownOf(block);
        flat.forEach((v, i) => {
          // 1 to k − 1 is withheld; 0 singles nobody out and is shown (NHS / ONS practice).
          if (v > 0 && v < k) expect(shown[i], `case ${t}: cell ${i} = ${v} shown`).toBeNull();
        });
        const lines = tableLines(rows, cols);
        expect(linearAttack({ values: flat, shown, lines }), `case ${t}: ${JSON.stringify(values)}`).toEqual([]);
        expect(differenceAttack({ values: flat, shown, lines })).toEqual([]);
        withheld += shown.filter((v) => v === null).length;
      }
      expect(withheld).toBeGreaterThan(300);
    });

    it(`500 partition tables of 2–8 groups with shares of the total, k = ${k}`, () => {
      const rand = mulberry32(2600 + k);
      for (let t = 0; t < 500; t++) {
        const n = 2 + Math.floor(rand() * 7);
        const counts = Array.from({ length: n }, () => randomCount(rand));
        const total = counts.reduce((a, b) => a + b, 0);
        const block: SlideBlock = {
          type: 'table',
          columns: [{ key: 'g', label: 'Group' }, { key: 'n', label: 'People' }, { key: 's', label: 'Share' }],
          rows: counts.map((c, i) => ({ g: `G${i}`, n: count(c), s: { value: total ? c / total : 0, format: 'share', base: total } as Figure })),
          partition: true,
        };
        const out = disclose(deck([slide([block])]), k).deck.slides[0].body[0];
        if (out.type !== 'table') throw new Error('table expected');
        const shownCounts = out.rows.map((r) => (r.n as Figure).value);
        const shownShares = out.rows.map((r) => (r.s as Figure).value);
        counts.forEach((c, i) => {
          if (c > 0 && c < k) expect(shownCounts[i]).toBeNull();
          // A share is shown exactly when its count is: share × total would give a withheld count back.
          expect(shownShares[i] === null).toBe(shownCounts[i] === null);
        });
        const lines = [counts.map((_, i) => i)];
        expect(linearAttack({ values: counts, shown: shownCounts, lines }), `case ${t}: ${counts.join(',')}`).toEqual([]);
        expect(differenceAttack({ values: counts, shown: shownShares.map((s) => (s === null ? null : Math.round(s * total))), lines })).toEqual([]);
      }
    });

    it(`400 NPS-by-group partitions (answers, promoters, detractors, NPS, promoter share), k = ${k}`, () => {
      const rand = mulberry32(3900 + k);
      for (let t = 0; t < 400; t++) {
        const n = 2 + Math.floor(rand() * 6);
        const groups = Array.from({ length: n }, () => {
          const a = randomCount(rand);
          const p = Math.floor(a * rand());
          const d = Math.floor((a - p) * rand());
          return { a, p, d };
        });
        const block: SlideBlock = {
          type: 'table',
          columns: ['g', 'a', 'p', 'd', 'nps', 'ps'].map((key) => ({ key, label: key })),
          rows: groups.map((g, i) => ({
            g: `G${i}`,
            a: count(g.a),
            p: count(g.p),
            d: count(g.d),
            nps: { value: g.a ? ((g.p - g.d) / g.a) * 100 : null, format: 'nps', base: g.a } as Figure,
            ps: { value: g.a ? g.p / g.a : null, format: 'share', base: g.a } as Figure,
          })),
          partition: true,
        };
        const out = disclose(deck([slide([block])]), k).deck.slides[0].body[0];
        if (out.type === 'text') {
          // Every group of at most one person: a row-level table, refused whole (rule 6).
          expect(groups.every((g) => g.a <= 1), `case ${t}`).toBe(true);
          continue;
        }
        if (out.type !== 'table') throw new Error('table expected');
        out.rows.forEach((row, i) => {
          const g = groups[i];
          const hidden = ['a', 'p', 'd', 'nps', 'ps'].map((key) => (row[key] as Figure).suppressed !== undefined);
          // A group is shown or withheld as a whole: no figure of it can be worked back from the others.
          expect(new Set(hidden).size, `case ${t} group ${i}`).toBe(1);
          if ([g.a, g.p, g.d].some((x) => x > 0 && x < k)) expect(hidden[0], `case ${t} group ${i}: ${JSON.stringify(g)}`).toBe(true);
        });
        for (const key of ['a', 'p', 'd'] as const) {
          const values = groups.map((g) => g[key]);
          const shown = out.rows.map((r) => (r[key] as Figure).value);
          expect(linearAttack({ values, shown, lines: [values.map((_, i) => i)] }), `case ${t} ${key}`).toEqual([]);
        }
      }
    });
  }
});
