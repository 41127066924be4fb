// The full workshop deck of issue 13, end to end in Chromium against the browser host on the demo workspace (seed 42):
// a segmentation, the journey map seeded from "Demo journey events", an NPS collection-context check on nps_context,
// key drivers of nps_score over the four satisfaction ratings and a fairness audit of offer_approved are run and
// saved through the API (each view has its own spec for its numbers; the column names are theirs). One deck gets
// segment cards, the journey map and the context check through deck.addSlides / deck.addJourneyMap, and the drivers
// quadrant and the audit verdicts through the "Add to deck" dialog of the Saved results list. Presentation mode is
// driven with the keyboard (→ through every slide, Home, End, a number then Enter, Esc); each slide shows the title
// deck.present (the SafeDeck) gives it; every slide is captured at 1280 × 720 and 1920 × 1080 into
// /tmp/shots-fulldeck/ and measured against the projector rule of present.spec.ts (title ≥ 40 px, foot ≥ 24 px, body
// ≥ 24 px unless the slide's body had to shrink to fit). The deck is exported to HTML, PowerPoint and PDF from the
// Export dialog: the HTML has no script and every slide title, the PDF has at least one page per slide (pdfinfo), the
// PowerPoint has at least one ppt/slides/slide*.xml per slide (the journey map is paginated in the files, and the
// closing disclosure page is added, so the files hold more pages than the deck has slides). No request leaves
// 127.0.0.1 (fixture).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import type { SafeDeck } from '../../shared/decks';
import type { JourneyMap } from '../../shared/journeys';
import { call, expect, expectProjectorSizes, test } from './fixtures';

const SHOTS = '/tmp/shots-fulldeck';
const DATASET = 'Demo customers';
const DECK = 'Workshop deck';
const MAP = 'Demo journeys';
const DRIVERS = ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support', 'satisfaction_app'];
/** The slide kinds of the deck, in the order they are added. */
const KINDS = ['segmentation.cards', 'journeyMap.map', 'npsContext.table', 'drivers.quadrant', 'audit.verdicts'];

async function nav(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Through the Saved results list's "Add to deck" dialog: tick exactly `label`, into the existing deck. */
async function addOneViaDialog(app: Page, result: string | RegExp, label: string): Promise<void> {
  await nav(app, 'Saved results');
  const table = app.getByRole('table', { name: 'Saved results' });
  await table.getByRole('button', { name: typeof result === 'string' ? `Add ${result} to a deck` : result }).click();
  const dialog = app.getByRole('dialog', { name: /^Add “.*” to a deck$/ });
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
  for (const box of await dialog.getByRole('checkbox').all()) {
    const text = (await dialog.locator(`label[for="${await box.getAttribute('id')}"]`).innerText()).trim();
    if ((text === label) !== (await box.isChecked())) await box.click();
  }
  await expect(dialog.getByLabel('Deck', { exact: true })).toHaveValue(new RegExp(`^${DECK} \\(\\d slides?\\)$`));
  await dialog.getByRole('button', { name: 'Add 1 slide' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Added 1 slide to “${DECK}”`);
  await dialog.getByRole('button', { name: 'Done' }).click();
}

test.describe('the full workshop deck on the demo workspace', () => {
  test.use({ hostOptions: { workspace: null }, actionTimeout: 30_000 });

  test('segments, journey map, context check, drivers, audit verdicts: presented with the keyboard, captured, exported', async ({ app }) => {
    test.setTimeout(420_000);
    mkdirSync(SHOTS, { recursive: true });
    await app.setViewportSize({ width: 1366, height: 768 });

    // The five analyses, saved.
    await call(app, 'segment.run', { jobId: 'e2e_full_seg', params: { dataset: DATASET, features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Customer segments' } });
    const map = await call<JourneyMap>(app, 'journeyMap.seed', {
      jobId: 'e2e_full_map',
      name: MAP,
      spec: { dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction' },
    });
    expect(map.cards.length).toBeGreaterThan(0);
    await call(app, 'nps.context', { jobId: 'e2e_full_ctx', spec: { dataset: DATASET, score: 'nps_score', context: 'nps_context', level: 0.95, minN: 30 }, save: { name: 'Context check' } });
    await call(app, 'drivers.analyze', { jobId: 'e2e_full_drv', spec: { dataset: DATASET, target: 'nps_score', drivers: DRIVERS, bootstrap: 200, seed: 42, level: 0.95 }, save: { name: 'Drivers of nps_score' } });
    await call(app, 'audit.run', { jobId: 'e2e_full_audit', spec: { dataset: DATASET, decision: 'offer_approved', favorable: 'Yes', protected: ['gender', 'age_band'], intersect: true }, save: {} });
    const results = await call<{ id: number; kind: string }[]>(app, 'results.list', {});
    const idOf = (kind: string) => results.find((r) => r.kind === kind)!.id;

    // Three slides through the API, two through the dialog.
    await call(app, 'deck.addSlides', { deck: DECK, resultId: idOf('segmentation'), kinds: ['segmentation.cards'] });
    await call(app, 'deck.addJourneyMap', { deck: DECK, map: MAP });
    await call(app, 'deck.addSlides', { deck: DECK, resultId: idOf('npsContext'), kinds: ['npsContext.table'] });
    await addOneViaDialog(app, 'Drivers of nps_score', 'Drivers quadrant');
    await addOneViaDialog(app, /^Add Audit offer_approved.* to a deck$/, 'Audit verdicts');
    await app.screenshot({ path: `${SHOTS}/saved-results-1366.png` });

    const safe = await call<SafeDeck>(app, 'deck.present', { name: DECK });
    // A slide too dense for one page (the seeded map) is presented as several pages, each naming its slide.
    expect(safe.deck.slides.filter((s) => (s.page?.index ?? 1) === 1).map((s) => s.kind)).toEqual(KINDS);
    const titles = safe.deck.slides.map((s) => s.title);
    const shotName = (i: number) => `${safe.deck.slides[i - 1].kind}${safe.deck.slides[i - 1].page ? `-p${safe.deck.slides[i - 1].page!.index}` : ''}`;
    const count = titles.length;

    // The Present view: open the deck, press Present.
    await nav(app, 'Present');
    await app.getByRole('button', { name: `Open deck ${DECK}` }).click();
    const thumbs = app.getByRole('list', { name: 'Slides' }).getByRole('button');
    await expect(thumbs).toHaveCount(KINDS.length);
    await app.screenshot({ path: `${SHOTS}/editor-1366.png` });
    await thumbs.first().click();
    await app.getByRole('main').getByRole('button', { name: 'Present', exact: true }).click();
    const stage = app.getByRole('dialog', { name: `Presenting “${DECK}”` });
    await expect(stage).toBeVisible();
    const at = async (n: number) => {
      await expect(stage).toHaveAttribute('data-index', String(n - 1));
      await expect(stage.locator('.cxs-title')).toHaveText(titles[n - 1]);
    };

    // → through every slide, at both sizes, each captured; the canvas fits the screen with nothing scrolling.
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await app.setViewportSize({ width: w, height: h });
      await app.keyboard.press('Home');
      for (let i = 1; i <= count; i++) {
        await at(i);
        await expect(stage.locator(`.cxs-slide[data-slide-number="${i}"]`)).toBeVisible();
        const box = (await stage.locator('.cxs-scaled').boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(w + 0.5);
        expect(box.height).toBeLessThanOrEqual(h + 0.5);
        expect(Math.max(box.width / w, box.height / h)).toBeGreaterThan(0.99);
        const scrolls = await app.evaluate(() => document.scrollingElement!.scrollHeight > window.innerHeight || document.scrollingElement!.scrollWidth > window.innerWidth);
        expect(scrolls, `slide ${i} at ${w}×${h} scrolls`).toBe(false);
        await app.screenshot({ path: `${SHOTS}/slide-${i}-${shotName(i)}-${w}x${h}.png`, animations: 'disabled' });
        if (i < count) await app.keyboard.press('ArrowRight');
      }
      // → on the last slide stays there.
      await app.keyboard.press('ArrowRight');
      await at(count);
    }

    // Home, End, and a number then Enter.
    await app.keyboard.press('Home');
    await at(1);
    await app.keyboard.press('End');
    await at(count);
    await app.keyboard.press('4');
    await expect(stage.getByRole('status')).toHaveText('Go to slide 4 — press Enter');
    await app.keyboard.press('Enter');
    await at(4);
    await app.keyboard.press('2');
    await app.keyboard.press('Enter');
    await at(2);

    // The projector rule at 1920 × 1080 (the measurement of present.spec.ts): titles ≥ 40 px, the foot ≥ 24 px, and
    // no body text under 24 px on a slide whose body did not have to shrink to fit.
    await app.keyboard.press('Home');
    for (let i = 1; i <= count; i++) {
      await at(i);
      await expectProjectorSizes(stage, `slide ${i} (${shotName(i)})`);
      if (i < count) await app.keyboard.press('ArrowRight');
    }
    await app.keyboard.press('Escape');
    await expect(stage).toBeHidden();

    // Exports from the Export dialog.
    await app.setViewportSize({ width: 1366, height: 768 });
    await app.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = app.getByRole('dialog', { name: `Export “${DECK}”` });
    await expect(exportDialog).toContainText('DISCLOSURE NOTE CARRIED BY THE FILE');
    for (const [label, ext, magic] of [
      ['HTML page', 'html', '<!'],
      ['PowerPoint', 'pptx', 'PK'],
      ['PDF', 'pdf', '%PDF'],
    ] as const) {
      await exportDialog.getByText(label, { exact: true }).click();
      const [download] = await Promise.all([app.waitForEvent('download', { timeout: 120_000 }), exportDialog.getByRole('button', { name: `Export ${label}` }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      const file = `${SHOTS}/deck.${ext}`;
      const bytes = readFileSync((await download.path())!);
      writeFileSync(file, bytes);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      await expect(exportDialog.getByRole('status')).toContainText(new RegExp(`\\.${ext}”: \\d+ slides`));
      if (ext === 'html') {
        const html = bytes.toString('utf8');
        expect(html).not.toMatch(/<script/i);
        for (const t of titles) expect(html, `HTML has “${t}”`).toContain(escapeHtml(t));
      } else if (ext === 'pdf') {
        if (existsSync('/usr/bin/pdfinfo')) {
          const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))![1]);
          console.log(`PDF: ${pages} pages for ${count} slides`);
          expect(pages).toBeGreaterThanOrEqual(count);
        }
      } else {
        const zip = await JSZip.loadAsync(bytes);
        const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
        console.log(`PPTX: ${slides.length} slides for ${count} deck slides`);
        expect(slides.length).toBeGreaterThanOrEqual(count);
        const xml = (await Promise.all(slides.map((f) => zip.file(f)!.async('string')))).join('\n');
        for (const t of titles) expect(xml, `PPTX has “${t}”`).toContain(escapeHtml(t));
      }
    }
    await exportDialog.getByRole('button', { name: 'Close' }).click();
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.setContent(readFileSync(`${SHOTS}/deck.html`, 'utf8'));
    await app.screenshot({ path: `${SHOTS}/export-html-1920.png`, fullPage: true });
  });
});
