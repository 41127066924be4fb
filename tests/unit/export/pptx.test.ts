// renderDeckPptx (main/export/deck/pptx.ts) on the hand-made SafeDeck of tests/fixtures/decks/sample-deck.ts,
// checked by unzipping the file (jszip): one slide per deck slide plus the closing disclosure slide (12 + 1), a
// notes slide for each, the speaker notes and the source line in the notes, tables as real a:tbl (the region table,
// the cross-tab, the closing list: 3), six native charts (two bars, two lines, the scatter, the funnel; the flow is
// shapes), withheld values absent everywhere (their fixture marker values included), no external relationship, and
// nothing asked of the network while writing. Then LibreOffice (when installed) converts it to a PDF of 13 pages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderDeckPptx } from '../../../main/export/deck/pptx';
import { excelFormat } from '../../../main/export/deck/pptx-charts';
import { SAMPLE_DECK, SAMPLE_SLIDES, WITHHELD_TEXTS } from '../../fixtures/decks/sample-deck';

const PAGES = SAMPLE_SLIDES.length + 1;
let file: Buffer;
let zip: JSZip;
const text = (name: string) => zip.file(name)!.async('string');
const names = (re: RegExp) => Object.keys(zip.files).filter((n) => re.test(n));
const slideXml = (i: number) => text(`ppt/slides/slide${i}.xml`);
const spies: { mockRestore(): void; mock: { calls: unknown[] } }[] = [];

beforeAll(async () => {
  // Any attempt to reach the network while writing the file is recorded (and refused).
  const refuse = () => {
    throw new Error('network use while writing a deck');
  };
  for (const mod of [http, https]) {
    spies.push(vi.spyOn(mod, 'get').mockImplementation(refuse), vi.spyOn(mod, 'request').mockImplementation(refuse));
  }
  file = await renderDeckPptx(SAMPLE_DECK);
  zip = await JSZip.loadAsync(file);
});
afterAll(() => {
  for (const s of spies) s.mockRestore();
});

describe('renderDeckPptx', () => {
  it('asks nothing of the network', () => {
    for (const s of spies) expect(s.mock.calls).toHaveLength(0);
  });

  it('has one 16:9 slide per deck slide plus the closing slide, each with its notes slide', async () => {
    expect(names(/^ppt\/slides\/slide\d+\.xml$/)).toHaveLength(PAGES);
    expect(names(/^ppt\/notesSlides\/notesSlide\d+\.xml$/)).toHaveLength(PAGES);
    const presentation = await text('ppt/presentation.xml');
    expect(presentation).toMatch(/<p:sldSz cx="9144000" cy="5143500"/); // 10 × 5.625 in
  });

  it('puts titles, headlines and formatted figures on the slides', async () => {
    for (let i = 0; i < SAMPLE_SLIDES.length; i++) {
      const xml = await slideXml(i + 1);
      const title = SAMPLE_SLIDES[i].title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(xml).toContain(`>${title}</a:t>`);
      expect(xml).toContain(`>${i + 1} / ${PAGES}</a:t>`);
    }
    const regions = await slideXml(3);
    for (const t of ['≈ 1,500', '+31.4 (27.0–35.8)', '-5.2 (-11.0 to 0.6)', 'fewer than 10', 'fewer than 10 people', 'East &amp; West &lt;coast&gt;']) expect(regions).toContain(`>${t}</a:t>`);
    expect(await slideXml(4)).toContain('>suppressed</a:t>');
    expect(await slideXml(2)).toContain('>95% interval (20.1–26.8)</a:t>');
  });

  it('writes tables as real tables', async () => {
    const withTables: number[] = [];
    for (let i = 1; i <= PAGES; i++) if ((await slideXml(i)).includes('<a:tbl>')) withTables.push(i);
    expect(withTables).toEqual([3, 11, PAGES]);
    expect((await slideXml(3)).match(/<a:tr /g)).toHaveLength(5); // header + 4 regions
  });

  it('draws bar, line, scatter and funnel as native charts, with withheld points left empty', async () => {
    const charts = names(/^ppt\/charts\/chart\d+\.xml$/);
    expect(charts).toHaveLength(6);
    const kinds: string[] = [];
    for (const c of charts) {
      const xml = await text(c);
      kinds.push(xml.match(/<c:(barChart|lineChart|scatterChart)>/)![1]);
      expect(xml).not.toMatch(/<c:v>\s*<\/c:v>/);
    }
    expect(kinds.sort()).toEqual(['barChart', 'barChart', 'barChart', 'lineChart', 'lineChart', 'scatterChart']);
    // The withheld region's bar is a gap and is named under the chart.
    expect(await slideXml(3)).toContain('Not shown: Islands: fewer than 10 people');
  });

  it('puts the speaker notes and the source in the notes pane', async () => {
    const notes = await text('ppt/notesSlides/notesSlide2.xml');
    expect(notes).toContain('Say that the interval is wide for the smaller regions.');
    expect(notes).toContain('Source: saved result &quot;NPS spring&quot; (survey &lt;2024&gt; &amp; &quot;friends&quot;), snapshot of 2026-12-01.');
  });

  it('ends with the disclosure note and what was withheld, and says it in every footer', async () => {
    const closing = await slideXml(PAGES);
    expect(closing).toContain('>About these numbers</a:t>');
    expect(closing).toContain('NPS of region = Islands');
    for (let i = 1; i <= PAGES; i++) expect(await slideXml(i)).toContain('Disclosure control: values from fewer than 10 people withheld; counts rounded to the nearest 5.');
  });

  it('never contains a withheld value or an external relationship, in any part', async () => {
    for (const name of names(/\.(xml|rels)$/)) {
      const xml = await text(name);
      for (const t of WITHHELD_TEXTS) expect(xml, name).not.toContain(t);
      expect(xml, name).not.toContain('TargetMode="External"');
    }
    // The charts' embedded workbooks too.
    for (const name of names(/^ppt\/embeddings\/.*\.xlsx$/)) {
      const book = await JSZip.loadAsync(await zip.file(name)!.async('uint8array'));
      for (const part of Object.keys(book.files).filter((n) => n.endsWith('.xml'))) {
        const xml = await book.file(part)!.async('string');
        for (const t of WITHHELD_TEXTS) expect(xml, `${name}:${part}`).not.toContain(t);
      }
    }
  });

  it('writes Excel number formats that match formatFigure', () => {
    expect(excelFormat('count')).toBe('#,##0');
    expect(excelFormat('share')).toBe('0.0%');
    expect(excelFormat('nps')).toBe('+0.0;-0.0;0.0');
    expect(excelFormat('mean')).toBe('#,##0.00');
    expect(excelFormat('pValue')).toBe('0.000');
  });
});

// LibreOffice: the file opens and converts without error, one page per slide. Heavy (~20 s), so it runs only when
// `soffice` is installed (Debian: libreoffice-impress); otherwise it says why it is skipped.
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
const pdfinfo = existsSync('/usr/bin/pdfinfo');
describe.skipIf(!soffice || !pdfinfo)('PowerPoint file in LibreOffice', () => {
  it('converts to a PDF with one page per slide', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxw-pptx-lo-'));
    try {
      writeFileSync(join(dir, 'deck.pptx'), file);
      execFileSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'deck.pptx')], { timeout: 170_000, stdio: 'pipe' });
      const info = execFileSync('/usr/bin/pdfinfo', [join(dir, 'deck.pdf')], { encoding: 'utf8' });
      expect(Number(info.match(/Pages:\s+(\d+)/)![1])).toBe(PAGES);
      const words = execFileSync('/usr/bin/pdftotext', [join(dir, 'deck.pdf'), '-'], { encoding: 'utf8' });
      expect(words).toContain('What drives recommendation');
      expect(readFileSync(join(dir, 'deck.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
if (!soffice || !pdfinfo) {
  describe('PowerPoint file in LibreOffice', () => {
    it.skip(`skipped: ${!soffice ? 'soffice (Debian package libreoffice-impress) is not installed' : 'pdfinfo (poppler-utils) is not installed'}`, () => undefined);
  });
}
