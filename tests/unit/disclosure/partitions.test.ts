// Disclosure control on one-way blocks (tables, bars, cards, funnels, figures). Every fixture is hand-made and
// every expected value hand-computed from the rules in main/disclosure/index.ts:
// - "total minus the others": Region counts North 50, South 40, East 8, West 30 (total 128) with shares of the
//   total (base 128). East < 10 is primary; a naive output (East alone withheld) gives East = 128 − 50 − 40 − 30 = 8
//   back, so the smallest other member, West (30), is withheld too, count and share.
// - "shares of a known total": a bar partition of shares 0.62 / 0.374 / 0.006 (bases 620 / 374 / 6): C is primary,
//   B (374 < 620) its complement; naive C = 1 − 0.62 − 0.374. The same shares all with base 1000 (the whole):
//   C's size is 0.006 × 1000 = 6, so the result is the same.
// - "two-cell row": Yes 7 / No 93 shows both at k = 5 and withholds both at k = 10.
// The attack helpers (attack.ts) are checked to find the leak in each naive output, so a pass is not vacuous.
import { describe, expect, it } from 'vitest';
import type { Figure, SlideBlock } from '../../../shared/decks';
import { differenceAttack, linearAttack } from './attack';
import { column, count, countTable, deck, disclose, nps, share, slide, states } from './fixtures';

const first = (out: ReturnType<typeof disclose>, i = 0): SlideBlock => out.deck.slides[0].body[i];

describe('partition tables: a total minus the other rows', () => {
  const counts = [50, 40, 8, 30];
  const table = countTable(['North', 'South', 'East', 'West'], counts, { share: (i) => share(counts[i] / 128, 128) });

  it('withholds East (primary) and West (its complement), counts and shares alike', () => {
    const out = disclose(deck([slide([table])]));
    const block = first(out);
    expect(column(block, 'n')).toEqual([50, 40, null, null]);
    expect(states(block, 'n')).toEqual([undefined, undefined, 'primary', 'secondary']);
    expect(column(block, 'share')).toEqual([50 / 128, 40 / 128, null, null]);
    expect(states(block, 'share')).toEqual([undefined, undefined, 'primary', 'secondary']);
    expect(out.report.suppressed.map((s) => [s.what, s.reason])).toEqual([
      ['Customers of Region = East', 'fewer than 10 people'],
      ['share of Region = East', 'fewer than 10 people'],
      ['Customers of Region = West', 'secondary: protects Customers of Region = East (it could be worked out from the total and the other groups)'],
      ['share of Region = West', 'secondary: protects Customers of Region = East (it could be worked out from the total and the other groups)'],
    ]);
    expect(out.report.note).toBe(
      'Groups of fewer than 10 people are not shown. 4 values were withheld: 2 below the threshold, 2 more so that they cannot be worked out from totals.',
    );
  });

  it('leaves nothing recoverable by difference, share × total, or any combination', () => {
    const block = first(disclose(deck([slide([table])])));
    const lines = [[0, 1, 2, 3]];
    expect(differenceAttack({ values: counts, shown: column(block, 'n'), lines })).toEqual([]);
    expect(linearAttack({ values: counts, shown: column(block, 'n'), lines })).toEqual([]);
    const fromShares = column(block, 'share').map((s) => (s === null ? null : Math.round(s * 128)));
    expect(differenceAttack({ values: counts, shown: fromShares, lines })).toEqual([]);
    // The naive output leaks East.
    expect(differenceAttack({ values: counts, shown: [50, 40, null, 30], lines })).toEqual([2]);
  });

  it('a bases-removed suppressed figure carries no number at all', () => {
    const block = first(disclose(deck([slide([table])])));
    if (block.type !== 'table') throw new Error('table expected');
    expect(block.rows[2].n).toEqual({ value: null, format: 'count', suppressed: 'primary' });
    expect(block.rows[3].share).toEqual({ value: null, format: 'share', suppressed: 'secondary' });
  });
});

describe('bar partitions: shares of a known total', () => {
  const bar = (): SlideBlock => ({
    type: 'chart',
    title: 'Plan mix',
    summary: 'Share of customers by plan.',
    chart: { kind: 'bar', orientation: 'vertical', categories: ['A', 'B', 'C'], series: [{ name: 'share', values: [share(0.62, 620), share(0.374, 374), share(0.006, 6)] }], valueAxis: 'share', partition: true },
  });

  it('withholds C and its complement B', () => {
    const out = disclose(deck([slide([bar()])]));
    const b = first(out);
    if (b.type !== 'chart' || b.chart.kind !== 'bar') throw new Error('bar expected');
    const shown = b.chart.series[0].values.map((f) => f.value);
    expect(shown).toEqual([0.62, null, null]);
    expect(b.chart.series[0].values.map((f) => f.suppressed)).toEqual([undefined, 'secondary', 'primary']);
    const values = [0.62, 0.374, 0.006];
    expect(linearAttack({ values, shown, lines: [[0, 1, 2]] })).toEqual([]);
    expect(differenceAttack({ values, shown: [0.62, 0.374, null], lines: [[0, 1, 2]] })).toEqual([2]);
  });

  it('shares that all carry the whole as their base (1000): the group size is share × base, so C (6 people) still goes', () => {
    const b = bar();
    if (b.type !== 'chart' || b.chart.kind !== 'bar') throw new Error('bar expected');
    for (const f of b.chart.series[0].values) f.base = 1000;
    const out = first(disclose(deck([slide([b])])));
    if (out.type !== 'chart' || out.chart.kind !== 'bar') throw new Error('bar expected');
    expect(out.chart.series[0].values.map((f) => f.suppressed)).toEqual([undefined, 'secondary', 'primary']);
  });

  it('without partition: no complement (categories are not parts of one whole)', () => {
    const b = bar();
    if (b.type !== 'chart' || b.chart.kind !== 'bar') throw new Error('bar expected');
    b.chart.partition = false;
    const out = first(disclose(deck([slide([b])])));
    if (out.type !== 'chart' || out.chart.kind !== 'bar') throw new Error('bar expected');
    expect(out.chart.series[0].values.map((f) => f.value)).toEqual([0.62, 0.374, null]);
  });
});

describe('two-member partitions and thresholds 5 and 10', () => {
  const two = () => countTable(['Yes', 'No'], [7, 93]);
  it('k = 10: the small member and its only complement', () => {
    expect(column(first(disclose(deck([slide([two()])]))), 'n')).toEqual([null, null]);
  });
  it('k = 5: 7 is enough, both shown', () => {
    const out = disclose(deck([slide([two()])]), 5);
    expect(column(first(out), 'n')).toEqual([7, 93]);
    expect(out.report.suppressed).toEqual([]);
    expect(out.report.note).toBe('Groups of fewer than 5 people are not shown. No value needed to be withheld.');
  });
  it('k = 5: 4 is not', () => {
    expect(column(first(disclose(deck([slide([countTable(['Yes', 'No'], [4, 96])])]), 5)), 'n')).toEqual([null, null]);
  });
});

describe('withheld groups together hold at least k people', () => {
  // Hand-made: groups of 3 and 4 are both small (primary at k = 10); withholding only those two would still give
  // away their combined group of 7 (= 1,000 − 500 − 300 − 193) — as small as what it hides. The smallest other
  // group (193) goes too, so the withheld three hold 200 people; at k = 5, 3 + 4 = 7 ≥ 5 is enough.
  const table = () => countTable(['A', 'B', 'C', 'D', 'E'], [500, 300, 193, 3, 4]);
  it('k = 10: 3 and 4 withheld, and 193 with them', () => {
    expect(column(first(disclose(deck([slide([table()])]))), 'n')).toEqual([500, 300, null, null, null]);
  });
  it('k = 5: 3 and 4 are both small, and together 7 ≥ 5: nothing more', () => {
    expect(column(first(disclose(deck([slide([table()])]), 5)), 'n')).toEqual([500, 300, 193, null, null]);
  });
});

describe('a group goes as a whole', () => {
  it('an NPS from 7 answers in a large group: the group goes entirely, and in a partition the next smallest too', () => {
    // North's NPS (7 answers) is primary; North's other figures go with it (an NPS can be a function of the row's
    // other figures); North is then the lone withheld member, so East (45), the smallest other, goes entirely.
    const t = countTable(['North', 'South', 'East'], [50, 60, 45], { NPS: (i) => nps([12, 30, 25][i], [7, 40, 30][i]) });
    const block = first(disclose(deck([slide([t])])));
    expect(column(block, 'n')).toEqual([null, 60, null]);
    expect(column(block, 'NPS')).toEqual([null, 30, null]);
    expect(states(block, 'NPS')).toEqual(['primary', undefined, 'secondary']);
    expect(states(block, 'n')).toEqual(['secondary', undefined, 'secondary']);
  });

  it('not a partition: only the group with the small figure goes', () => {
    const t = countTable(['North', 'South', 'East'], [50, 60, 45], { NPS: (i) => nps([12, 30, 25][i], [7, 40, 30][i]) });
    t.partition = false;
    const block = first(disclose(deck([slide([t])])));
    expect(column(block, 'n')).toEqual([null, 60, 45]);
    expect(column(block, 'NPS')).toEqual([null, 30, 25]);
  });

  it('a small group loses every figure, its p-values and ratios included (rule 7)', () => {
    const t = countTable(['North', 'South', 'East'], [50, 60, 6], {
      p: () => ({ value: 0.03, format: 'pValue' }),
      ratio: () => ({ value: 0.8, format: 'ratio' }),
    });
    t.partition = false;
    const block = first(disclose(deck([slide([t])])));
    expect(column(block, 'p')).toEqual([0.03, 0.03, null]);
    expect(column(block, 'ratio')).toEqual([0.8, 0.8, null]);
    expect(column(block, 'n')).toEqual([50, 60, null]);
  });

  it('3 promoters among 50 answers: the count, the share that gives it back (0.06 × 50 = 3), and the rest of the row', () => {
    // Promoters 3 is primary; the promoter share is primary too (it counts 3 people); NPS 12 = (3 − D) / 50 would
    // give it back from the detractors and answers, so the whole row goes.
    const t = countTable(['North', 'South'], [50, 80], {
      promoters: (i) => count([3, 30][i]),
      detractors: (i) => count([0, 20][i]),
      promoterShare: (i) => share([3 / 50, 30 / 80][i], [50, 80][i]),
      NPS: (i) => nps([6, 12.5][i], [50, 80][i]),
    });
    t.partition = false;
    const block = first(disclose(deck([slide([t])])));
    expect(states(block, 'promoters')).toEqual(['primary', undefined]);
    expect(states(block, 'promoterShare')).toEqual(['primary', undefined]);
    expect(states(block, 'NPS')).toEqual(['secondary', undefined]);
    expect(states(block, 'detractors')).toEqual(['secondary', undefined]);
    expect(column(block, 'n')).toEqual([null, 80]);
  });
});

describe('blocks of one result agree', () => {
  it('a region the table withholds (3 promoters; South its complement) is withheld from the bar beside it', () => {
    // The bar alone has nothing small (answers 50, 40, 60, 70), but its bases would give back the table's withheld
    // answers of North and South; the bar follows the table.
    const regions = ['North', 'South', 'East', 'West'];
    const answers = [50, 40, 60, 70];
    const table = countTable(regions, answers, { promoters: (i) => count([3, 20, 30, 35][i]) });
    const bar: SlideBlock = {
      type: 'chart',
      title: 'NPS',
      summary: '',
      chart: { kind: 'bar', orientation: 'vertical', categories: regions, series: [{ name: 'NPS', values: answers.map((a, i) => nps([10, 20, 30, 40][i], a)) }], valueAxis: 'NPS', partition: true },
    };
    const out = disclose(deck([slide([table, bar])]));
    expect(column(out.deck.slides[0].body[0], 'n')).toEqual([null, null, 60, 70]);
    const b = out.deck.slides[0].body[1];
    if (b.type !== 'chart' || b.chart.kind !== 'bar') throw new Error('bar expected');
    expect(b.chart.series[0].values.map((f) => f.value)).toEqual([null, null, 30, 40]);
    // The same when the bar and the table are on two slides of one result; not when they come from two results.
    const split = disclose(deck([slide([table]), slide([bar])]));
    const b2 = split.deck.slides[1].body[0];
    expect(b2.type === 'chart' && b2.chart.kind === 'bar' && b2.chart.series[0].values.map((f) => f.value)).toEqual([null, null, 30, 40]);
    const other = disclose(deck([slide([table]), slide([bar], { source: { resultId: 2, resultName: 'r2', resultKind: 'nps', dataset: 'd', base: 220, snapshotAt: '' } })]));
    const b3 = other.deck.slides[1].body[0];
    expect(b3.type === 'chart' && b3.chart.kind === 'bar' && b3.chart.series[0].values.map((f) => f.value)).toEqual([10, 20, 30, 40]);
    expect(out.report.suppressed.find((x) => x.what === 'NPS of North')?.reason).toBe(
      'secondary: withheld with North in another table or chart of the same result (it could give it back)',
    );
  });
});

describe('zeros and lone counts', () => {
  it('zero is shown (it singles nobody out); as a complement it hides nothing (0 + 3 = 3 people), so the next group goes too', () => {
    const t = countTable(['A', 'B', 'C'], [0, 3, 97]);
    const block = first(disclose(deck([slide([t])])));
    expect(column(block, 'n')).toEqual([null, null, null]);
    expect(states(block, 'n')).toEqual(['secondary', 'primary', 'secondary']);
    const wide = first(disclose(deck([slide([countTable(['A', 'B', 'C', 'D'], [0, 3, 40, 57])])])));
    expect(column(wide, 'n')).toEqual([null, null, null, 57]);
    t.partition = false;
    expect(column(first(disclose(deck([slide([t])]))), 'n')).toEqual([0, null, 97]);
  });

  it('big numbers of one population: a withheld one takes the others with it (NPS = promoters% − detractors%)', () => {
    const items = [
      { label: 'NPS', figure: { value: 40, format: 'nps' as const, base: 200 } },
      { label: 'Promoters', figure: share(0.43, 200) },
      { label: 'Detractors', figure: share(0.03, 200) },
    ];
    const out = disclose(deck([slide([{ type: 'figures', items }], { headline: 'Only 3% are detractors.' })]));
    const b = first(out);
    // 3% of 200 is 6 people: primary; NPS and promoters would give it back (43 − 40 = 3).
    expect(b.type === 'figures' && b.items.map((i) => i.figure.suppressed)).toEqual(['secondary', 'secondary', 'primary']);
    expect(out.deck.slides[0].headline).toBe('[withheld: it cites a suppressed figure]');
  });

  it('a lone count without a base (5 columns, 2 checks) is judged by the slide base, not read as 5 people', () => {
    const out = first(disclose(deck([slide([{ type: 'figures', items: [{ label: 'Columns', figure: { value: 5, format: 'count' } }] }])])));
    expect(out.type === 'figures' && out.items[0].figure.value).toBe(5);
  });
});

describe('other blocks', () => {
  it('funnel steps are nested, not a partition: only the small steps go', () => {
    const f = (n: number): Figure => count(n);
    const out = first(
      disclose(deck([slide([{ type: 'chart', title: 'Funnel', summary: '', chart: { kind: 'funnel', steps: [100, 60, 8, 4].map((n, i) => ({ label: `step ${i + 1}`, figure: f(n) })) } }])])),
    );
    if (out.type !== 'chart' || out.chart.kind !== 'funnel') throw new Error('funnel expected');
    expect(out.chart.steps.map((s) => s.figure.value)).toEqual([100, 60, null, null]);
  });

  it('segment cards: the small card loses its lines, its complement its lines with numbers', () => {
    const card = (title: string, n: number) => ({ title, figure: count(n), lines: [`${n} customers`, 'Young and urban'] });
    const out = first(disclose(deck([slide([{ type: 'cards', partition: true, cards: [card('S1', 500), card('S2', 300), card('S3', 150), card('S4', 6)] }])])));
    if (out.type !== 'cards') throw new Error('cards expected');
    expect(out.cards.map((c) => c.figure?.value)).toEqual([500, 300, null, null]);
    expect(out.cards[3].lines).toEqual(['Fewer than 10 people: details withheld.']);
    expect(out.cards[2].lines).toEqual(['Young and urban', 'Details withheld so that a smaller group cannot be worked out.']);
    expect(out.cards[0].lines).toEqual(['500 customers', 'Young and urban']);
  });

  it('a figure without a base is judged by the slide source; no source, no base: withheld', () => {
    const overall = (): SlideBlock => ({ type: 'figures', items: [{ label: 'Overall NPS', figure: { value: 16, format: 'nps' } }] });
    const shown = first(disclose(deck([slide([overall()])])));
    expect(shown.type === 'figures' && shown.items[0].figure.value).toBe(16);
    const small = first(disclose(deck([slide([overall()], { source: { resultId: 1, resultName: 'r', resultKind: 'nps', dataset: 'd', base: 8, snapshotAt: '' } })])));
    expect(small.type === 'figures' && small.items[0].figure.suppressed).toBe('primary');
    const none = disclose(deck([slide([overall()], { source: null })]));
    expect(none.report.suppressed[0].reason).toMatch(/no base is known/);
  });

  it('running text citing a withheld number is withheld sentence by sentence', () => {
    const out = disclose(deck([slide([countTable(['North', 'South', 'East', 'West'], [50, 40, 8, 30])], { headline: 'East has only 8 customers. North leads with 50.' })]));
    expect(out.deck.slides[0].headline).toBe('[withheld: it cites a suppressed figure] North leads with 50.');
    expect(out.report.removed.map((r) => r.what)).toContain('a sentence of the headline');
  });
});

describe('running text across the slides of one result', () => {
  it('a number withheld on one slide is withheld from the text of the slides of the same result, not of others', () => {
    const src = (resultId: number) => ({ resultId, resultName: 'r', resultKind: 'nps' as const, dataset: 'd', base: 128, snapshotAt: '' });
    const out = disclose(
      deck([
        slide([countTable(['North', 'South', 'East', 'West'], [50, 40, 8, 30])], { source: src(1) }),
        slide([], { source: src(1), headline: 'East has 8 customers.' }),
        slide([], { source: src(2), headline: 'We ran 8 workshops.' }),
      ]),
    );
    expect(out.deck.slides.map((s) => s.headline)).toEqual(['', '[withheld: it cites a suppressed figure]', 'We ran 8 workshops.']);
  });
});

describe('row-level tables (rule 6)', () => {
  it('a table with one person per row is removed and reported; a table of model coefficients is not', () => {
    const people: SlideBlock = {
      type: 'table',
      columns: [{ key: 'who', label: 'Customer' }, { key: 'orders', label: 'Orders' }],
      rows: ['C00001', 'C00002', 'C00003'].map((who) => ({ who, orders: { value: 3, format: 'count', base: 1 } })),
    };
    const drivers: SlideBlock = {
      type: 'table',
      columns: [{ key: 'driver', label: 'Driver' }, { key: 'w', label: 'Importance' }],
      rows: ['Delivery', 'Price'].map((driver, i) => ({ driver, w: { value: [0.9, 0.45][i], format: 'decimal' } })),
    };
    const out = disclose(deck([slide([people, drivers])]));
    const body = out.deck.slides[0].body;
    expect(body[0]).toEqual({ type: 'text', paragraphs: ["A table of individual records was removed here: row-level tables are not shown outside the analyst's screen."] });
    expect(body[1]).toEqual(drivers);
    expect(out.report.removed).toEqual([{ slide: 1, slideTitle: 'A slide', what: 'a table of individual records', reason: "row-level tables are not shown outside the analyst's screen" }]);
    expect(JSON.stringify(out.deck)).not.toContain('C00001');
  });
});

describe('rounding to base 5 (rule 4)', () => {
  it('counts and bases to the nearest 5 with roundedTo, shares in whole percents, withheld figures untouched', () => {
    const counts = [123, 57, 820, 6];
    const t = countTable(['A', 'B', 'C', 'D'], counts, { share: (i) => share(counts[i] / 1006, 1006) });
    const out = disclose(deck([slide([t])]), 10, 5);
    const block = first(out);
    // D (6) is withheld and B (57), the smallest other part, with it; the rest is rounded.
    expect(column(block, 'n')).toEqual([125, null, 820, null]);
    if (block.type !== 'table') throw new Error('table expected');
    expect(block.rows.map((r) => (r.n as Figure).roundedTo)).toEqual([5, undefined, 5, undefined]);
    expect((block.rows[0].n as Figure).base).toBe(125);
    expect((block.rows[0].share as Figure).base).toBe(1005);
    expect((block.rows[0].share as Figure).value).toBe(123 / 1006);
    expect((block.rows[0].share as Figure).digits).toBe(0);
    expect(out.deck.slides[0].source?.base).toBe(1000);
    expect(out.report.note).toMatch(/Counts are rounded to the nearest 5 and percentages to whole numbers\.$/);
  });
});

describe('settings, purity, determinism', () => {
  it('refuses a threshold below the floor of 5', () => {
    expect(() => disclose(deck([]), 4)).toThrow(/cannot be below 5/);
  });

  it('never changes its input and gives the same output for the same input', () => {
    const d = deck([slide([countTable(['North', 'South', 'East', 'West'], [50, 40, 8, 30])], { headline: 'East has 8.' })]);
    const before = JSON.stringify(d);
    const a = disclose(d);
    const b = disclose(d);
    expect(JSON.stringify(d)).toBe(before);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.deck).not.toBe(d);
  });
});
