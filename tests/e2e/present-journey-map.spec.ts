// A journey map edited live from its slide, end to end in Chromium against the browser host on the demo workspace.
// The demo's journey map is seeded through the API (journeyMap.seed on "Demo journey events", as the Journeys view's
// "Seed from data" does); "Add to deck" in the Journey map view puts its slide in a new deck; presentation mode shows
// it through disclosure control; E opens the editing layer, where a card "Confusing returns form" is added to the
// pain points of a stage and saved: the presented slide shows it at once, and after leaving presentation mode the
// Journeys view's map holds it (version 3: a save "by someone else" in between was refused first, then the layer
// reopened their version 2). A card computed from fewer than 10 journeys (if the seeded map has one)
// is masked in the layer as on the slide. The layer is captured at 1280 × 720 and 1920 × 1080 into /tmp/shots-jmap/.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { JourneyMap } from '../../shared/journeys';
import { call, expect, test } from './fixtures';

const SHOTS = '/tmp/shots-jmap';
const MAP = 'Demo journeys';
const NEW_CARD = 'Confusing returns form';

async function nav(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

async function openMap(app: Page): Promise<void> {
  await nav(app, 'Journeys');
  await app.getByRole('tab', { name: 'Journey map' }).click();
  const picker = app.getByRole('combobox', { name: 'Journey map' });
  if ((await picker.inputValue({ timeout: 20_000 })) !== MAP) {
    await picker.click();
    await app.getByRole('option', { name: MAP }).click();
  }
  await expect(app.getByLabel('Name of stage 1')).toBeVisible();
}

test.describe('journey map slide on the demo workspace', () => {
  test.use({ hostOptions: { workspace: null }, actionTimeout: 30_000 });

  test('add the map to a deck, present it, edit it live (E), save: the slide and the Journeys view show the new card', async ({ app }) => {
    test.setTimeout(300_000);
    mkdirSync(SHOTS, { recursive: true });
    await app.setViewportSize({ width: 1280, height: 720 });
    const seeded = await call<JourneyMap>(app, 'journeyMap.seed', {
      jobId: 'e2e_jmap_seed',
      name: MAP,
      spec: { dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction' },
    });
    expect(seeded.version).toBe(1);
    const stage = seeded.stages.find((s) => /return/i.test(s.name)) ?? seeded.stages[seeded.stages.length - 1];
    const small = seeded.cards.filter((c) => c.evidence === 'measured' && (c.n ?? 0) < 10);

    // "Add to deck" beside the map's export buttons.
    await openMap(app);
    await app.getByRole('button', { name: 'Add to deck' }).click();
    const dialog = app.getByRole('dialog', { name: `Add the map “${MAP}” to a deck` });
    await expect(dialog.getByLabel('Name of the new deck')).toHaveValue('Workshop deck');
    await dialog.getByRole('button', { name: 'Add to deck' }).click();
    await expect(dialog.getByRole('status')).toContainText('Added the map to “Workshop deck”, which now has 1 slide.');
    await dialog.getByRole('button', { name: 'Open the deck' }).click();

    // Present: the map slide, through disclosure control.
    await app.getByRole('main').getByRole('button', { name: 'Present', exact: true }).click();
    const presenting = app.getByRole('dialog', { name: 'Presenting “Workshop deck”' });
    // The seeded map is too dense for one page at the projector sizes: it is presented as pages of one slide.
    await expect(presenting.locator('.cxs-title')).toHaveText(new RegExp(`^Journey map: ${MAP} \\(1 of \\d+\\)$`));
    await expect(presenting.locator('.cxs-card-title').first()).toBeVisible();
    await expect(presenting.getByText(NEW_CARD)).toHaveCount(0);

    // E: the editing layer, with the room watching.
    await app.keyboard.press('e');
    const layer = app.getByRole('dialog', { name: `Editing the journey map “${MAP}”` });
    await expect(layer.getByText('Saved · version 1')).toBeVisible();
    // A measured card under 10 journeys is masked here as on the slide.
    for (const c of small) await expect(layer.getByRole('article', { name: `Card: ${c.text}` })).toHaveCount(0);
    // Someone else saves the map meanwhile: this layer's save is refused and says so; "open theirs" starts again.
    const cellName = `Pain points in ${stage.name}`;
    await layer.getByRole('button', { name: `Add card: ${cellName}` }).click();
    await layer.getByRole('group', { name: `New card: ${cellName}` }).getByLabel('Card text').fill('Lost in the crowd');
    await layer.getByRole('group', { name: `New card: ${cellName}` }).getByRole('button', { name: 'Done' }).click();
    await call(app, 'journeyMap.save', { map: await call<JourneyMap>(app, 'journeyMap.get', { name: MAP }) });
    await layer.getByRole('button', { name: 'Save and show' }).click();
    await expect(layer.getByRole('alert')).toContainText('Someone else saved this map in between');
    await expect(layer.getByRole('alert')).toContainText('The workspace holds version 2 of “Demo journeys”; these edits started from version 1.');
    await layer.getByRole('button', { name: 'Drop these edits and open version 2' }).click();
    await expect(layer.getByText('Saved · version 2')).toBeVisible();
    await expect(layer.getByRole('article', { name: 'Card: Lost in the crowd' })).toHaveCount(0);

    await layer.getByRole('button', { name: `Add card: ${cellName}` }).click();
    const editor = layer.getByRole('group', { name: `New card: ${cellName}` });
    await editor.getByLabel('Card text').fill(NEW_CARD);
    await editor.getByRole('button', { name: 'Done' }).click();
    const added = layer.getByRole('group', { name: cellName, exact: true }).getByRole('article', { name: `Card: ${NEW_CARD}` });
    await expect(added).toBeVisible();
    await expect(layer.getByText('Unsaved changes')).toBeVisible();
    await added.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${SHOTS}/edit-layer-1280x720.png`, animations: 'disabled' });
    await layer.locator('.cxp-mapedit-canvas').evaluate((el) => el.scrollTo(0, 0));
    await app.screenshot({ path: `${SHOTS}/edit-layer-top-1280x720.png`, animations: 'disabled' });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await added.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${SHOTS}/edit-layer-1920x1080.png`, animations: 'disabled' });
    await layer.locator('.cxp-mapedit-canvas').evaluate((el) => el.scrollTo(0, 0));
    await app.screenshot({ path: `${SHOTS}/edit-layer-top-1920x1080.png`, animations: 'disabled' });
    // Font sizes for the room: the card text at least 20 px, the layer's title at least 24 px.
    const cardFont = await added.locator('.cxw-map-card-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(cardFont).toBeGreaterThanOrEqual(20);
    const titleFont = await layer.locator('.cxp-mapedit-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(titleFont).toBeGreaterThanOrEqual(24);

    // Save: the map (version 3) and the slide, rebuilt from it, show the card.
    await layer.getByRole('button', { name: 'Save and show' }).click();
    await expect(layer).toHaveCount(0);
    const card = presenting.locator('.cxs-card', { hasText: NEW_CARD });
    // The new card is on the page that holds its lane: page through the map until it shows.
    await app.keyboard.press('Home');
    for (let i = 0; i < 20 && (await card.count()) === 0; i++) await app.keyboard.press('ArrowRight');
    await expect(card).toBeVisible();
    // Titled by its cell, numbered after the cell's seeded pain points (titles are unique on a slide).
    const before = seeded.cards.filter((c) => c.lane === 'painPoints' && c.stageId === stage.id).length;
    await expect(card.locator('.cxs-card-title')).toHaveText(`${stage.name} · Pain points${before ? ` (${before + 1})` : ''}`);
    await app.screenshot({ path: `${SHOTS}/slide-after-edit-1920x1080.png`, animations: 'disabled' });
    // Every card lies inside the slide (a clipped card would be a hidden finding).
    const slideBox = (await presenting.locator('.cxs-slide').boundingBox())!;
    for (const box of await presenting.locator('.cxs-card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right).toBeLessThanOrEqual(slideBox.x + slideBox.width + 0.5);
      expect(box.bottom).toBeLessThanOrEqual(slideBox.y + slideBox.height + 0.5);
    }
    const stored = await call<JourneyMap>(app, 'journeyMap.get', { name: MAP });
    expect(stored.version).toBe(3);
    expect(stored.cards.filter((c) => c.text === NEW_CARD).map((c) => [c.lane, c.stageId, c.evidence])).toEqual([['painPoints', stage.id, 'assumed']]);

    // Leave presentation; the Journeys view's map has the card.
    await app.keyboard.press('Escape');
    await expect(presenting).toHaveCount(0);
    await openMap(app);
    await expect(app.getByText('Saved · version 3')).toBeVisible();
    await expect(app.getByRole('group', { name: cellName, exact: true }).getByRole('article', { name: `Card: ${NEW_CARD}` })).toBeVisible();

    // The exports draw the same slide with their existing block renderers: the HTML (looked at) and the PowerPoint.
    // A seeded map (40+ cards) is exported as pages of at most 8 cards, every card on one of them.
    const html = await call<{ data: string; slides: number }>(app, 'deck.export', { name: 'Workshop deck', format: 'html' });
    expect(html.slides).toBeGreaterThanOrEqual(Math.ceil((seeded.cards.length + 1) / 8));
    expect(html.data).toContain(NEW_CARD);
    for (const c of stored.cards.filter((x) => x.evidence === 'measured' && (x.n ?? 0) >= 10)) expect(html.data).toContain(c.text.replace(/&/g, '&amp;').split('\n')[0].slice(0, 40));
    writeFileSync(`${SHOTS}/deck.html`, html.data);
    const pptx = await call<{ data: string; slides: number }>(app, 'deck.export', { name: 'Workshop deck', format: 'pptx' });
    expect(pptx.slides).toBe(html.slides);
    writeFileSync(`${SHOTS}/deck.pptx`, Buffer.from(pptx.data, 'base64'));
    await app.setContent(html.data);
    await app.screenshot({ path: `${SHOTS}/export-html-1920x1080.png`, fullPage: true });
  });
});
