// The HTML export in a real browser, and the PDF made from it (main/export/deck/pdf.ts), in Debian's Chromium:
// - opened from a file, the page makes no request but for the document itself (page.on('request')), even with a
//   web address typed into a headline; every chart SVG parses as SVG; the typed address still reads as typed;
// - printed, the PDF has one 13.333 × 7.5 in page (960 × 540 pt) per slide plus the closing page (pdfinfo), its text
//   (pdftotext) has every slide title in order and the suppression wording, and no withheld value;
// - the temporary folder is removed, and a missing Chromium gives an error naming CHROMIUM_PATH.
// Skipped, saying why, when Chromium or poppler-utils are not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import type { SafeDeck } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { renderDeckHtml } from '../../../main/export/deck/html';
import { findChromium, renderDeckPdf } from '../../../main/export/deck/pdf';
import { SAMPLE_DECK, SAMPLE_SLIDES, WITHHELD_TEXTS } from '../../fixtures/decks/sample-deck';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const havePoppler = existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext');
const PAGES = SAMPLE_SLIDES.length + 1;

const deckWithUrl: SafeDeck = {
  ...SAMPLE_DECK,
  deck: { ...SAMPLE_DECK.deck, slides: SAMPLE_DECK.deck.slides.map((s, i) => (i === 11 ? { ...s, headline: 'Details at https://intranet.example/plan' } : s)) },
};

describe.skipIf(!haveChromium)('HTML export in Chromium', () => {
  it('makes no request but the document, parses every chart, shows typed text as typed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxw-deck-html-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const file = join(dir, 'deck.html');
      writeFileSync(file, renderDeckHtml(deckWithUrl));
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(violations).toEqual([]);
      const slides = await page.locator('section.slide').count();
      expect(slides).toBe(PAGES);
      // Each inline SVG, serialised and parsed again as standalone SVG, is well-formed.
      const parsed = await page.evaluate(() =>
        [...document.querySelectorAll('svg')].map((svg) => {
          const copy = svg.cloneNode(true) as SVGSVGElement;
          copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
          const doc = new DOMParser().parseFromString(new XMLSerializer().serializeToString(copy), 'image/svg+xml');
          return doc.getElementsByTagName('parsererror').length === 0 && svg.getBoundingClientRect().width > 100;
        }),
      );
      expect(parsed).toHaveLength(7);
      expect(parsed.every(Boolean)).toBe(true);
      expect(await page.locator('section.slide').nth(11).locator('.headline').innerText()).toBe('Details at https://intranet.example/plan');
      // A 16:9 slide at this width: 1280 × 720.
      const box = await page.locator('section.slide').first().boundingBox();
      expect(box!.width).toBe(1280);
      expect(box!.height).toBe(720);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!haveChromium || !havePoppler)('PDF export', () => {
  it('prints one 16:9 page per slide with the titles as text and no withheld value', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('cxw-deck-pdf-')).length;
    const pdf = await renderDeckPdf(renderDeckHtml(SAMPLE_DECK), { chromiumPath: CHROMIUM });
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('cxw-deck-pdf-')).length).toBe(before);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'cxw-deck-pdf-check-'));
    try {
      writeFileSync(join(dir, 'deck.pdf'), pdf);
      const info = execFileSync('/usr/bin/pdfinfo', [join(dir, 'deck.pdf')], { encoding: 'utf8' });
      expect(Number(info.match(/Pages:\s+(\d+)/)![1])).toBe(PAGES);
      expect(info).toMatch(/Page size:\s+960 x 540 pts/);
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'deck.pdf'), '-'], { encoding: 'utf8' });
      const pages = text.split('\f');
      SAMPLE_SLIDES.forEach((s, i) => expect(pages[i], `page ${i + 1}`).toContain(s.title));
      expect(pages[PAGES - 1]).toContain('About these numbers');
      expect(text).toContain('fewer than 10 people');
      for (const t of WITHHELD_TEXTS) expect(text).not.toContain(t);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(!haveChromium || !havePoppler)('the browser host: its own print (Playwright page.pdf) gives the same pages', () => {
  it('the print stylesheet makes one 16:9 page per slide plus the closing page, disclosure note last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxw-deck-print-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent(renderDeckHtml(SAMPLE_DECK), { waitUntil: 'load' });
      // What Print → Save as PDF does: the page's own @page size, backgrounds on.
      writeFileSync(join(dir, 'print.pdf'), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = execFileSync('/usr/bin/pdfinfo', [join(dir, 'print.pdf')], { encoding: 'utf8' });
      expect(Number(info.match(/Pages:\s+(\d+)/)![1])).toBe(PAGES);
      expect(info).toMatch(/Page size:\s+960 x 540 pts/);
      const pages = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'print.pdf'), '-'], { encoding: 'utf8' }).split('\f');
      SAMPLE_SLIDES.forEach((s, i) => expect(pages[i], `page ${i + 1}`).toContain(s.title));
      expect(pages[PAGES - 1]).toContain('About these numbers');
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('PDF export without Chromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });
  it('names CHROMIUM_PATH and what to install', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const err = await renderDeckPdf('<p>x</p>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE_NOT_FOUND');
    expect((err as AppError).message).toContain('none was found at /nonexistent/chromium (CHROMIUM_PATH)');
    expect((err as AppError).message).toContain('apt-get install chromium');
    expect(() => findChromium('/also/missing')).toThrow(/\/also\/missing \(the given Chromium path\)/);
  });
});

if (!haveChromium || !havePoppler) {
  describe('browser and PDF checks', () => {
    it.skip(`skipped: ${!haveChromium ? `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` : 'pdfinfo/pdftotext (poppler-utils) not installed'}`, () => undefined);
  });
}
