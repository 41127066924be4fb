// Accessibility end to end (issue 14), in Chromium against the browser host on the demo workspace (seed 42), once in
// the light and once in the dark colour scheme at 1366 × 768. axe-core's WCAG 2.0/2.1 A and AA rules run over every
// view after its default analysis, every dialog and menu the analyst meets on the way, the deck editor and the
// presentation mode; any critical or serious violation fails (tests/e2e/axe.ts). On the way it checks the keyboard
// contract the views promise: the skip link is the first Tab stop and lands in the main content; Ctrl+Enter runs the
// analysis of the view in front; when a run ends the result's heading has focus and the live region says so; Escape
// closes every dialog and menu and focus returns to the control that opened it. No request leaves 127.0.0.1.
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { call, expect, test } from './fixtures';

async function nav(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

/** Once the set-up's Run button is enabled, Ctrl+Enter with focus on `from` (the button unless told); then wait for the set-up to say the results match. */
async function runByShortcut(app: Page, setup: Locator, run: RegExp, from?: Locator): Promise<void> {
  const button = setup.getByRole('button', { name: run });
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await (from ?? button).focus();
  await app.keyboard.press('Control+Enter');
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
}

/** The focused element is a heading inside `region`, and the live region announced the end of the run. */
async function expectResultFocused(app: Page, region: Locator): Promise<void> {
  await expect.poll(() => app.evaluate(() => document.activeElement?.tagName ?? '')).toMatch(/^H[123]$/);
  const focusedInside = await region.evaluate((el) => el.contains(document.activeElement));
  expect(focusedInside, 'focus is inside the results after Run').toBe(true);
  await expect(app.getByTestId('announcer')).toContainText('finished');
}

/** Open with `open`, scan while open, Escape, and check it closed and focus went back to `opener`. */
async function scanPopup(app: Page, label: string, opener: Locator, popup: Locator): Promise<void> {
  await opener.click();
  await expect(popup).toBeVisible();
  await expectAccessible(app, label);
  await app.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expect(opener).toBeFocused();
}

/** Each tab of `tabs` in turn, scanned. */
async function scanTabs(app: Page, view: string, tabs: string[]): Promise<void> {
  for (const name of tabs) {
    await app.getByRole('tab', { name, exact: true }).click();
    await expectAccessible(app, `${view}: ${name}`);
  }
}

async function dismissToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme} scheme`, () => {
    test.use({ hostOptions: { workspace: null }, colorScheme: scheme });

    test(`every view, dialog, menu and the presentation mode pass axe (${scheme})`, async ({ app }) => {
      test.setTimeout(600_000);
      await app.setViewportSize({ width: 1366, height: 768 });
      // A journey map to look at later, seeded through the API from the demo's events (as "Seed from data" does).
      await call(app, 'journeyMap.seed', {
        jobId: `a11y_map_${scheme}`,
        name: 'Demo journeys',
        spec: { dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction' },
      });

      // The skip link is the first Tab stop and moves focus into the main content.
      await app.keyboard.press('Tab');
      const skip = app.getByRole('link', { name: 'Skip to main content' });
      await expect(skip).toBeFocused();
      await app.keyboard.press('Enter');
      expect(await app.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

      // Data: the view, the workspace menu, a dataset's menu, the import wizard, the activity log.
      await expectAccessible(app, 'Data');
      await scanPopup(app, 'workspace menu', app.getByRole('button', { name: /^Workspace menu/ }), app.getByRole('menu'));
      await scanPopup(app, 'dataset menu', app.getByRole('button', { name: 'Actions for Demo customers' }), app.getByRole('menu'));
      await app.getByRole('button', { name: 'Import data' }).first().click();
      await expect(app.getByRole('group', { name: 'Demo workspace' })).toBeVisible();
      await expectAccessible(app, 'import prompt (demo workspace)');
      await app.getByRole('button', { name: 'Import into demo anyway' }).click();
      const wizard = app.getByRole('dialog', { name: 'Import data into the demo workspace' });
      await expect(wizard).toBeVisible();
      await expectAccessible(app, 'import wizard');
      await app.keyboard.press('Escape');
      await expect(wizard).toBeHidden();
      await app.getByRole('tab', { name: 'Data grid' }).click();
      await expect(app.getByRole('grid').first()).toBeVisible();
      await expectAccessible(app, 'Data grid');
      await app.getByRole('tab', { name: 'Columns' }).click();
      await expectAccessible(app, 'Columns');
      await scanPopup(app, 'activity log', app.getByRole('button', { name: 'Activity log' }).first(), app.getByRole('dialog', { name: /Activity/ }));

      // Segments: run with Ctrl+Enter from the set-up; focus lands on the result's heading.
      await nav(app, 'Segments');
      await expect(app.getByRole('button', { name: 'Run segmentation' })).toBeVisible();
      await expectAccessible(app, 'Segments set-up');
      await app.getByRole('button', { name: 'Run segmentation' }).focus();
      await app.keyboard.press('Control+Enter');
      const segRegion = app.getByRole('region', { name: 'Segmentation' });
      await expect(segRegion.getByRole('heading', { level: 2 })).toBeVisible({ timeout: 120_000 });
      await expectResultFocused(app, segRegion);
      await dismissToasts(app);
      await expectAccessible(app, 'Segments result');
      await scanTabs(app, 'Segments', ['Charts', 'Segments']);
      await scanPopup(app, 'score another dataset dialog', app.getByRole('button', { name: 'Score another dataset' }), app.getByRole('dialog', { name: 'Score another dataset' }));
      await app.getByRole('button', { name: 'RFM from transactions' }).click();
      await expect(app.getByRole('heading', { name: /RFM/ }).first()).toBeVisible();
      await expectAccessible(app, 'RFM set-up');

      // Journeys, NPS (three areas), Audit: each run by Ctrl+Enter, scanned after its result.
      await nav(app, 'Journeys');
      const jSetup = app.getByRole('complementary', { name: 'Journey set-up' });
      await runByShortcut(app, jSetup, /^Run journey analysis$/, app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys', exact: true }));
      await expectResultFocused(app, app.getByRole('region', { name: 'Journeys', exact: true }));
      await dismissToasts(app);
      await expectAccessible(app, 'Journeys result');
      await scanTabs(app, 'Journeys', ['Pain points', 'Satisfaction', 'Time', 'Paths', 'Flow']);
      // The journey map canvas (seeded at the start), and its map picker open.
      await app.getByRole('tab', { name: 'Journey map', exact: true }).click();
      const picker = app.getByRole('combobox', { name: 'Journey map' });
      await picker.click();
      await expect(app.getByRole('option', { name: 'Demo journeys' })).toBeVisible();
      await expectAccessible(app, 'journey map picker (open)');
      await app.getByRole('option', { name: 'Demo journeys' }).click();
      await expect(app.getByLabel('Name of stage 1')).toBeVisible();
      await expectAccessible(app, 'Journey map canvas');
      await app.getByRole('tab', { name: 'Journey analytics', exact: true }).click();

      await nav(app, 'NPS');
      const nSetup = app.getByRole('complementary', { name: 'NPS set-up' });
      await runByShortcut(app, nSetup, /^Run NPS analysis$/);
      await expectResultFocused(app, app.getByRole('region', { name: 'NPS', exact: true }));
      await dismissToasts(app);
      await expectAccessible(app, 'NPS result');
      await app.getByRole('tab', { name: 'Key drivers' }).click();
      const dSetup = app.getByRole('complementary', { name: 'Key drivers set-up' });
      await runByShortcut(app, dSetup, /^Find key drivers$/);
      await dismissToasts(app);
      await expectAccessible(app, 'Key drivers result');
      await app.getByRole('tab', { name: 'Collection context' }).click();
      const cSetup = app.getByRole('complementary', { name: 'Collection context set-up' });
      await runByShortcut(app, cSetup, /^Check the contexts$/);
      await dismissToasts(app);
      await expectAccessible(app, 'Collection context result');

      await nav(app, 'Audit');
      const aSetup = app.getByRole('complementary', { name: 'Audit set-up' });
      await runByShortcut(app, aSetup, /^Run audit$/);
      await expectResultFocused(app, app.getByRole('region', { name: 'Audit', exact: true }));
      await dismissToasts(app);
      await expectAccessible(app, 'Audit result');
      await scanTabs(app, 'Audit', ['Disparities', 'Proxies', 'Groups']);

      // Predict: the default model of churned_12m = Yes, every result tab (its dialogs and states: predict-accessibility.spec.ts).
      await nav(app, 'Predict');
      const pSetup = app.getByRole('complementary', { name: 'Predict set-up' });
      await expect(pSetup.getByText('Predicting: churned_12m = Yes', { exact: true })).toBeVisible();
      await expectAccessible(app, 'Predict set-up');
      await runByShortcut(app, pSetup, /^Train model$/);
      await expectResultFocused(app, app.getByRole('region', { name: 'Predict', exact: true }));
      await dismissToasts(app);
      await expectAccessible(app, 'Predict result');
      await scanTabs(app, 'Predict', ['Calibration', 'Lift & gains', 'Explanations', 'Customers', 'Score', 'Fairness', 'Model card', 'Performance']);

      // Saved results: the list, a row's menu, the Add to deck dialog (a new deck with the segment cards).
      await nav(app, 'Saved results');
      const table = app.getByRole('table', { name: 'Saved results' });
      await expect(table.getByRole('row')).toHaveCount(8);
      await expectAccessible(app, 'Saved results');
      const segName = (await call<{ name: string; kind: string }[]>(app, 'results.list', {})).find((r) => r.kind === 'segmentation')!.name;
      await scanPopup(app, 'saved result menu', table.getByRole('button', { name: `Actions for ${segName}` }), app.getByRole('menu'));
      await table.getByRole('button', { name: `Add ${segName} to a deck` }).click();
      const add = app.getByRole('dialog', { name: /^Add “.*” to a deck$/ });
      await expect(add.getByRole('checkbox').first()).toBeVisible();
      await expectAccessible(app, 'Add to deck dialog');
      await add.getByRole('button', { name: /^Add \d+ slides?$/ }).click();
      await expect(add.getByRole('status')).toContainText('Added');
      await add.getByRole('button', { name: 'Done' }).click();

      // Present: the deck list, the editor, the export dialog, the presentation mode.
      await nav(app, 'Present');
      await expect(app.getByRole('list', { name: 'Decks' })).toBeVisible();
      await expectAccessible(app, 'Present: deck list');
      await app.getByRole('button', { name: /^Open deck / }).first().click();
      await expect(app.getByRole('list', { name: 'Slides' })).toBeVisible();
      await expectAccessible(app, 'Present: deck editor');
      await scanPopup(app, 'export dialog', app.getByRole('button', { name: 'Export', exact: true }), app.getByRole('dialog', { name: /^Export “/ }));
      await app.getByRole('main').getByRole('button', { name: 'Present', exact: true }).click();
      const stage = app.getByRole('dialog', { name: /^Presenting “/ });
      await expect(stage).toBeVisible();
      await expectAccessible(app, 'presentation mode');
      await app.keyboard.press('ArrowRight');
      await expectAccessible(app, 'presentation mode, second slide');
      await app.keyboard.press('Escape');
      await expect(stage).toBeHidden();
    });
  });
}

/** Open `popup` from a menu item of `menuButton`, scan it, close it with Escape. */
async function scanFromMenu(app: Page, label: string, menuButton: Locator, item: string | RegExp, popup: Locator): Promise<void> {
  await menuButton.click();
  await app.getByRole('menuitem', { name: item }).click();
  await expect(popup).toBeVisible();
  await expectAccessible(app, label);
  await app.keyboard.press('Escape');
  await expect(popup).toBeHidden();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility of the other dialogs and menus, ${scheme} scheme`, () => {
    test.use({ hostOptions: { workspace: null }, colorScheme: scheme });

    test(`workspace, rename, delete, export, deck, journey-map and keyboard-help dialogs and menus, Compare two and the presenter view pass axe (${scheme})`, async ({ app, context }) => {
      test.setTimeout(400_000);
      await app.setViewportSize({ width: 1366, height: 768 });
      // Results to act on, through the API: a segmentation, an audit, a journey map and a deck with one slide.
      await call(app, 'segment.run', { jobId: `a11y2_seg_${scheme}`, params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Segments A' } });
      await call(app, 'segment.run', { jobId: `a11y2_segb_${scheme}`, params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 4, restarts: 1, name: 'Segments B' } });
      await call(app, 'audit.run', { jobId: `a11y2_aud_${scheme}`, spec: { dataset: 'Demo customers', decision: 'offer_approved', favorable: 'Yes', protected: ['gender'], intersect: false }, save: {} });
      await call(app, 'journeyMap.seed', {
        jobId: `a11y2_map_${scheme}`,
        name: 'Demo journeys',
        spec: { dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction' },
      });
      const results = await call<{ id: number; kind: string; name: string }[]>(app, 'results.list', {});
      await call(app, 'deck.addSlides', { deck: 'Deck A', resultId: results.find((r) => r.kind === 'segmentation')!.id, kinds: ['segmentation.cards'] });
      await app.reload();
      await app.waitForSelector('body[data-ready="true"]');

      // The workspace dialogs.
      const workspaceMenu = app.getByRole('button', { name: /^Workspace menu/ });
      await scanFromMenu(app, 'new workspace dialog', workspaceMenu, 'New workspace…', app.getByRole('dialog', { name: 'New workspace' }));
      await scanFromMenu(app, 'open workspace dialog', workspaceMenu, 'Open…', app.getByRole('dialog', { name: 'Open workspace' }));
      await scanFromMenu(app, 'save-as dialog', workspaceMenu, 'Save as…', app.getByRole('dialog', { name: 'Save workspace as' }));
      await scanFromMenu(app, 'rename dataset dialog', app.getByRole('button', { name: 'Actions for Demo customers' }), 'Rename…', app.getByRole('dialog'));

      // Segments: the delete confirmation.
      await nav(app, 'Segments');
      await scanPopup(app, 'delete segmentation dialog', app.getByRole('button', { name: 'Delete segmentation Segments A' }), app.getByRole('dialog', { name: 'Delete segmentation?' }));
      await app.getByRole('button', { name: 'Compare two' }).click();
      await expect(app.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expectAccessible(app, 'Compare two segmentations');

      // Saved results: rename and delete from a row's menu.
      await nav(app, 'Saved results');
      const table = app.getByRole('table', { name: 'Saved results' });
      const auditName = results.find((r) => r.kind === 'audit')!.name;
      await scanFromMenu(app, 'rename result dialog', table.getByRole('button', { name: `Actions for ${auditName}` }), 'Rename…', app.getByRole('dialog'));
      await scanFromMenu(app, 'delete result dialog', table.getByRole('button', { name: `Actions for ${auditName}` }), 'Delete…', app.getByRole('dialog'));

      // Audit: the export menu.
      await nav(app, 'Audit');
      await scanPopup(app, 'audit export menu', app.getByRole('button', { name: 'Export CSV' }), app.getByRole('menu'));

      // Journeys: the map's dialogs, a card's and a stage's menu, the keyboard help, Add to deck.
      await nav(app, 'Journeys');
      await app.getByRole('tab', { name: 'Journey map', exact: true }).click();
      const picker = app.getByRole('combobox', { name: 'Journey map' });
      if ((await picker.inputValue({ timeout: 20_000 })) !== 'Demo journeys') {
        await picker.click();
        await app.getByRole('option', { name: 'Demo journeys' }).click();
      }
      await expect(app.getByLabel('Name of stage 1')).toBeVisible();
      await scanPopup(app, 'new map dialog', app.getByRole('button', { name: 'New map' }), app.getByRole('dialog'));
      await scanPopup(app, 'rename map dialog', app.getByRole('button', { name: 'Rename', exact: true }), app.getByRole('dialog'));
      await scanPopup(app, 'delete map dialog', app.getByRole('button', { name: 'Delete', exact: true }), app.getByRole('dialog', { name: 'Delete journey map?' }));
      await scanPopup(app, 'card menu', app.getByRole('button', { name: /^Card actions: / }).first(), app.getByRole('menu'));
      await scanPopup(app, 'stage menu', app.getByRole('button', { name: /^Stage actions: / }).first(), app.getByRole('menu'));
      await scanPopup(app, 'keyboard help', app.getByRole('button', { name: 'Keyboard shortcuts' }), app.locator('.cxw-map-keys-pop'));
      await scanPopup(app, 'add map to deck dialog', app.getByRole('button', { name: 'Add to deck' }), app.getByRole('dialog'));

      // Present: a deck's menu and its rename dialog.
      await nav(app, 'Present');
      await scanPopup(app, 'deck menu', app.getByRole('button', { name: 'Actions for deck Deck A' }), app.getByRole('menu'));
      await scanFromMenu(app, 'rename deck dialog', app.getByRole('button', { name: 'Actions for deck Deck A' }), 'Rename…', app.getByRole('dialog'));

      // The presenter view (a second tab on the presenter route).
      await app.getByRole('button', { name: 'Open deck Deck A' }).click();
      const [presenter] = await Promise.all([context.waitForEvent('page'), app.getByRole('button', { name: 'Presenter view' }).click()]);
      await presenter.waitForSelector('body[data-ready="true"]');
      await presenter.setViewportSize({ width: 1366, height: 768 });
      await expect(presenter.getByRole('main', { name: 'Presenter view of “Deck A”' })).toBeVisible();
      await expectAccessible(presenter, 'presenter view');
      await presenter.close();
    });

    test(`the Monitor view's Experiments area passes axe after its run, with the sample-ratio alert and the calculator (${scheme})`, async ({ app }) => {
      test.setTimeout(240_000);
      await app.setViewportSize({ width: 1366, height: 768 });
      await nav(app, 'Monitor');
      await app.getByRole('tab', { name: 'Experiments', exact: true }).click();
      const setup = app.getByRole('complementary', { name: 'Experiment set-up' });
      await expect(setup.getByRole('combobox', { name: /^Control arm/ })).toHaveValue('control');
      await expectAccessible(app, 'Experiments set-up');
      await setup.getByRole('combobox', { name: /^Outcome/ }).selectOption('converted');
      await setup.getByRole('combobox', { name: /^Counts as a success/ }).selectOption('Yes');
      await setup.getByRole('combobox', { name: /^Effects by segment/ }).selectOption('device');
      await runByShortcut(app, setup, /^Run experiment analysis$/);
      await dismissToasts(app);
      await expect(app.getByRole('region', { name: 'Verdict' })).toBeVisible();
      await expectAccessible(app, 'Experiments result');
      await setup.getByRole('textbox', { name: /^Planned split/ }).fill('40,60');
      await runByShortcut(app, setup, /^Run again$/);
      await expect(app.getByRole('alert').filter({ hasText: 'Sample-ratio mismatch' })).toBeVisible();
      await dismissToasts(app);
      await expectAccessible(app, 'Experiments sample-ratio alert');
    });

    test(`the Monitor view's Cohorts area passes axe after its run, split by channel, with a chart's table (${scheme})`, async ({ app }) => {
      test.setTimeout(240_000);
      await app.setViewportSize({ width: 1366, height: 768 });
      await nav(app, 'Monitor');
      await app.getByRole('tab', { name: 'Cohorts', exact: true }).click();
      const setup = app.getByRole('complementary', { name: 'Cohorts set-up' });
      await expect(setup.getByRole('combobox', { name: /^Time of the event/ })).toHaveValue('timestamp');
      await expectAccessible(app, 'Cohorts set-up');
      await setup.getByText('A column', { exact: true }).click();
      await setup.getByRole('combobox', { name: /^Split column/ }).selectOption('channel');
      await runByShortcut(app, setup, /^Build cohorts$/);
      await dismissToasts(app);
      const main = app.getByRole('region', { name: 'Cohorts', exact: true });
      await expect(main.getByRole('figure', { name: 'Retention by channel' })).toBeVisible();
      await expectAccessible(app, 'Cohorts result');
      await main.getByRole('figure').first().getByRole('switch', { name: 'Show as table' }).check();
      await expectAccessible(app, 'Cohorts heatmap table');
    });
  });
}
