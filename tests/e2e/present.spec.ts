// Present end to end in Chromium against the browser host, on the demo workspace (seed 42). A segmentation, NPS by
// support_tickets_12m and a fairness audit are run and saved through the API (their own views have their own
// specs); each is added to one deck with "Add to deck" — from the Saved results list and from the bar above the
// NPS view's results — two slides each, six in all. In the Present view the sorter reorders by keyboard, a headline
// is edited, undone and redone, and the deck autosaves. Presentation mode is driven with the keyboard (→, End, Home,
// "3" Enter, Esc) and shows the SafeDeck: the groups of 9 and 10 support tickets (n = 3 and 4, counted by
// nps.analyze on the demo data; see EXPECTED_SMALL) read "fewer than 10 people", never their NPS. The presenter
// view (a second tab) follows the presentation and leads it. The threshold refuses 4 and takes 5; the deck exports
// to HTML (no script, no personal data), PowerPoint and PDF; a text slide is added and undone; a change made
// elsewhere turns the next save into "someone else changed this deck" with a reload. Every slide is captured at 1280 × 720 and 1920 × 1080,
// and the editor at 1366 × 768 and 1920 × 1080, into /tmp/shots-present/. No request leaves 127.0.0.1 (fixture).
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { NpsResult } from '../../shared/nps';
import { call, expect, expectProjectorSizes, test } from './fixtures';

const SHOTS = '/tmp/shots-present';
const DATASET = 'Demo customers';
/** Groups under the default threshold of 10 in NPS by support_tickets_12m on the seed-42 demo (asserted below). */
const EXPECTED_SMALL = { '9': 3, '10': 4 } as const;

async function nav(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

/** Add a saved result to "Workshop deck" through the dialog, ticking exactly `kinds` (by label). */
async function addToDeck(app: Page, open: () => Promise<void>, kinds: string[], firstDeck: boolean): Promise<void> {
  await open();
  const dialog = app.getByRole('dialog', { name: /^Add “.*” to a deck$/ });
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
  for (const box of await dialog.getByRole('checkbox').all()) {
    const label = (await box.getAttribute('aria-label')) ?? (await dialog.locator(`label[for="${await box.getAttribute('id')}"]`).innerText());
    if (kinds.includes(label.trim()) !== (await box.isChecked())) await box.click();
  }
  if (firstDeck) {
    await expect(dialog.getByLabel('Name of the new deck')).toHaveValue('Workshop deck');
  } else {
    await expect(dialog.getByLabel('Deck', { exact: true })).toHaveValue(/^Workshop deck \(\d slides?\)$/);
  }
  await dialog.getByRole('button', { name: `Add ${kinds.length} slides` }).click();
  await expect(dialog.getByRole('status')).toContainText(`Added ${kinds.length} slides to “Workshop deck”`);
}

test.describe('Present on the demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('six slides from three results, reordered, edited, undone, presented with the keyboard and a presenter view', async ({ app, context }) => {
    test.setTimeout(300_000);
    mkdirSync(SHOTS, { recursive: true });
    await app.setViewportSize({ width: 1366, height: 768 });

    await call(app, 'segment.run', { jobId: 'e2e_present_seg', params: { dataset: DATASET, features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Customer segments' } });
    const nps = await call<NpsResult>(app, 'nps.analyze', { jobId: 'e2e_present_nps', spec: { dataset: DATASET, score: 'nps_score', by: 'support_tickets_12m' }, save: {} });
    for (const [group, n] of Object.entries(EXPECTED_SMALL)) expect(nps.groups.find((g) => g.group === group)?.n).toBe(n);
    await call(app, 'audit.run', { jobId: 'e2e_present_audit', spec: { dataset: DATASET, decision: 'offer_approved', favorable: 'Yes', protected: ['gender', 'age_band'], intersect: true }, save: {} });

    // From the Saved results list: the segmentation and the audit (two slides each).
    await nav(app, 'Saved results');
    const table = app.getByRole('table', { name: 'Saved results' });
    await addToDeck(app, () => table.getByRole('button', { name: 'Add Customer segments to a deck' }).click(), ['Segment cards', 'Segment sizes'], true);
    await app.screenshot({ path: `${SHOTS}/add-to-deck-done-1366.png` });
    await app.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await addToDeck(app, () => table.getByRole('button', { name: /^Add Audit offer_approved.* to a deck$/ }).click(), ['Audit summary', 'Audit verdicts by group'], false);
    await app.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

    // From the bar above the NPS view's results, then on to the deck through the confirmation's link.
    await table.getByRole('button', { name: /^Open NPS Demo customers by support_tickets_12m/ }).click();
    const npsRegion = app.getByRole('region', { name: 'NPS', exact: true });
    await expect(npsRegion.getByText(/^Saved as/)).toContainText('support_tickets_12m');
    await addToDeck(app, () => npsRegion.getByRole('button', { name: 'Add to deck' }).click(), ['NPS headline', 'NPS by group'], false);
    await app.screenshot({ path: `${SHOTS}/add-to-deck-nps-view-1366.png` });
    await app.getByRole('dialog').getByRole('button', { name: 'Open the deck' }).click();

    // The editor: six slides in the order added.
    const sorter = app.getByRole('list', { name: 'Slides' });
    const thumbs = sorter.getByRole('button');
    await expect(thumbs).toHaveCount(6);
    // A thumbnail's name is its hidden text "Slide N: title" (the picture inside is aria-hidden).
    const titles = async () => (await thumbs.all()).map(async (t) => (await t.locator('.mantine-VisuallyHidden-root').textContent())!.replace(/^Slide \d+: /, ''));
    const order = await Promise.all(await titles());
    expect(order).toHaveLength(6);
    await expect(app.getByText('All changes saved')).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/editor-1366.png` });

    // Reorder by keyboard: the first slide, Alt+↓ twice, lands third and keeps the focus.
    await thumbs.first().click();
    await app.keyboard.press('Alt+ArrowDown');
    await app.keyboard.press('Alt+ArrowDown');
    await expect(thumbs.nth(2)).toHaveAccessibleName(`Slide 3: ${order[0]}`);
    await expect(thumbs.nth(2)).toBeFocused();
    await expect(thumbs.nth(0)).toHaveAccessibleName(`Slide 1: ${order[1]}`);
    await expect(app.getByText('All changes saved')).toBeVisible();
    // …and by dragging it back to the top.
    await thumbs.nth(2).dragTo(thumbs.nth(0));
    await expect(thumbs.nth(0)).toHaveAccessibleName(`Slide 1: ${order[0]}`);
    await expect(thumbs.nth(1)).toHaveAccessibleName(`Slide 2: ${order[1]}`);
    // Keyboard again, so the deck is presented in an order the analyst chose: the first slide goes third.
    await thumbs.first().click();
    await app.keyboard.press('Alt+ArrowDown');
    await app.keyboard.press('Alt+ArrowDown');
    await expect(thumbs.nth(2)).toHaveAccessibleName(`Slide 3: ${order[0]}`);
    await expect(app.getByText('All changes saved')).toBeVisible();

    // Edit the headline of the NPS-by-group slide; undo and redo with the keyboard.
    const byGroupIndex = (await Promise.all(await titles())).findIndex((t) => /^NPS by support_tickets_12m/.test(t));
    expect(byGroupIndex).toBeGreaterThanOrEqual(0);
    await thumbs.nth(byGroupIndex).click();
    const headline = app.getByRole('textbox', { name: 'Headline' });
    const original = await headlineValue(headline);
    await headline.fill('More support contacts, fewer promoters.');
    const preview = app.getByRole('region', { name: 'Slide preview' });
    await expect(preview.locator('.cxs-headline')).toHaveText('More support contacts, fewer promoters.');
    await app.getByRole('heading', { name: 'Workshop deck' }).click();
    await app.keyboard.press('Control+z');
    await expect(headline).toHaveValue(original);
    await app.keyboard.press('Control+Shift+z');
    await expect(headline).toHaveValue('More support contacts, fewer promoters.');
    await expect(app.getByText('All changes saved')).toBeVisible();
    const stored = await call<{ slides: { headline: string }[]; version: number }>(app, 'deck.get', { name: 'Workshop deck' });
    expect(stored.slides[byGroupIndex].headline).toBe('More support contacts, fewer promoters.');
    await app.screenshot({ path: `${SHOTS}/editor-edited-1366.png` });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot({ path: `${SHOTS}/editor-1920.png` });

    // The disclosure summary names what is withheld.
    const disclosure = app.getByRole('region', { name: 'Disclosure control' });
    await expect(disclosure.getByTestId('disclosure-note')).toContainText('Groups of fewer than 10 people are not shown.');
    await expect(disclosure.getByRole('list', { name: 'What is withheld' })).toContainText(/NPS of 9\b|support_tickets_12m = 9\b/);

    // Presentation mode with the keyboard, from the first slide.
    await thumbs.first().click();
    await app.getByRole('main').getByRole('button', { name: 'Present', exact: true }).click();
    const stage = app.getByRole('dialog', { name: 'Presenting “Workshop deck”' });
    await expect(stage).toBeVisible();
    const at = (n: number) => expect(stage).toHaveAttribute('data-index', String(n - 1));
    await at(1);
    await app.keyboard.press('ArrowRight');
    await at(2);
    await app.keyboard.press('End');
    await at(6);
    await app.keyboard.press('Home');
    await at(1);
    await app.keyboard.press('3');
    await expect(stage.getByRole('status')).toHaveText('Go to slide 3 — press Enter');
    await app.keyboard.press('Enter');
    await at(3);

    // The presenter view: a second tab on the presenter route, following and leading.
    const [presenter] = await Promise.all([context.waitForEvent('page'), stage.getByRole('button', { name: 'Presenter view' }).click({ force: true })]);
    await presenter.waitForSelector('body[data-ready="true"]');
    await presenter.setViewportSize({ width: 1366, height: 768 });
    const main = presenter.getByRole('main', { name: 'Presenter view of “Workshop deck”' });
    await expect(main.getByText('Now · slide 3 of 6')).toBeVisible();
    await expect(main.getByRole('status')).toContainText('Presenting');
    await app.bringToFront();
    await app.keyboard.press('ArrowRight');
    await at(4);
    await expect(main.getByText('Now · slide 4 of 6')).toBeVisible();
    await presenter.bringToFront();
    await presenter.keyboard.press('ArrowLeft');
    await expect(main.getByText('Now · slide 3 of 6')).toBeVisible();
    await at(3);
    await presenter.screenshot({ path: `${SHOTS}/presenter-1366.png` });
    await app.bringToFront();

    // Every slide at 1920 × 1080 and 1280 × 720; the NPS-by-group slide shows its small groups as withheld.
    for (const [w, h] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await app.setViewportSize({ width: w, height: h });
      await app.keyboard.press('Home');
      for (let i = 1; i <= 6; i++) {
        await at(i);
        const slide = stage.locator(`.cxs-slide[data-slide-number="${i}"]`);
        await expect(slide).toBeVisible();
        // Fits: the scaled canvas is inside the viewport, nothing scrolls.
        const box = (await stage.locator('.cxs-scaled').boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(w + 0.5);
        expect(box.height).toBeLessThanOrEqual(h + 0.5);
        expect(Math.max(box.width / w, box.height / h)).toBeGreaterThan(0.99);
        await shoot(app, `slide-${i}-${w}x${h}`);
        if (i < 6) await app.keyboard.press('ArrowRight');
      }
    }
    await app.keyboard.press('Home');
    for (let i = 0; i < byGroupIndex; i++) await app.keyboard.press('ArrowRight');
    await at(byGroupIndex + 1);
    // The groups of 9 and 10 tickets read "fewer than 10 people" (in the chart, and in the table when the slide has
    // one); their NPS as nps.analyze computed it (n = 3 and 4) appears nowhere on the slide.
    const shown = (await stage.locator('.cxs-slide').textContent())!;
    expect(shown.match(/fewer than 10 people/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    for (const group of Object.keys(EXPECTED_SMALL)) {
      const raw = nps.groups.find((g) => g.group === group)!.nps!;
      const printed = `${raw > 0 ? '+' : ''}${raw.toFixed(1)}`;
      expect(shown, `NPS of group ${group}`).not.toContain(printed);
    }
    const rows = stage.locator('.cxs-table tr').filter({ has: app.getByRole('rowheader', { name: '9', exact: true }) });
    if ((await rows.count()) > 0) await expect(rows.locator('[data-suppressed="primary"]').first()).toHaveText(/^fewer than 10/);
    // The projector theme at 1920 × 1080: titles of 40 px or more, and no text under 24 px on a slide that did not
    // have to shrink to fit (a dense slide is scaled as a whole, and the editor warns about it).
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.keyboard.press('Home');
    for (let i = 1; i <= 6; i++) {
      await at(i);
      await expectProjectorSizes(stage, `slide ${i}`);
      if (i < 6) await app.keyboard.press('Space');
    }
    await app.keyboard.press('PageUp');
    await at(5);
    await app.keyboard.press('PageDown');
    await at(6);
    // The disclosure note is on the last slide.
    await app.keyboard.press('End');
    await expect(stage.locator('.cxs-foot')).toContainText('Groups of fewer than 10 people are not shown.');

    // Esc leaves presentation mode; the presenter view says so.
    await app.keyboard.press('Escape');
    await expect(stage).toBeHidden();
    await expect(main.getByRole('status')).toContainText('Not presenting');
    await presenter.close();
    await app.setViewportSize({ width: 1366, height: 768 });

    // The threshold: never below 5; at 5 the groups of 3 and 4 are still withheld.
    const minCell = disclosure.getByRole('textbox', { name: /^Smallest group shown/ });
    await minCell.fill('4');
    await expect(disclosure.getByText('At least 5')).toBeVisible();
    await expect(disclosure.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await minCell.fill('5');
    await disclosure.getByRole('button', { name: 'Apply' }).click();
    await expect(disclosure.getByTestId('disclosure-note')).toContainText('fewer than 5 people');
    await expect(disclosure.getByRole('list', { name: 'What is withheld' })).toContainText(/NPS of 9\b|support_tickets_12m = 9\b/);

    // Exports: each format downloads; the HTML has no script and no personal data, and names what it withheld.
    await app.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = app.getByRole('dialog', { name: 'Export “Workshop deck”' });
    await expect(exportDialog).toContainText('DISCLOSURE NOTE CARRIED BY THE FILE');
    await app.waitForTimeout(400); // the modal's fade-in, for the picture
    await app.screenshot({ path: `${SHOTS}/export-dialog-1366.png` });
    for (const [label, ext, magic] of [
      ['HTML page', 'html', '<!'],
      ['PowerPoint', 'pptx', 'PK'],
      ['PDF', 'pdf', '%PDF'],
    ] as const) {
      await exportDialog.getByText(label, { exact: true }).click();
      const [download] = await Promise.all([app.waitForEvent('download', { timeout: 120_000 }), exportDialog.getByRole('button', { name: `Export ${label}` }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      if (ext === 'html') {
        const html = bytes.toString('utf8');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toContain('@example.');
        expect(html).toContain('fewer than 5');
      }
      await expect(exportDialog.getByRole('status')).toContainText(`.${ext}”: 6 slides`);
    }
    await exportDialog.getByRole('button', { name: 'Close' }).click();

    // A text slide, then undo; a change made elsewhere meanwhile makes the next save stale: reload theirs.
    await app.getByRole('button', { name: 'Add a text slide' }).click();
    await expect(thumbs).toHaveCount(7);
    await app.getByRole('textbox', { name: 'Text' }).fill('What surprised you?\n\n- the support loop\n- the small groups');
    await expect(preview.locator('.cxs-text li')).toHaveText(['the support loop', 'the small groups']);
    await app.screenshot({ path: `${SHOTS}/editor-text-slide-1366.png` });
    await app.getByRole('heading', { name: 'Workshop deck' }).click();
    await app.keyboard.press('Control+z');
    await app.keyboard.press('Control+z');
    await expect(thumbs).toHaveCount(6);
    await expect(app.getByText('All changes saved')).toBeVisible();
    const npsId = (await call<{ id: number; kind: string }[]>(app, 'results.list', {})).find((r) => r.kind === 'nps')!.id;
    await call(app, 'deck.addSlides', { deck: 'Workshop deck', resultId: npsId, kinds: ['data.quality'] });
    await app.getByRole('textbox', { name: 'Title' }).fill('Support contacts and NPS');
    const stale = app.getByRole('alert').filter({ hasText: 'Someone else changed this deck' });
    await expect(stale).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/editor-stale-1366.png` });
    await stale.getByRole('button', { name: 'Reload their version' }).click();
    await expect(thumbs).toHaveCount(7);
    await expect(stale).toBeHidden();

    // Refresh re-runs the slide's saved result: on unchanged data it says so and replaces nothing.
    await thumbs.nth(byGroupIndex).click();
    await app.getByRole('complementary', { name: 'Slide details' }).getByRole('button', { name: 'Refresh' }).click();
    const refresh = app.getByRole('dialog', { name: /^Refresh “/ });
    await expect(refresh.getByRole('status').filter({ hasText: 'Identical' })).toBeVisible({ timeout: 90_000 });
    await app.screenshot({ path: `${SHOTS}/refresh-identical-1366.png` });
    await refresh.getByRole('button', { name: 'Close' }).click();

    await app.getByRole('button', { name: 'Back to all decks' }).click();
    const card = app.getByRole('listitem').filter({ hasText: 'Workshop deck' });
    await expect(card).toContainText('7 slides');

    // The deck list: duplicate, rename the copy, delete it.
    await app.getByRole('button', { name: 'Actions for deck Workshop deck' }).click();
    await app.getByRole('menuitem', { name: 'Duplicate…' }).click();
    await expect(app.getByRole('dialog').getByLabel('Name of the copy')).toHaveValue('Workshop deck (copy)');
    await app.getByRole('dialog').getByRole('button', { name: 'Duplicate' }).click();
    await expect(app.getByRole('listitem')).toHaveCount(2);
    await app.getByRole('button', { name: 'Actions for deck Workshop deck (copy)' }).click();
    await app.getByRole('menuitem', { name: 'Rename…' }).click();
    await app.getByRole('dialog').getByLabel('New name').fill('Board version');
    await app.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect(app.getByRole('button', { name: 'Open deck Board version' })).toBeVisible();
    await expect(app.getByRole('listitem').filter({ hasText: 'Board version' })).toContainText('7 slides');
    await app.getByRole('button', { name: 'Actions for deck Board version' }).click();
    await app.getByRole('menuitem', { name: 'Delete…' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Delete deck' }).click();
    await expect(app.getByRole('listitem')).toHaveCount(1);
    await expect(card).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/decks-1366.png` });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot({ path: `${SHOTS}/decks-1920.png` });
  });
});

async function headlineValue(l: import('@playwright/test').Locator): Promise<string> {
  return l.inputValue();
}
