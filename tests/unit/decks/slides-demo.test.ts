// The slide registry on real saved results of the demo workspace (generateDemoCsvs seed 42, imported by the demo
// builder): every builder's figures are the saved result's own numbers (read back with results.get and compared
// field by field), every figure about a group carries its base, group splits are partitions whose counts add up to
// the population, and no slide holds a value of the demo's personal columns (name, email, phone, pseudonymised).
// Expected values are the results themselves; the few fixed numbers (3,000 customers) are the demo's documented size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args, HandlerName } from '../../../shared/api';
import type { AuditResult } from '../../../shared/audit';
import { widestGap } from '../../../shared/audit-gaps';
import type { Cell, ChartSpec, Deck, Figure, Slide, SlideBlock } from '../../../shared/decks';
import { slideSchema } from '../../../shared/decks';
import type { JourneyResult } from '../../../shared/journeys';
import type { DriversResult, NpsContextResult, NpsResult } from '../../../shared/nps';
import type { ResultKind } from '../../../shared/results';
import type { SegmentationResult } from '../../../shared/segments';
import { applyDisclosure, collectPiiValues } from '../../../main/disclosure';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { harness, type Harness } from '../segment-service/helpers';

const CUSTOMERS = 'Demo customers';
const EVENTS = 'Demo journey events';
let h: Harness;
let demoPath: string;
const ids = new Map<ResultKind, number>();
let deck: Deck;

type H = Harness['services']['handlers'];
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

async function run<K extends HandlerName>(kind: ResultKind, name: K, args: Args<K>) {
  const r = (await (h.services.handlers[name] as (a: Args<K>) => unknown)(args)) as { saved?: { id: number } };
  ids.set(kind, r.saved!.id);
}

async function output<T>(kind: ResultKind): Promise<T> {
  return (await call('results.get', { id: ids.get(kind)! })).result as T;
}

const slide = (kind: string): Slide => {
  const s = deck.slides.find((x) => x.kind === kind);
  if (!s) throw new Error(`no ${kind} slide in ${deck.slides.map((x) => x.kind).join(', ')}`);
  return s;
};
const blocks = <T extends SlideBlock['type']>(s: Slide, type: T) => s.body.filter((b) => b.type === type) as Extract<SlideBlock, { type: T }>[];
const chart = <K extends ChartSpec['kind']>(s: Slide, kind: K) => blocks(s, 'chart').map((b) => b.chart).find((c) => c.kind === kind) as Extract<ChartSpec, { kind: K }>;
const fig = (c: Cell | undefined): Figure => c as Figure;

beforeAll(async () => {
  h = await harness();
  demoPath = (await h.services.handlers['workspace.openDemo']({})).path;
  const save = {};
  await run('segmentation', 'segment.run', { jobId: 'job_seg_deck', params: { dataset: CUSTOMERS, features: ['age', 'monthly_spend', 'orders_12m'], k: 'auto', kRange: [2, 4], name: 'Demo segments' } });
  await run('journey', 'journey.analyze', { jobId: 'job_jny_deck', spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', step: 'step', offFunnel: ['Support contact'] }, save });
  await run('nps', 'nps.analyze', { jobId: 'job_nps_deck', spec: { dataset: CUSTOMERS, score: 'nps_score', by: 'region', period: 'nps_surveyed_at', periodUnit: 'quarter' }, save });
  await run('npsContext', 'nps.context', { jobId: 'job_ctx_deck', spec: { dataset: CUSTOMERS, score: 'nps_score', context: 'nps_context' }, save });
  await run('drivers', 'drivers.analyze', {
    jobId: 'job_drv_deck',
    spec: { dataset: CUSTOMERS, target: 'nps_score', drivers: ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support'], bootstrap: 40 },
    save,
  });
  await run('audit', 'audit.run', { jobId: 'job_aud_deck', spec: { dataset: CUSTOMERS, decision: 'offer_approved', protected: ['gender', 'age_band'], proxySegmentations: [] }, save });
  for (const [, id] of ids) {
    const kinds = (await call('deck.slideKinds', { resultId: id })).map((k) => k.kind);
    deck = await call('deck.addSlides', { deck: 'Everything', resultId: id, kinds });
  }
}, 300_000);

afterAll(() => h?.dispose());

/** Every figure of a block, with whether it sits in a group (a row, bar, card, step, link or point). */
function figuresOf(b: SlideBlock): { f: Figure; grouped: boolean }[] {
  const out: { f: Figure; grouped: boolean }[] = [];
  const add = (f: Cell | undefined, grouped: boolean) => f && typeof f === 'object' && out.push({ f, grouped });
  if (b.type === 'figures') b.items.forEach((i) => add(i.figure, false));
  if (b.type === 'table') b.rows.forEach((r) => Object.values(r).forEach((c) => add(c, true)));
  if (b.type === 'cards') b.cards.forEach((c) => add(c.figure, true));
  if (b.type === 'crosstab') b.counts.flat().forEach((c) => add(c, true));
  if (b.type === 'chart') {
    const c = b.chart;
    if (c.kind === 'bar' || c.kind === 'line') c.series.forEach((s) => s.values.forEach((v) => add(v, c.kind === 'bar')));
    if (c.kind === 'funnel') c.steps.forEach((s) => add(s.figure, true));
    if (c.kind === 'flow') c.links.forEach((l) => add(l.figure, true));
    if (c.kind === 'scatter') c.points.forEach((p) => (add(p.x, true), add(p.y, true)));
  }
  return out;
}

describe('slide registry on the demo', () => {
  it('offers each kind its slides, builds them all valid, and lists them in the deck', async () => {
    expect((await call('deck.slideKinds', { resultId: ids.get('nps')! })).map((k) => [k.kind, k.byDefault])).toEqual([
      ['nps.headline', true],
      ['nps.byGroup', true],
      ['nps.groupTable', false],
      ['nps.trend', false],
      ['data.quality', false],
    ]);
    expect(deck.slides.map((s) => s.kind)).toEqual([
      ...['segmentation.cards', 'segmentation.sizes', 'segmentation.profile', 'segmentation.kSweep', 'data.quality'],
      ...['journey.funnel', 'journey.flow', 'journey.painPoints', 'data.quality'],
      ...['nps.headline', 'nps.byGroup', 'nps.groupTable', 'nps.trend', 'data.quality'],
      ...['npsContext.table', 'data.quality'],
      ...['drivers.quadrant', 'drivers.weights', 'data.quality'],
      ...['audit.summary', 'audit.verdicts', 'audit.groups', 'audit.groupsMore', 'audit.disparity', 'data.quality'],
    ]);
    for (const s of deck.slides) {
      expect(slideSchema.safeParse(s).success, s.kind).toBe(true);
      expect(s.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(s.headline.length, s.kind).toBeGreaterThan(10);
    }
    expect(new Set(deck.slides.map((s) => s.id)).size).toBe(deck.slides.length);
  });

  it('every figure inside a group carries its base (a number of people), counts are their own base', () => {
    for (const s of deck.slides) {
      for (const b of s.body) {
        for (const { f, grouped } of figuresOf(b)) {
          // A count of nobody (0 missing values) is its own base, 0; every other figure in a group rests on people.
          if (grouped && f.value !== null) expect(f.base, `${s.kind}: ${JSON.stringify(f)}`).toBeGreaterThan(f.format === 'count' && f.value === 0 ? -1 : 0);
          if (f.format === 'count' && f.base !== undefined) expect(f.base).toBe(f.value);
        }
      }
    }
  });

  it('segment cards and sizes: the saved sizes, a partition adding up to the customers segmented', async () => {
    const r = await output<SegmentationResult>('segmentation');
    const cards = blocks(slide('segmentation.cards'), 'cards')[0];
    expect(cards.partition).toBe(true);
    expect(cards.cards.map((c) => [c.title, c.figure?.value])).toEqual(r.segments.map((c) => [c.name, c.size]));
    expect(r.segments.reduce((s, c) => s + c.size, 0)).toBe(r.rows);
    const bar = chart(slide('segmentation.sizes'), 'bar');
    expect(bar.partition).toBe(true);
    expect(bar.series[0].values.map((v) => v.value)).toEqual(r.segments.map((c) => c.size));
    const top = [...r.segments].sort((a, b) => b.size - a.size)[0];
    expect(slide('segmentation.sizes').headline).toBe(
      `${r.k} segments of ${r.rows.toLocaleString('en-US')} customers; the largest, “${top.name}”, holds ${(top.share * 100).toFixed(1)}% (n = ${top.size.toLocaleString('en-US')}).`,
    );
    const table = blocks(slide('segmentation.profile'), 'table')[0];
    expect(table.rows.map((row) => fig(row.nps).value)).toEqual(r.segments.map((c) => c.nps?.value ?? null));
    expect(table.rows.map((row) => fig(row.nps).base)).toEqual(r.segments.map((c) => c.nps?.n));
    expect(fig(table.total?.size).value).toBe(r.rows);
    const line = chart(slide('segmentation.kSweep'), 'line');
    expect(line.x).toEqual([2, 3, 4]);
    expect(line.series[0].values.map((v) => v.value)).toEqual(r.kScores!.map((k) => k.silhouette));
    expect(line.marker?.x).toBe(r.k);
  });

  it('refreshing segment cards keeps the names the analyst gave (a re-fit suggests its own), and is identical on the same data', async () => {
    await call('segment.update', { segmentation: 'Demo segments', index: 0, name: 'Bargain hunters' });
    const d = await call('deck.addSlides', { deck: 'Segments only', resultId: ids.get('segmentation')!, kinds: ['segmentation.cards'] });
    const cards = blocks(d.slides[0], 'cards')[0].cards;
    expect(cards[0].title).toBe('Bargain hunters');
    const r = await call('deck.refreshSlide', { jobId: 'job_refresh_seg', deck: 'Segments only', slideId: d.slides[0].id });
    expect(blocks(r.slide, 'cards')[0].cards.map((c) => c.title)).toEqual(cards.map((c) => c.title));
    expect(r.identical).toBe(true);
    expect(r.message).toBe('Refreshed “Segments of Demo customers”: nothing changed. Re-ran the segmentation “Demo segments”: identical.');
  });

  it('journey funnel, flow and pain points: the saved stage counts, transitions and drop-off rates', async () => {
    const r = await output<JourneyResult>('journey');
    const funnel = chart(slide('journey.funnel'), 'funnel');
    expect(funnel.steps.map((s) => [s.label, s.figure.value])).toEqual(r.funnel.map((f) => [f.stage, f.customers]));
    const last = r.funnel.at(-1)!;
    expect(slide('journey.funnel').headline).toContain(`${(last.conversion * 100).toFixed(1)}% of journeys reach ${last.stage} (n = ${last.customers.toLocaleString('en-US')} of ${r.funnel[0].customers.toLocaleString('en-US')})`);
    const flow = chart(slide('journey.flow'), 'flow');
    for (const l of flow.links) expect(l.figure.value).toBe(r.transitions.find((t) => t.from === l.from && t.to === l.to)!.customers);
    expect(flow.links.length).toBe(Math.min(15, r.transitions.filter((t) => t.from !== t.to).length));
    const pain = blocks(slide('journey.painPoints'), 'table')[0];
    expect(pain.rows.map((row) => [row.stage, fig(row.dropOff).value, fig(row.satisfaction)?.value ?? null])).toEqual(
      r.painPoints.slice(0, 10).map((p) => [p.stage, p.dropOffRate, p.meanSatisfaction]),
    );
    for (const row of pain.rows) {
      const i = r.funnel.findIndex((f) => f.stage === row.stage);
      expect(fig(row.dropOff).base).toBe(r.funnel[i - 1].customers);
    }
  });

  it('NPS headline and by group: the saved NPS, shares and intervals; groups a partition of the answers', async () => {
    const r = await output<NpsResult>('nps');
    const items = blocks(slide('nps.headline'), 'figures')[0].items;
    expect(items[0].figure).toEqual({ value: r.overall.nps, format: 'nps', base: r.overall.n, digits: 1, ci: r.overall.ci });
    expect(items.map((i) => i.figure.value)).toEqual([r.overall.nps, r.overall.promoters / r.overall.n, r.overall.passives / r.overall.n, r.overall.detractors / r.overall.n, r.overall.n]);
    const sign = r.overall.nps! > 0 ? '+' : '-';
    expect(slide('nps.headline').headline).toBe(
      `${r.overall.promoters > r.overall.detractors ? 'Promoters outnumber detractors' : 'Detractors outnumber promoters'}: NPS ${sign}${Math.abs(r.overall.nps!).toFixed(1)} (n = ${r.overall.n.toLocaleString('en-US')}).`,
    );
    const s = slide('nps.byGroup');
    const bar = chart(s, 'bar');
    expect(bar.partition).toBe(true);
    expect(bar.categories).toEqual(r.groups.map((g) => g.group));
    expect(bar.series[0].values.map((v) => [v.value, v.base, v.ci])).toEqual(r.groups.map((g) => [g.nps, g.n, g.ci]));
    expect(bar.reference?.value).toBe(r.overall.nps);
    // Twelve regions: the chart stands alone, the figures get their own table slide.
    expect(blocks(s, 'table')).toEqual([]);
    const table = blocks(slide('nps.groupTable'), 'table')[0];
    expect(table.rows.map((row) => [row.group, fig(row.nps).value, fig(row.nps).base])).toEqual(r.groups.map((g) => [g.group, g.nps, g.n]));
    expect(table.partition).toBe(true);
    expect(table.rows.reduce((sum, row) => sum + (fig(row.answers).value ?? 0), 0)).toBe(r.overall.n);
    expect(fig(table.total?.answers).value).toBe(r.overall.n);
    const trend = chart(slide('nps.trend'), 'line');
    expect(trend.series[0].values.map((v) => [v.value, v.base])).toEqual(r.trend!.map((t) => [t.nps, t.n]));
  });

  it('context check: one row per context with its answers and NPS; the flagged context in the headline', async () => {
    const r = await output<NpsContextResult>('npsContext');
    const bar = chart(slide('npsContext.table'), 'bar');
    expect(bar.partition).toBe(true);
    expect(bar.series[0].values.map((v) => [v.value, v.base, v.ci])).toEqual(r.groups.map((g) => [g.nps, g.n, g.ci]));
    const table = blocks(slide('npsContext.table'), 'table')[0];
    expect(table.rows.map((row) => [row.context, fig(row.answers).value, fig(row.nps).value])).toEqual(r.groups.map((g) => [g.group, g.n, g.nps]));
    expect(table.partition).toBe(true);
    // The demo plants an inflated "in-store with employee" context (demo-data.ts).
    const f = r.flags.find((x) => x.direction === 'inflated')!;
    expect(f.group).toMatch(/in-store/);
    expect(table.rows.find((row) => row.context === f.group)?.flag).toBe('higher: inflated');
    expect(slide('npsContext.table').headline).toContain(`Answers from “${r.flags[0].group}” score ${Math.abs(r.flags[0].difference).toFixed(1)} points`);
  });

  it('drivers quadrant and weights: importance = share of R², performance scaled, quadrant cuts as saved', async () => {
    const r = await output<DriversResult>('drivers');
    const sc = chart(slide('drivers.quadrant'), 'scatter');
    expect(sc.points.map((p) => [p.label, p.x.value, p.y.value, p.group])).toEqual(r.drivers.map((d) => [d.name, d.share / 100, d.performanceScaled, d.quadrant]));
    expect(sc.quadrants).toMatchObject({ x: r.quadrantCuts.share / 100, y: r.quadrantCuts.performance });
    for (const p of sc.points) expect(p.x.base).toBe(r.n);
    const top = [...r.drivers].sort((a, b) => b.weight - a.weight)[0];
    // The demo plants delivery as the strongest driver (weight 0.9 per rating point).
    expect(top.name).toBe('satisfaction_delivery');
    expect(slide('drivers.quadrant').headline).toMatch(new RegExp(`^satisfaction_delivery matters most: ${top.share.toFixed(1)}% of what the drivers explain \\(R² = ${r.r2.toFixed(2)}, n = ${r.n.toLocaleString('en-US')}\\)`));
    const weights = blocks(slide('drivers.weights'), 'table')[0];
    expect(weights.rows.map((row) => fig(row.weight).value)).toEqual([...r.drivers].sort((a, b) => b.weight - a.weight).map((d) => d.weight));
  });

  it('audit summary, groups and disparity: per-group n, selection rates and ratios as saved; each attribute a partition', async () => {
    const r = await output<AuditResult>('audit');
    // One attribute table per slide when a table has more than five groups (a half-width table wraps): age_band
    // (six bands, the widest gap's attribute) on the groups slide, gender on the next.
    expect(blocks(slide('audit.groups'), 'table').map((t) => t.columns[0].label)).toEqual(['age_band']);
    expect(blocks(slide('audit.groupsMore'), 'table').map((t) => t.columns[0].label)).toEqual(['gender']);
    expect(slide('audit.groups').notes).toContain('Also audited, on the next groups slide: gender.');
    expect([slide('audit.groups').title, slide('audit.groupsMore').title]).toEqual(['Who is selected: offer_approved (age_band)', 'Who is selected: offer_approved (gender)']);
    const tables = [...blocks(slide('audit.groups'), 'table'), ...blocks(slide('audit.groupsMore'), 'table')];
    for (const t of tables) {
      const attr = t.columns[0].label;
      const groups = r.groups.filter((g) => g.attribute === attr);
      expect(t.partition).toBe(true);
      expect(t.rows.map((row) => [fig(row.n).value, fig(row.rate).value, fig(row.rate).base])).toEqual(groups.map((g) => [g.n, g.selectionRate.value, g.selectionRate.denominator]));
      expect(groups.reduce((s, g) => s + g.n, 0)).toBe(r.rows);
    }
    // The disparity chart shows the attribute of the widest reliable gap (age_band in the demo, see below).
    const bar = chart(slide('audit.disparity'), 'bar');
    const bands = r.groups.filter((g) => g.attribute === 'age_band');
    expect(bar.categories).toEqual(bands.map((g) => g.group));
    const ratioOf = (g: (typeof bands)[number]) => (g.isReference ? 1 : r.disparities.find((d) => d.metric === 'selectionRate' && d.attribute === 'age_band' && d.group === g.group)!.ratio);
    expect(bar.series[0].values.map((v) => [v.value, v.base])).toEqual(bands.map((g) => [ratioOf(g), g.n]));
    expect(bar.reference?.value).toBe(0.8);
    const summary = blocks(slide('audit.summary'), 'table')[0];
    expect(summary.rows.map((row) => row.check)).toEqual(r.verdicts.map((v) => v.metric));
    const w = widestGap({ groups: r.groups, disparities: r.disparities, minGroupSize: 30, alpha: 0.05 }, 'selectionRate')!;
    // The demo plants the 18-24 penalty (demo-data.ts: 18-24 21% approved vs 35-44 59%).
    expect(w.group).toBe('18-24');
    const items = blocks(slide('audit.summary'), 'figures')[0].items;
    expect(items.map((i) => i.figure.value)).toEqual([r.rows, r.verdicts.filter((v) => v.status === 'fail').length, w.ratio]);
    expect(items[2].figure.base).toBe(Math.min(...r.groups.filter((g) => g.attribute === w.attribute && [w.group, w.reference].includes(g.group)).map((g) => g.n)));
    const fails = r.verdicts.filter((v) => v.status === 'fail').length;
    expect(slide('audit.summary').headline).toMatch(new RegExp(`^${fails} of \\d+ fairness checks? fails?`));
  });

  it('audit verdicts: one row per saved verdict, the worst group and its reference, the gap as the saved ratio on the smaller n', async () => {
    const r = await output<AuditResult>('audit');
    const s = slide('audit.verdicts');
    const table = blocks(s, 'table')[0];
    const words = { fail: 'Fails', warn: 'Warning', pass: 'Passes', 'not applicable': 'Not applicable' };
    expect(table.rows.map((row) => [row.check, row.verdict])).toEqual(r.verdicts.map((v) => [v.metric, words[v.status]]));
    // No label in the demo audit: demographic parity is the one check judged; the four label checks are not applicable.
    expect(r.verdicts.map((v) => v.status)).toEqual(['fail', 'not applicable', 'not applicable', 'not applicable', 'not applicable']);
    const n = (group: string) => r.groups.find((g) => g.attribute === 'age_band' && g.group === group)!.n;
    const d = r.disparities.find((x) => x.metric === 'selectionRate' && x.attribute === 'age_band' && x.group === '18-24')!;
    expect(d.flag).toBe(true);
    expect(table.rows[0]).toMatchObject({ group: '18-24 (age_band)', reference: d.reference });
    expect(fig(table.rows[0].gap)).toEqual({ value: d.ratio, format: 'ratio', digits: 2, base: Math.min(n('18-24'), n(d.reference)) });
    expect(fig(table.rows[0].gap).base).toBe(420);
    for (const row of table.rows.slice(1)) expect([row.group, row.reference, row.gap]).toEqual([null, null, null]);
    expect(s.headline).toBe(`1 of 1 fairness check fails (4 others not applicable); the selection rate of age_band “18-24” is ${d.ratio!.toFixed(2)} times that of “${d.reference}”.`);
    // Notes explain each check in words: no digit, so no sentence of them can repeat a withheld number.
    expect(s.notes).toMatch(/^Demographic parity asks whether every group gets the decision at the same rate/);
    expect(s.notes).not.toMatch(/\d/);
  });

  it('audit verdicts under a raised threshold: the gap of a group under k is withheld, and the headline clause quoting it', () => {
    const s = slide('audit.verdicts');
    // k = 500: the 18-24 band (420 people) is under it; 25-34 (720) is not.
    const safe = applyDisclosure({ ...deck, slides: [s] }, { settings: { minCell: 500, roundTo: 0 }, piiValues: new Set() });
    const row = blocks(safe.deck.slides[0], 'table')[0].rows[0];
    expect(fig(row.gap)).toEqual({ value: null, format: 'ratio', digits: 2, suppressed: 'primary' });
    expect(safe.deck.slides[0].headline).toBe('1 of 1 fairness check fails (4 others not applicable); [withheld: it cites a suppressed figure]');
    expect(safe.report.suppressed.map((x) => x.reason)).toEqual(['fewer than 500 people']);
    // At the default k = 10 nothing on the slide is withheld.
    const open = applyDisclosure({ ...deck, slides: [s] }, { settings: { minCell: 10, roundTo: 0 }, piiValues: new Set() });
    expect(open.deck.slides[0]).toEqual(s);
  });

  it('data quality: rows and missing shares from the profile, no values', async () => {
    const s = deck.slides.find((x) => x.kind === 'data.quality' && x.source?.dataset === CUSTOMERS)!;
    const profile = await call('dataset.profile', { dataset: CUSTOMERS });
    const items = blocks(s, 'figures')[0].items;
    expect(items[0].figure.value).toBe(3000);
    const incomplete = profile.columns.filter((c) => c.missing > 0);
    expect(items[1]).toMatchObject({ label: 'Complete columns', note: `of ${profile.columns.length} columns` });
    expect(items[1].figure.value).toBe(profile.columns.length - incomplete.length);
    const table = blocks(s, 'table')[0];
    // Only columns with missing values are listed, the least complete first, at most 5 (what fits the slide at full
    // size): the demo customers have 6, so the most complete of them is left to the caption.
    expect(incomplete.length).toBe(6);
    const expected = [...incomplete].sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name)).slice(0, 5);
    expect(table.rows.map((row) => row.column)).toEqual(expected.map((c) => c.name));
    expect(table.caption).toBe(`The 5 least complete of 6 columns with missing values; ${profile.columns.length - 6} columns are complete.`);
    for (const row of table.rows) {
      const c = profile.columns.find((x) => x.name === row.column)!;
      expect(fig(row.missing).value).toBe(c.missing);
      expect(fig(row.missingShare).value).toBeCloseTo(c.missing / 3000, 12);
    }
    // satisfaction_app is missing for non-app users (~45%, demo-data.ts): the least complete column.
    expect(table.rows[0].column).toBe('satisfaction_app');
  });

  it('no slide holds a value of the demo’s personal columns', () => {
    const db = openWorkspaceDb(demoPath);
    try {
      const pii = collectPiiValues(db);
      expect(pii.size).toBeGreaterThan(1000);
      const text = JSON.stringify(deck.slides).toLowerCase();
      for (const v of pii) expect(text.includes(v.toLowerCase()), v).toBe(false);
    } finally {
      db.close();
    }
  });
});
