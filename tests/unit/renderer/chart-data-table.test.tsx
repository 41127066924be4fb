// The chart frame and its table as markup (server-rendered, no browser): PlotlyChart ties its one-sentence summary to
// the figure (aria-describedby) and offers the "Show as table" switch; ChartDataTable is a real table with a caption,
// column headers with scope and aria-sort holding a sort button, a row header per row, numbers in right-aligned cells;
// the emotion curve's plain table has no controls. The interactive parts (sorting, copying, the switch) are exercised in
// the e2e spec tests/e2e/chart-tables.spec.ts.
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { PlotlyChart } from '../../../renderer/charts/PlotlyChart';
import { ChartDataTable } from '../../../renderer/components/chart-table/ChartDataTable';
import { PlainChartTable } from '../../../renderer/components/chart-table/PlainChartTable';
import { distributionSummary, distributionTable } from '../../../renderer/charts/nps-tables';
import type { ChartTableData } from '../../../renderer/charts/chart-table';

const render = (node: React.ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);
const distribution = [
  { score: 8, count: 3 },
  { score: 9, count: 1 },
];

describe('PlotlyChart', () => {
  it('the figure is named by its title and described by the summary, which is printed in its caption', () => {
    const html = render(
      <PlotlyChart title="Answers by score" figure={() => ({ data: [] })} height={300} caption="Labels: shares." table={distributionTable(distribution)} summary={distributionSummary(distribution)} />,
    );
    const describedBy = /<figure[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toMatch(/<figure[^>]*aria-label="Answers by score"/);
    // 4 answers: promoters 1 (25%), passives 3 (75%), detractors 0; score 8 the most common.
    const summary = new RegExp(`id="${describedBy}"[^>]*>([^<]+)<`).exec(html)?.[1];
    expect(summary).toBe('Promoters (9–10) are 25% of 4 answers, passives (7–8) 75% and detractors (0–6) 0%; the most common score is 8 (3 answers).');
    expect(html).toContain('<figcaption');
    expect(html).toMatch(/role="switch"[^>]*>|<input[^>]*type="checkbox"[^>]*role="switch"/);
    expect(html).toContain('Show as table');
    // The table opens on request only; the plot itself stays hidden from assistive technology.
    expect(html).not.toContain('<table');
    expect(html).toMatch(/class="cxw-chart-plot"[^>]*aria-hidden="true"/);
  });
});

describe('ChartDataTable', () => {
  const table: ChartTableData = {
    columns: [
      { label: 'Segment', kind: 'text' },
      { label: 'Customers', kind: 'count' },
      { label: 'Share', kind: 'percent' },
    ],
    rows: [
      ['Loyal', 1234, 41.26],
      ['New', 56, null],
    ],
  };
  const html = render(<ChartDataTable table={table} caption="Segment sizes: the numbers" />);
  it('a captioned table with sortable column headers (scope, aria-sort, a button each)', () => {
    expect(html).toMatch(/<caption[^>]*>Segment sizes: the numbers<\/caption>/);
    expect(html.match(/<th[^>]*scope="col"[^>]*aria-sort="none"/g)).toHaveLength(3);
    expect(html.match(/<th[^>]*scope="col"[^>]*>\s*<button/g)).toHaveLength(3);
  });
  it('a row header per row, numbers formatted and right-aligned, an empty cell as a dash', () => {
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>Loyal<\/th>/);
    expect(html).toMatch(/<td class="[^"]*cxw-num"[^>]*>1,234<\/td>/);
    expect(html).toMatch(/<td class="[^"]*cxw-num"[^>]*>41.3%<\/td>/);
    expect(html).toMatch(/<td class="[^"]*cxw-num"[^>]*>—<\/td>/);
  });
  it('a copy button and an (empty) status line for what copying did', () => {
    expect(html).toContain('Copy table');
    expect(html).toMatch(/role="status"/);
  });
});

describe('PlainChartTable', () => {
  it('the same structure without controls', () => {
    const html = renderToStaticMarkup(<PlainChartTable table={{ columns: [{ label: 'Stage', kind: 'text' }, { label: 'Value', kind: 'number' }], rows: [['Buy', 2]] }} caption="Emotion curve" />);
    expect(html).toBe('<table><caption>Emotion curve</caption><thead><tr><th scope="col">Stage</th><th scope="col" style="text-align:right">Value</th></tr></thead><tbody><tr><th scope="row">Buy</th><td>2.00</td></tr></tbody></table>');
  });
});
