// The journeys issue's end-to-end path in one go on a real log: build a journey from the Olist sample in the UI,
// see the funnel and the Sankey, seed a journey map from it, edit a card, reload: still there; the exported HTML
// opens in a fresh page without a single request. (journeys.spec.ts and journey-map.spec.ts cover each part in
// depth; this is the whole workflow on the real data.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { JourneyMap, JourneyResult } from '../../shared/journeys';
import { call, expect, SHARED_DATA, shot, test } from './fixtures';

const OLIST = join(SHARED_DATA, 'olist-sample', 'derived_journey_events.csv');

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

test('Olist: journey built in the UI, map seeded from it, a card edited, reload: still there; HTML export makes no request', async ({ app, browser }) => {
  test.skip(!existsSync(OLIST), `../shared/data is absent (${OLIST}); this test needs the Olist derived journey events`);
  test.setTimeout(240_000);

  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(OLIST);
  await app.getByLabel('Dataset name').fill('olist events');
  await app.getByRole('button', { name: 'Commit import' }).click();
  await expect(app.getByRole('article', { name: 'Column step' })).toBeVisible({ timeout: 60_000 });

  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys' }).click();
  const setup = app.getByRole('complementary', { name: 'Journey set-up' });
  await setup.getByLabel('Journey id').selectOption('order_id');
  await setup.getByRole('button', { name: /^Run (journey analysis|again)$/ }).click();
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
  await clearToasts(app);
  const main = app.getByRole('region', { name: 'Journeys' });
  const funnel = main.getByRole('figure', { name: 'Funnel: journeys reaching each stage in order' });
  await expect(funnel.locator('.main-svg').first()).toBeVisible();
  await expect(funnel).toContainText('4,000');
  await expect(main.getByRole('figure', { name: 'Transitions between steps' }).locator('.main-svg').first()).toBeVisible();

  // Seed a map from this very analysis.
  await app.getByRole('tab', { name: 'Journey map' }).click();
  await app.getByRole('button', { name: 'Seed from data' }).click();
  const dialog = app.getByRole('dialog', { name: 'Seed a journey map from data' });
  await dialog.getByLabel('Map name').fill('Olist orders');
  await dialog.getByRole('button', { name: 'Seed map' }).click();
  await expect(app.getByText('Saved · version 1')).toBeVisible({ timeout: 120_000 });
  const map = await call<JourneyMap>(app, 'journeyMap.get', { name: 'Olist orders' });
  expect(map.seededFrom?.customer).toBe('order_id');
  const result = await call<JourneyResult>(app, 'journey.analyze', { jobId: 'e2e-olist-map', spec: map.seededFrom });
  const stages = result.funnel.map((f) => f.stage);
  expect(stages[0]).toBe('order_purchased');
  for (const [i, name] of stages.entries()) await expect(app.getByLabel(`Name of stage ${i + 1}`)).toHaveValue(name);
  const touch = app.getByRole('group', { name: `Touchpoints in ${stages[0]}`, exact: true }).getByRole('article').first();
  await expect(touch).toContainText('order_purchased: 4,000 journeys');
  await expect(touch).toContainText('measured · n = 4,000');

  // Edit that card, save, reload: the edit is there, marked as assumed (edited from measured).
  await touch.dblclick();
  const editor = app.getByRole('group', { name: /^Edit card: / });
  await editor.getByLabel('Card text').fill('Order placed on the marketplace');
  await editor.getByLabel('Card text').press('Enter');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved · version 2')).toBeVisible();
  await app.reload();
  await app.waitForSelector('body[data-ready="true"]');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys' }).click();
  await app.getByRole('tab', { name: 'Journey map' }).click();
  await expect(app.getByText('Saved · version 2')).toBeVisible();
  const edited = app.getByRole('group', { name: `Touchpoints in ${stages[0]}`, exact: true }).getByRole('article', { name: 'Card: Order placed on the marketplace' });
  await expect(edited).toContainText('assumed · edited from measured (n = 4,000)');
  await clearToasts(app);
  await shot(app, 'journey-olist-map');

  // The exported page opens in a fresh browser page without any request.
  const [html] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export HTML' }).click()]);
  const page = readFileSync((await html.path())!, 'utf8');
  const viewer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.setContent(page, { waitUntil: 'load' });
  await expect(viewer.getByRole('heading', { name: 'Olist orders' })).toBeVisible();
  await expect(viewer.getByText('Order placed on the marketplace')).toBeVisible();
  expect(requests).toEqual([]);
  await viewer.close();
});
