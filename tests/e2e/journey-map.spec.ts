// The journey map canvas end to end in Chromium against the browser host: create a map, add, edit, move (menu,
// keyboard, drag and drop) and delete cards, draw the emotion curve, delete a stage and undo it, save, reload:
// still there. A save by "someone else" in between is refused with a clear message. Export PNG (drawn in the
// page) and HTML (opened in a fresh page: no request of any kind). Seed a map from the demo journey events.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import type { JourneyMap, JourneyResult } from '../../shared/journeys';
import type { SegmentationResult } from '../../shared/segments';
import { call, expect, shot, test } from './fixtures';

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

async function openMapTab(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys' }).click();
  await app.getByRole('tab', { name: 'Journey map' }).click();
  await expect(app.getByRole('button', { name: 'New map' })).toBeVisible();
  // The whole width for the canvas, as in a workshop.
  const hide = app.getByRole('button', { name: 'Hide the set-up' });
  if (await hide.isVisible()) await hide.click();
}

async function addCard(app: Page, cell: string, text: string, value?: number): Promise<void> {
  await app.getByRole('button', { name: `Add card: ${cell}` }).click();
  const editor = app.getByRole('group', { name: `New card: ${cell}` });
  await editor.getByLabel('Card text').fill(text);
  if (value !== undefined) await editor.getByLabel('Emotion value').fill(String(value));
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(app.getByRole('group', { name: cell }).getByRole('article', { name: `Card: ${text}` })).toBeVisible();
}

/** A drag as a hand makes it: press, move a little (the browser starts a drag only then), travel, release. */
async function drag(app: Page, source: Locator, target: Locator): Promise<void> {
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await app.mouse.move(a.x + 20, a.y + 10);
  await app.mouse.down();
  await app.mouse.move(a.x + 40, a.y + 20, { steps: 5 });
  await app.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await app.mouse.up();
}

/** Scrolls the map's picker to the top, so a screenshot shows the toolbar, the persona and the canvas. */
async function showMap(app: Page): Promise<void> {
  await app.locator('.cxw-map-picker').evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

const cell = (app: Page, name: string) => app.getByRole('group', { name, exact: true });

async function savedText(download: Download): Promise<string> {
  return readFileSync((await download.path())!, 'utf8');
}

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('create a map, edit cards and stages with undo, save, reload: still there; stale saves refused; exports', async ({ app, browser }) => {
    test.setTimeout(240_000);
    await openMapTab(app);
    await shot(app, 'journey-map-empty');

    // A new map with three stages.
    await app.getByRole('button', { name: 'New map' }).click();
    const dialog = app.getByRole('dialog', { name: 'New journey map' });
    await dialog.getByLabel('Map name').fill('Checkout workshop');
    await dialog.getByLabel('Stages, one per line').fill('Discover\nBuy\nReceive');
    await dialog.getByRole('button', { name: 'Create map' }).click();
    await expect(app.getByText('Saved · version 1')).toBeVisible();
    for (const [i, name] of ['Discover', 'Buy', 'Receive'].entries()) await expect(app.getByLabel(`Name of stage ${i + 1}`)).toHaveValue(name);

    // Cards in several cells, emotion values for the curve.
    await addCard(app, 'Touchpoints in Discover', 'Search ad');
    await addCard(app, 'Touchpoints in Buy', 'Checkout page');
    await addCard(app, 'Pain points in Buy', 'Card declined without a reason');
    await addCard(app, 'Customer actions in Discover', 'Compares prices');
    await addCard(app, 'Emotions in Discover', 'Curious', 4);
    await addCard(app, 'Emotions in Buy', 'Anxious', 2);
    await addCard(app, 'Emotions in Receive', 'Relieved', 4.5);
    await expect(app.getByText('Unsaved changes')).toBeVisible();
    const curve = app.getByRole('img', { name: /^Emotion curve on 1–5/ });
    await expect(curve).toHaveAccessibleName('Emotion curve on 1–5: Discover: 4, Buy: 2, Receive: 4.5');
    await expect(curve.locator('circle')).toHaveCount(3);
    await expect(app.getByRole('article', { name: 'Card: Search ad' }).getByText('assumed', { exact: true })).toBeVisible();

    // Edit in place: double-click, new text, Enter.
    await app.getByRole('article', { name: 'Card: Checkout page' }).dblclick();
    await app.getByRole('group', { name: 'Edit card: Checkout page' }).getByLabel('Card text').fill('Checkout page (guest)');
    await app.getByRole('group', { name: 'Edit card: Checkout page' }).getByLabel('Card text').press('Enter');
    await expect(cell(app, 'Touchpoints in Buy').getByRole('article', { name: 'Card: Checkout page (guest)' })).toBeVisible();

    // Move with the menu (next stage), with the keyboard (Alt+↓: the lane below), and by drag and drop.
    await app.getByRole('button', { name: 'Card actions: Search ad' }).click();
    await app.getByRole('menuitem', { name: 'Move to next stage' }).click();
    await expect(cell(app, 'Touchpoints in Buy').getByRole('article', { name: 'Card: Search ad' })).toBeVisible();
    await app.getByRole('article', { name: 'Card: Compares prices' }).focus();
    await app.keyboard.press('Alt+ArrowDown');
    await expect(cell(app, 'Emotions in Discover').getByRole('article', { name: 'Card: Compares prices' })).toBeVisible();
    await app.keyboard.press('Alt+ArrowUp');
    await expect(cell(app, 'Customer actions in Discover').getByRole('article', { name: 'Card: Compares prices' })).toBeVisible();
    await drag(app, app.getByRole('article', { name: 'Card: Card declined without a reason' }), cell(app, 'Pain points in Receive'));
    await expect(cell(app, 'Pain points in Receive').getByRole('article', { name: 'Card: Card declined without a reason' })).toBeVisible();
    await expect(cell(app, 'Pain points in Buy').getByRole('article')).toHaveCount(0);

    // Delete a card, undo (button and Ctrl+Z), redo.
    await app.getByRole('article', { name: 'Card: Search ad' }).focus();
    await app.keyboard.press('Delete');
    await expect(app.getByRole('article', { name: 'Card: Search ad' })).toHaveCount(0);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(cell(app, 'Touchpoints in Buy').getByRole('article', { name: 'Card: Search ad' })).toBeVisible();
    await app.getByRole('button', { name: 'Redo' }).click();
    await expect(app.getByRole('article', { name: 'Card: Search ad' })).toHaveCount(0);
    await app.locator('body').click({ position: { x: 5, y: 5 } });
    await app.keyboard.press('ControlOrMeta+z');
    await expect(app.getByRole('article', { name: 'Card: Search ad' })).toBeVisible();

    // Delete a stage with its cards; the notice's Undo brings both back.
    await app.getByRole('button', { name: 'Stage actions: Receive' }).click();
    await app.getByRole('menuitem', { name: 'Delete stage and its cards' }).click();
    await expect(app.getByLabel('Name of stage 3')).toHaveCount(0);
    await expect(app.getByText('Deleted stage “Receive” and its 2 cards.')).toBeVisible();
    await expect(curve).toHaveAccessibleName('Emotion curve on 1–5: Discover: 4, Buy: 2');
    await app.getByRole('status').filter({ hasText: 'Deleted stage' }).getByRole('button', { name: 'Undo' }).click();
    await expect(app.getByLabel('Name of stage 3')).toHaveValue('Receive');
    await expect(cell(app, 'Pain points in Receive').getByRole('article')).toHaveCount(1);

    // Rename a stage and reorder: Buy first.
    await app.getByLabel('Name of stage 1').fill('Find');
    await app.getByLabel('Name of stage 1').press('Enter');
    await app.getByRole('button', { name: 'Stage actions: Buy' }).click();
    await app.getByRole('menuitem', { name: 'Move stage left' }).click();
    await expect(app.getByLabel('Name of stage 1')).toHaveValue('Buy');
    await expect(app.getByLabel('Name of stage 2')).toHaveValue('Find');

    // The persona.
    await app.getByRole('region', { name: 'Persona' }).getByLabel('Name').fill('Busy parent');
    await app.getByRole('region', { name: 'Persona' }).getByLabel('Name').press('Enter');

    await clearToasts(app);
    await showMap(app);
    await shot(app, 'journey-map-canvas');

    // Unsaved edits survive leaving the view and coming back (kept for the session).
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Segments' }).click();
    await openMapTab(app);
    await expect(app.getByText('Unsaved changes')).toBeVisible();
    await expect(app.getByLabel('Name of stage 1')).toHaveValue('Buy');
    await expect(app.getByRole('button', { name: 'Undo' })).toBeEnabled();

    // Save (Ctrl+S), reload the app: everything is there.
    await app.locator('body').click({ position: { x: 5, y: 5 } });
    await app.keyboard.press('ControlOrMeta+s');
    await expect(app.getByText('Saved · version 2')).toBeVisible();
    await app.reload();
    await app.waitForSelector('body[data-ready="true"]');
    await openMapTab(app);
    await expect(app.getByText('Saved · version 2')).toBeVisible();
    await expect(app.getByLabel('Name of stage 1')).toHaveValue('Buy');
    await expect(cell(app, 'Touchpoints in Buy').getByRole('article')).toHaveCount(2);
    await expect(cell(app, 'Pain points in Receive').getByRole('article', { name: 'Card: Card declined without a reason' })).toBeVisible();
    await expect(app.getByRole('img', { name: /^Emotion curve/ })).toHaveAccessibleName('Emotion curve on 1–5: Buy: 2, Find: 4, Receive: 4.5');
    await expect(app.getByRole('region', { name: 'Persona' }).getByLabel('Name')).toHaveValue('Busy parent');

    // Someone else saves version 3 in between (another window, straight through the API); our save is refused.
    const stored = await call<{ stages: { name: string }[] }>(app, 'journeyMap.get', { name: 'Checkout workshop' });
    stored.stages[0].name = 'Pay';
    const theirs = (await call<{ version: number }>(app, 'journeyMap.save', { map: stored })).version;
    expect(theirs).toBe(3);
    await addCard(app, 'Opportunities in Buy', 'Say why a card was declined');
    await app.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = app.getByRole('alert').filter({ hasText: 'Someone else saved this map in between' });
    await expect(conflict).toContainText('The workspace now holds version 3 of “Checkout workshop”; your edits started from version 2.');
    await expect(app.getByText('Unsaved changes')).toBeVisible();
    await clearToasts(app);
    await shot(app, 'journey-map-conflict');
    await conflict.getByRole('button', { name: 'Save mine as a copy…' }).click();
    const copy = app.getByRole('dialog', { name: 'Save as a new map' });
    await expect(copy.getByLabel('Map name')).toHaveValue('Checkout workshop (my edits)');
    await copy.getByRole('button', { name: 'Save copy' }).click();
    await expect(app.getByText('Saved · version 1')).toBeVisible();
    await expect(cell(app, 'Opportunities in Buy').getByRole('article', { name: 'Card: Say why a card was declined' })).toBeVisible();

    // Projector size and dark theme.
    await app.getByText('Projector', { exact: true }).click();
    await app.getByRole('button', { name: 'Switch to dark theme' }).click();
    await clearToasts(app);
    await showMap(app);
    await shot(app, 'journey-map-dark-projector');
    await app.getByRole('button', { name: 'Switch to light theme' }).click();
    await app.getByText('Normal', { exact: true }).click();

    // Export PNG: a real PNG at twice the drawn size.
    const [png] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('Checkout workshop (my edits) journey map.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    // 3 stages × 300 px + 180 px lanes + 2 × 32 px margins, at 2×.
    expect(width).toBe(2 * (3 * 300 + 180 + 64));
    expect(height).toBeGreaterThan(1200);

    // Export HTML, open it in a fresh page and record every request it makes: none.
    const [html] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export HTML' }).click()]);
    expect(html.suggestedFilename()).toBe('Checkout workshop (my edits) journey map.html');
    const page = await savedText(html);
    expect(page).not.toMatch(/<script/i);
    const viewer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const requests: string[] = [];
    viewer.on('request', (r) => requests.push(r.url()));
    await viewer.setContent(page, { waitUntil: 'load' });
    await expect(viewer.getByRole('heading', { name: 'Checkout workshop (my edits)' })).toBeVisible();
    await expect(viewer.getByRole('img', { name: /^Emotion curve on 1–5: Buy: 2, Find: 4, Receive: 4\.5$/ })).toBeVisible();
    await expect(viewer.getByText('Say why a card was declined')).toBeVisible();
    await viewer.screenshot({ path: 'test-results/screenshots/journey-map-html-export.png', fullPage: true });
    await viewer.emulateMedia({ colorScheme: 'dark' });
    await viewer.screenshot({ path: 'test-results/screenshots/journey-map-html-dark.png', fullPage: true });
    await viewer.emulateMedia({ media: 'print', colorScheme: 'light' });
    await viewer.screenshot({ path: 'test-results/screenshots/journey-map-html-print.png', fullPage: true });
    expect(requests).toEqual([]);
    await viewer.close();

    // Delete the copy (with confirmation): the picker falls back to no map.
    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await app.getByRole('dialog', { name: 'Delete journey map?' }).getByRole('button', { name: 'Delete map' }).click();
    await expect(app.getByRole('heading', { name: 'Journey map canvas' })).toBeVisible();
  });

  test('seed a map from the demo journey events: measured cards with n; an edit makes a card assumed; exports', async ({ app }) => {
    test.setTimeout(240_000);
    const seg = await call<SegmentationResult>(app, 'segment.run', {
      jobId: 'e2e_map_persona',
      params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Persona source' },
    });
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys' }).click();
    await app.getByRole('complementary', { name: 'Journey set-up' }).getByRole('button', { name: 'Run journey analysis' }).click();
    await expect(app.getByRole('tab', { name: 'Flow' })).toBeVisible({ timeout: 120_000 });
    await openMapTab(app);

    await app.getByRole('button', { name: 'Seed from data' }).click();
    const dialog = app.getByRole('dialog', { name: 'Seed a journey map from data' });
    await expect(dialog.getByLabel('Map name')).toHaveValue('Demo journey events journey map');
    await dialog.getByLabel('Map name').fill('Demo journeys');
    await dialog.getByRole('button', { name: 'Seed map' }).click();
    await expect(app.getByText('Saved · version 1')).toBeVisible({ timeout: 120_000 });

    // The map against the analytics of the very spec it was seeded from, fetched independently through the API.
    const map = await call<JourneyMap>(app, 'journeyMap.get', { name: 'Demo journeys' });
    const result = await call<JourneyResult>(app, 'journey.analyze', { jobId: 'e2e-check-seed', spec: map.seededFrom });
    const stages = result.funnel.map((f) => f.stage);
    expect(stages.length).toBeGreaterThan(3);
    for (const [i, name] of stages.entries()) await expect(app.getByLabel(`Name of stage ${i + 1}`)).toHaveValue(name);
    const first = result.steps.filter((s) => s.stage === stages[0]).sort((a, b) => b.customers - a.customers)[0];
    const touch = cell(app, `Touchpoints in ${stages[0]}`).getByRole('article').first();
    await expect(touch).toContainText(`${first.step}: ${first.customers.toLocaleString('en-US')} journeys`);
    await expect(touch).toContainText(`measured · n = ${first.customers.toLocaleString('en-US')}`);
    const reach = result.funnel[1].customers.toLocaleString('en-US');
    await expect(cell(app, `KPIs in ${stages[1]}`).getByRole('article').first()).toContainText(`${reach} journeys reach this stage in order`);
    expect(map.cards.every((c) => c.evidence === 'measured' && typeof c.n === 'number')).toBe(true);
    // The curve has a point wherever the analytics measured satisfaction: dots on the line for funnel stages, open
    // diamonds apart from it for side steps (as on the satisfaction charts).
    const measuredFunnel = result.stages.filter((s) => s.satisfaction !== null && s.inFunnel).length;
    const measuredSide = result.stages.filter((s) => s.satisfaction !== null && !s.inFunnel).length;
    expect(measuredSide).toBeGreaterThan(0);
    await expect(app.getByRole('img', { name: /^Emotion curve/ }).locator('circle')).toHaveCount(measuredFunnel);
    await expect(app.getByRole('img', { name: /^Emotion curve/ }).locator('.cxw-map-curve-side')).toHaveCount(measuredSide);
    for (const lane of ['Customer actions', 'Opportunities', 'Backstage']) {
      for (const stage of stages) await expect(cell(app, `${lane} in ${stage}`).getByRole('article')).toHaveCount(0);
    }
    // The persona from segment 2 of the segmentation: name and note filled from its card.
    const persona = app.getByRole('region', { name: 'Persona' });
    await persona.getByRole('combobox', { name: 'Segmentation', exact: true }).click();
    await app.getByRole('option', { name: 'Persona source (k = 3)' }).click();
    await persona.getByRole('combobox', { name: 'Segment', exact: true }).click();
    await app.getByRole('option', { name: new RegExp(`^2\\. `) }).click();
    await expect(persona.getByLabel('Name')).toHaveValue(seg.segments[1].name);
    await expect(persona.getByLabel('Who they are, what they want')).toHaveValue(seg.segments[1].persona);
    await expect(persona.getByText('linked to segment 2 of “Persona source”')).toBeVisible();

    await clearToasts(app);
    await showMap(app);
    await shot(app, 'journey-map-seeded');
    await app.getByText('Projector', { exact: true }).click();
    await showMap(app);
    await shot(app, 'journey-map-seeded-projector');
    await app.getByText('Normal', { exact: true }).click();

    // Editing a measured card's text makes it assumed and says what it was.
    await touch.dblclick();
    const editor = app.getByRole('group', { name: /^Edit card: / });
    await expect(editor.getByText('Changing a measured card makes it assumed')).toBeVisible();
    await editor.getByLabel('Card text').fill(`${first.step} (the home page)`);
    await editor.getByLabel('Card text').press('Enter');
    const edited = cell(app, `Touchpoints in ${stages[0]}`).getByRole('article', { name: `Card: ${first.step} (the home page)` });
    await expect(edited).toContainText(`assumed · edited from measured (n = ${first.customers.toLocaleString('en-US')})`);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(touch).toContainText('measured · n =');
    await app.getByRole('button', { name: 'Redo' }).click();
    await app.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(app.getByText('Saved · version 2')).toBeVisible();

    // The PNG of the seeded map, kept with the screenshots to look at.
    const [png] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export PNG' }).click()]);
    await png.saveAs('test-results/screenshots/journey-map-seeded-export.png');
    const [html] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export HTML' }).click()]);
    const page = await savedText(html);
    expect(page).toContain(`assumed · edited from measured (n = ${first.customers.toLocaleString('en-US')})`);
    expect(page).toContain('Seeded from the dataset “Demo journey events”');
    expect((page.match(/class="side-hole"/g) ?? []).length).toBe(measuredSide);
    expect(page).toContain('Segment 2 of “Persona source”');
    expect((page.match(/class="card measured"/g) ?? []).length).toBe(map.cards.length - 1);
  });
});
