// renderChartSvg (shared/slides/svg-chart.ts) and its helpers. Expected values are by hand:
// - bar lengths: two bars 10 and 20 from zero on one axis must be in the ratio 1 : 2 (to the 0.1 px the SVG prints);
// - niceTicks: steps from {1, 2, 2.5, 5} × 10^k just above (hi − lo) / count, e.g. −5.2..35.8 / 5 = 8.2 → step 10;
// - flow columns: the longest path from a source (Visit 0, Help page 1, Basket 2, Payment 3, Order 4 in the fixture);
// - the funnel's "52% of Visit" is 2,600 / 5,000;
// - withheld figures in the fixture carry marker values (987654 …) that must never be printed.
// The chart specs are the fixture deck's (tests/fixtures/decks/sample-deck.ts) plus small hand-made ones.
import { describe, expect, it } from 'vitest';
import type { ChartSpec, SlideBlock } from '../../../shared/decks';
import { renderChartSvg } from '../../../shared/slides/svg-chart';
import { flowColumns } from '../../../shared/slides/svg-flow';
import { escapeXml, niceTicks, tickDigits } from '../../../shared/slides/svg-kit';
import { SAMPLE_SLIDES, WITHHELD_TEXTS } from '../../fixtures/decks/sample-deck';

const charts = SAMPLE_SLIDES.flatMap((s) => s.body).filter((b): b is Extract<SlideBlock, { type: 'chart' }> => b.type === 'chart');
const chartOf = (kind: ChartSpec['kind'], n = 0) => charts.filter((c) => c.chart.kind === kind)[n];
const light = (c: Extract<SlideBlock, { type: 'chart' }>) => renderChartSvg(c.chart, { width: 1000, height: 480, theme: 'light', title: c.title, summary: c.summary });

describe('renderChartSvg: every kind', () => {
  it('covers bar, line, scatter, funnel and flow in the fixture', () => {
    expect(new Set(charts.map((c) => c.chart.kind))).toEqual(new Set(['bar', 'line', 'scatter', 'funnel', 'flow']));
  });

  it.each(charts.map((c) => [c.chart.kind, c] as const))('%s: accessible, escaped, deterministic, no URL, no withheld value', (_kind, c) => {
    const svg = light(c);
    expect(svg).toBe(light(c));
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).toContain(`role="img" aria-label="${escapeXml(c.summary)}"`);
    expect(svg).toContain(`<title>${escapeXml(c.title)}</title><desc>${escapeXml(c.summary)}</desc>`);
    expect(svg).not.toMatch(/http|\/\/|<script|xlink|href/i);
    for (const t of WITHHELD_TEXTS) expect(svg).not.toContain(t);
    // Every tag is closed (a cheap well-formedness check; the browser test parses them for real).
    expect((svg.match(/<svg\b/g) ?? []).length).toBe((svg.match(/<\/svg>/g) ?? []).length);
  });

  it('adds xmlns only for standalone use', () => {
    const c = chartOf('bar');
    expect(light(c)).not.toContain('xmlns');
    expect(renderChartSvg(c.chart, { width: 800, height: 400, theme: 'light', standalone: true })).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('keeps every text at 24 px or more in the projector theme', () => {
    for (const c of charts) {
      const svg = renderChartSvg(c.chart, { width: 1700, height: 760, theme: 'projector', title: c.title, summary: c.summary });
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    }
  });

  it('refuses a size it cannot draw', () => {
    expect(() => renderChartSvg(chartOf('bar').chart, { width: 10, height: 400, theme: 'light' })).toThrow(/width and height/);
  });
});

describe('bars', () => {
  const rectWidths = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#0072B2"/g)].map((m) => Number(m[1]));

  it('draws lengths in proportion to the values, from zero', () => {
    const svg = renderChartSvg(
      { kind: 'bar', orientation: 'horizontal', categories: ['A', 'B'], series: [{ name: 'n', values: [{ value: 10, format: 'count' }, { value: 20, format: 'count' }] }], valueAxis: '' },
      { width: 800, height: 300, theme: 'light' },
    );
    const [a, b] = rectWidths(svg);
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(b - 2 * a)).toBeLessThanOrEqual(0.2);
  });

  it('draws a withheld value as a hatched, dashed stub with its words, never as a bar', () => {
    const c = chartOf('bar');
    const svg = light(c);
    expect(svg).toMatch(/fill="url\(#cxw-hatch-[0-9a-f]{8}\)" stroke="#444444" stroke-width="1.5" stroke-dasharray="4 3"><title>Islands: fewer than 10 people<\/title>/);
    expect(svg).toContain('>fewer than 10 people</text>');
    expect(svg).toMatch(/<pattern id="cxw-hatch-[0-9a-f]{8}"/);
    // Three drawn bars (North, South, East & West), the fourth is the stub.
    expect(rectWidths(svg)).toHaveLength(3);
  });

  it('writes the reference line label, the interval whiskers and the escaped category names', () => {
    const svg = light(chartOf('bar'));
    expect(svg).toContain('>Overall +23.4</text>');
    expect(svg).toContain('East &amp; West &lt;coast&gt;');
    expect(svg).not.toContain('<coast>');
    expect((svg.match(/<path d="M[\d.]+ [\d.]+H[\d.]+M/g) ?? []).length).toBe(3); // a whisker per drawn bar
    expect(svg).toContain('>+31.4</text>');
    expect(svg).toContain('>-5.2</text>');
  });

  it('names secondary suppressions "suppressed" in grouped bars', () => {
    const svg = light(chartOf('bar', 1));
    expect(svg).toContain('<title>Drifting, Spend (£00): suppressed</title>');
    expect(svg).toContain('<title>New, Visits: fewer than 10 people</title>');
  });
});

describe('line, scatter, funnel, flow', () => {
  it('breaks a line at a withheld point and names it in the footnote', () => {
    const svg = light(chartOf('line', 1));
    const path = svg.match(/<path d="(M[^"]+)" fill="none" stroke="#0072B2"/)![1];
    expect(path.match(/M/g)).toHaveLength(2); // Jan–Mar, then May alone
    expect(svg).toContain('>Not shown: Apr: fewer than 10 people</text>');
    expect(svg).toContain('>+27.3</text>'); // the direct label at the last point
  });

  it('draws a marker line and a legend for two series', () => {
    const svg = light(chartOf('line', 0));
    expect(svg).toContain('>chosen k = 4</text>');
    expect(svg).toContain('>Silhouette</text>');
    expect(svg).toContain('>Stability</text>');
  });

  it('leaves a withheld scatter point out, with quadrant names and point labels', () => {
    const svg = light(chartOf('scatter'));
    expect((svg.match(/<circle /g) ?? []).length).toBe(4);
    for (const label of ['Fix first', 'Keep up', 'Low priority', 'Maintain', 'Delivery speed', 'Staff friendliness']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('Not shown: Returns: fewer than 10 people');
  });

  it('writes funnel steps with their share of the first step, and a stub for a withheld step', () => {
    const svg = light(chartOf('funnel'));
    expect(svg).toContain('>2,600 · 52% of Visit</text>');
    expect(svg).toContain('>1,200 · 24% of Visit</text>');
    expect(svg).toContain('<title>Refund: fewer than 10</title>');
  });

  it('places flow nodes in columns by longest path, and draws a withheld link as a dashed thread', () => {
    const flow = chartOf('flow').chart as Extract<ChartSpec, { kind: 'flow' }>;
    const { column } = flowColumns(flow);
    expect(Object.fromEntries(column)).toEqual({ Visit: 0, 'Help page': 1, Basket: 2, Payment: 3, Order: 4 });
    const svg = light(chartOf('flow'));
    expect(svg).toContain('<title>Help page → Basket: fewer than 10</title>');
    expect(svg).toMatch(/stroke-dasharray="5 4"><title>Help page → Basket/);
    expect((svg.match(/fill-opacity="0.42"/g) ?? []).length).toBe(4); // four drawn bands
  });

  it('keeps a cycle from pushing nodes past the last column', () => {
    const { column } = flowColumns({ kind: 'flow', nodes: ['a', 'b'], links: [{ from: 'a', to: 'b', figure: { value: 5, format: 'count' } }, { from: 'b', to: 'a', figure: { value: 5, format: 'count' } }] });
    for (const c of column.values()) expect(c).toBeLessThan(2);
  });

  it('says so when there is nothing to draw', () => {
    const svg = renderChartSvg({ kind: 'bar', orientation: 'vertical', categories: [], series: [], valueAxis: '' }, { width: 400, height: 200, theme: 'light' });
    expect(svg).toContain('>No data to show</text>');
  });
});

describe('helpers', () => {
  it('niceTicks cover the range with 1-2-2.5-5 steps', () => {
    expect(niceTicks(0, 31.4, 5)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(-5.2, 35.8, 5)).toEqual([-10, 0, 10, 20, 30, 40]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
  it('tickDigits counts the decimals a step needs', () => {
    expect(tickDigits(0.25)).toBe(2);
    expect(tickDigits(10)).toBe(0);
    expect(tickDigits(0.05, 100)).toBe(0);
    expect(tickDigits(0.025, 100)).toBe(1);
  });
  it('escapeXml escapes markup and quotes and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('long category labels', () => {
  it('wrapTwoLines breaks at the last space that fits and shortens only what still does not fit', async () => {
    const { wrapTwoLines } = await import('../../../shared/slides/svg-kit');
    // 20 px text: 0.58 × 20 = 11.6 px a character, so 116 px holds 10 characters.
    expect(wrapTwoLines('in-store', 20, 116)).toEqual(['in-store']);
    expect(wrapTwoLines('email after delivery', 20, 116)).toEqual(['email', 'after del…']);
    expect(wrapTwoLines('in-app prompt', 20, 116)).toEqual(['in-app', 'prompt']);
    expect(wrapTwoLines('unbreakable-long-label', 20, 116)).toEqual(['unbreakab…']);
  });
});
