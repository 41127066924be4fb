// renderDeckHtml (main/export/deck/html.ts) on the hand-made SafeDeck of tests/fixtures/decks/sample-deck.ts: the
// page is self-contained (no script, no "http" or "//" outside the CSP meta's own http-equiv), carries the CSP, has
// one 16:9 section per slide plus the closing disclosure page, and prints every figure as formatFigure writes it
// (expected strings written by hand from the fixture's numbers: 1,502 rounded to 5 is shown as the fixture's 1500
// → "≈ 1,500"; 31.4 with interval 27–35.8 → "+31.4 (27.0–35.8)"). Withheld marker values must never appear.
import { describe, expect, it } from 'vitest';
import type { SafeDeck } from '../../../shared/decks';
import { closingPages } from '../../../main/export/deck/closing';
import { DECK_CSP, neutraliseUrls, renderDeckHtml } from '../../../main/export/deck/html';
import { DECK_CSS } from '../../../main/export/deck/html-style';
import { deckFileName, exportDeck } from '../../../main/export/deck/index';
import { SAMPLE_DECK, SAMPLE_REPORT, SAMPLE_SLIDES, WITHHELD_TEXTS } from '../../fixtures/decks/sample-deck';

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${DECK_CSP}">`;
const html = renderDeckHtml(SAMPLE_DECK);
const withoutCsp = html.replace(CSP_META, '');

describe('renderDeckHtml: self-contained', () => {
  it('has the CSP meta, once, before anything else can load', () => {
    expect(DECK_CSP).toContain("default-src 'none'");
    expect(DECK_CSP).toContain("style-src 'unsafe-inline'");
    expect(DECK_CSP).toContain('img-src data:');
    expect(html.split(CSP_META)).toHaveLength(2);
    expect(html.indexOf(CSP_META)).toBeLessThan(html.indexOf('<style>'));
  });
  it('contains no script, no URL, no "//" and no external reference', () => {
    expect(html).not.toMatch(/<script/i);
    expect(withoutCsp).not.toMatch(/http/i);
    expect(html).not.toContain('//');
    // url(#…) is the hatch pattern inside the same SVG; any other url( would be a fetch.
    expect(html).not.toMatch(/\b(src|href|xlink:href|action)=|url\((?!#cxw-hatch-)|@import|<link|<iframe|<object|<embed|<img/i);
  });
  it('keeps its stylesheet free of anything the neutraliser would have to touch', () => {
    expect(DECK_CSS).not.toMatch(/http|\/\/|url\(|@import/i);
  });
  it('writes a typed URL so that a text search cannot find it, without changing what is shown', () => {
    expect(neutraliseUrls('see https://example.com/a//b')).toBe('see h&#116;tps:/&#47;example.com/a/&#47;b');
    expect(neutraliseUrls('HTTP')).toBe('H&#84;TP');
    const deck: SafeDeck = { ...SAMPLE_DECK, deck: { ...SAMPLE_DECK.deck, slides: [{ ...SAMPLE_SLIDES[11], headline: 'Details at https://intranet.example/x' }] } };
    const page = renderDeckHtml(deck).replace(CSP_META, '');
    expect(page).not.toMatch(/http|\/\//i);
    expect(page).toContain('Details at h&#116;tps:/&#47;intranet.example/x');
  });
});

describe('renderDeckHtml: content', () => {
  it('has one 16:9 section per slide and the closing page, numbered', () => {
    const sections = html.match(/<section class="slide /g) ?? [];
    expect(sections).toHaveLength(SAMPLE_SLIDES.length + 1);
    expect(html).toContain(`<span class="page">1 / ${SAMPLE_SLIDES.length + 1}</span>`);
    expect(html).toContain(`<span class="page">${SAMPLE_SLIDES.length + 1} / ${SAMPLE_SLIDES.length + 1}</span>`);
    expect(html).toContain('aspect-ratio:16/9');
    expect(html).toContain('@page{size:13.333in 7.5in;margin:0}');
    for (const s of SAMPLE_SLIDES) expect(html).toContain(`<h2>${s.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h2>`);
  });
  it('prints figures, tables, cross-tabs, cards and text as formatFigure writes them', () => {
    for (const text of ['+23.4', '95% interval (20.1–26.8)', '≈ 4,210', '47.1%', '≈ 1,500', '+31.4 (27.0–35.8)', '-5.2 (-11.0 to 0.6)', '1,402', '1,200', '990', 'Call drifting customers']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('<td class="num"><span class="withheld">fewer than 10</span></td><td class="num"><span class="withheld">fewer than 10 people</span></td>');
    expect(html).toContain('<td class="num"><span class="withheld">suppressed</span></td>');
    expect(html).toContain('<div class="card-figure"><span class="withheld">suppressed</span></div>');
    expect(html.match(/<table class="data/g)).toHaveLength(3); // the region table, the cross-tab, the closing list
    expect(html.match(/<svg /g)).toHaveLength(SAMPLE_SLIDES.flatMap((s) => s.body).filter((b) => b.type === 'chart').length);
  });
  it('escapes every string', () => {
    expect(html).toContain('<title>Spring &lt;workshop&gt; &amp; review</title>');
    expect(html).toContain('East &amp; West &lt;coast&gt;');
    expect(html).toContain('Agreed in the &lt;workshop&gt; &amp; signed off.');
    expect(html).not.toMatch(/<(coast|workshop)>/);
  });
  it('never prints a withheld value, even though the fixture keeps one in the object', () => {
    for (const t of WITHHELD_TEXTS) expect(html).not.toContain(t);
  });
  it('carries the disclosure note in every footer and in full on the closing page', () => {
    const footer = 'Disclosure control: values from fewer than 10 people withheld; counts rounded to the nearest 5.';
    expect(html.split(`<span class="disclosure">${footer}</span>`)).toHaveLength(SAMPLE_SLIDES.length + 2);
    expect(html).toContain(SAMPLE_REPORT.note);
    expect(html).toContain('<td>NPS of region = Islands</td><td>fewer than 10 people</td>');
  });
  it('leaves speaker notes out unless asked', () => {
    expect(html).not.toContain('Say that the interval is wide');
    const withNotes = renderDeckHtml(SAMPLE_DECK, { notes: true });
    expect(withNotes).toContain('<details class="notes"><summary>Speaker notes</summary>Say that the interval is wide for the smaller regions.</details>');
  });
});

describe('closing pages and file names', () => {
  const row = (i: number) => ({ slide: i, slideTitle: `s${i}`, what: `w${i}`, reason: 'fewer than 10 people' });
  it('paginates the withheld list twelve rows a page, and says so when nothing was withheld', () => {
    const pages = closingPages({ ...SAMPLE_REPORT, suppressed: Array.from({ length: 20 }, (_, i) => row(i)), removed: Array.from({ length: 5 }, (_, i) => row(i)) });
    expect(pages.map((p) => p.rows.length)).toEqual([12, 12, 1]);
    expect(pages[0].note).toBe(SAMPLE_REPORT.note);
    expect(pages[1].note).toBeNull();
    expect(pages[2].rows[0].action).toBe('removed');
    const none = closingPages({ ...SAMPLE_REPORT, suppressed: [], removed: [] });
    expect(none).toHaveLength(1);
    expect(none[0].note).toContain('Nothing in this deck needed to be withheld.');
  });
  it('makes a safe file name from the deck name', () => {
    expect(deckFileName('Spring <workshop> & review', 'html')).toBe('Spring workshop review.html');
    expect(deckFileName('../../etc/passwd', 'pdf')).toBe('etc passwd.pdf');
    expect(deckFileName('***', 'pptx')).toBe('deck.pptx');
    expect(deckFileName('Café Q3', 'pptx')).toBe('Café Q3.pptx');
  });
  it('exports an empty deck as its closing page alone', () => {
    const empty = renderDeckHtml({ ...SAMPLE_DECK, deck: { ...SAMPLE_DECK.deck, slides: [] } });
    expect(empty.match(/<section class="slide /g)).toHaveLength(1);
    expect(empty).toContain('<span class="page">1 / 1</span>');
  });
  it('exportDeck returns the page as utf8 with the slide count and the report', async () => {
    const e = await exportDeck(SAMPLE_DECK, 'html');
    expect(e).toMatchObject({ fileName: 'Spring workshop review.html', encoding: 'utf8', slides: SAMPLE_SLIDES.length, report: SAMPLE_REPORT });
    expect(e.data).toBe(html);
  });
});
