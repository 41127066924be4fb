// SlideView, the one renderer of a slide (thumbnails, preview, presentation, presenter), rendered to static markup
// for every block type of shared/decks.ts. Hand-made slides: a withheld figure must read "fewer than 10 people"
// (primary) or "suppressed" (secondary), marked data-suppressed, and its number must not appear anywhere; numbers
// are written by formatFigure ("+15.8", "42.3%", "1,234"); text is escaped by React, never injected.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Slide, SlideBlock } from '../../../shared/decks';
import { SlideView } from '../../../renderer/views/present/slides/SlideView';

const source = { resultId: 1, resultName: 'NPS by region', resultKind: 'nps' as const, dataset: 'Survey', base: 1234, snapshotAt: '2026-12-06T14:02:00.000Z' };
const make = (body: SlideBlock[], extra: Partial<Slide> = {}): Slide => ({ id: 'slide1', kind: 'nps.byGroup', title: 'NPS by region', headline: 'North leads.', notes: 'secret notes', source, body, ...extra });
const html = (s: Slide, note?: string) => renderToStaticMarkup(<SlideView slide={s} number={2} total={5} minCell={10} note={note} />);

describe('SlideView', () => {
  it('figures: value, interval and base; a withheld figure shows no number', () => {
    const out = html(
      make([
        {
          type: 'figures',
          items: [
            { label: 'NPS', figure: { value: 15.8, format: 'nps', base: 1234, ci: [12.9, 18.7] } },
            { label: 'Promoters', figure: { value: 0.4234, format: 'share', base: 600 } },
            { label: 'Small group', figure: { value: null, format: 'nps', base: 7, suppressed: 'primary' } },
          ],
        },
      ]),
    );
    expect(out).toContain('+15.8');
    expect(out).toContain('95% interval 12.9–18.7');
    expect(out).toContain('42.3%');
    // The slide's own base is not repeated under each figure; a different base is.
    expect(out).not.toContain('n = 1,234');
    expect(out).toContain('n = 600');
    expect(out).toContain('data-suppressed="primary"');
    expect(out).toContain('fewer than 10 people');
    expect(out).toContain('2 / 5');
    expect(out).toContain('1,234 people · data as of 6 Dec 2026');
    expect(out).not.toContain('secret notes');
  });

  it('tables: row headers, figures right-aligned, total row, primary and secondary suppression', () => {
    const out = html(
      make([
        {
          type: 'table',
          columns: [
            { key: 'region', label: 'Region' },
            { key: 'n', label: 'Answers' },
          ],
          rows: [
            { region: 'North', n: { value: 1200, format: 'count', base: 1200 } },
            { region: 'Isles', n: { value: null, format: 'count', base: 4, suppressed: 'primary' } },
            { region: 'West', n: { value: null, format: 'count', base: 30, suppressed: 'secondary' } },
          ],
          total: { region: 'All', n: { value: 1234, format: 'count' } },
          partition: true,
          caption: 'Answers per region',
        },
      ]),
    );
    expect(out).toMatch(/<th scope="row"[^>]*>North<\/th>/);
    expect(out).toContain('1,200');
    expect(out).toMatch(/data-suppressed="primary">fewer than 10<\/span>/);
    expect(out).toMatch(/data-suppressed="secondary">suppressed<\/span>/);
    expect(out).toContain('<tfoot>');
    expect(out).toContain('Answers per region');
    expect(out).toContain('text-align:right');
  });

  it('cross-tabs, cards and text', () => {
    const out = html(
      make([
        { type: 'crosstab', rowTitle: 'From', columnTitle: 'To', rowKeys: ['A', 'B'], columnKeys: ['A', 'B'], counts: [[{ value: 50, format: 'count' }, { value: null, format: 'count', suppressed: 'primary' }], [{ value: 3000, format: 'count' }, { value: 12, format: 'count' }]] },
        { type: 'cards', cards: [{ title: 'Loyal families', figure: { value: 720, format: 'count' }, lines: ['High spend'], tone: 'positive' }] },
        { type: 'text', paragraphs: ['<b>not bold</b>'], bullets: ['one'] },
      ]),
    );
    expect(out).toContain('From ↓ · To →');
    expect(out).toContain('3,000');
    expect(out).toContain('tone-positive');
    expect(out).toContain('Loyal families');
    // Text is text: escaped, never markup.
    expect(out).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(out).toContain('<li>one</li>');
  });

  it('a chart block holds a place for the SVG and names its title (the SVG is drawn once its box is measured)', () => {
    const out = html(make([{ type: 'chart', title: 'NPS per region', summary: 'NPS by region, North highest.', chart: { kind: 'bar', orientation: 'horizontal', categories: ['North'], series: [{ name: 'NPS', values: [{ value: 20, format: 'nps' }] }], valueAxis: 'NPS' } }]));
    expect(out).toContain('cxs-chart-svg');
    expect(out).toContain('NPS per region');
  });

  it('section dividers and the closing note', () => {
    const out = html(make([], { kind: 'section', title: 'What we heard', headline: 'Three themes', source: null }), 'Groups of fewer than 10 people are not shown.');
    expect(out).toContain('cxs-section');
    expect(out).toContain('What we heard');
    expect(out).toContain('Three themes');
    expect(out).toContain('Groups of fewer than 10 people are not shown.');
  });
});
