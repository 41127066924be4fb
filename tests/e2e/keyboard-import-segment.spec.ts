// The keyboard-only journeys of issue 14, in Chromium against the browser host on a fresh workspace: no pointer
// after the page opens — only Tab, Shift+Tab, Enter, typing and Ctrl+Enter. Import a small CSV through the wizard
// (the operating system's file dialog is stood in for by Playwright's file chooser, as in every import test), name
// it, commit; go to Segments; run with Ctrl+Enter; focus lands on the result's heading, the live region says the
// segmentation finished, and the saved segmentation is listed. The number of Tabs from the navigation's Segments
// button to Run segmentation is printed (the issue measured 47 before the feature list was grouped).
// Then, on the demo workspace: NPS run with Ctrl+Enter from the navigation, its first chart read as a table
// (Tab to "Show as table", Space), and the fairness audit run the same way.
// Fixture: 120 customers made here — spend = 20 + 3·(i mod 40), visits = 1 + (i mod 12), tenure = 2 + (i mod 30)
// months — plain numbers, no personal data, so the wizard asks nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';

/** Press `key` until `target` has focus; the number of presses (fails after `max`). */
async function pressUntilFocused(app: Page, target: Locator, key = 'Tab', max = 80): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await app.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return n;
  }
  throw new Error(`${key} × ${max} never reached the target`);
}

test('import a CSV and save a segmentation with the keyboard alone', async ({ app, host }) => {
  test.setTimeout(240_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const file = join(host.dir, 'customers.csv');
  const rows = Array.from({ length: 120 }, (_, i) => `C${1000 + i},${20 + 3 * (i % 40)},${1 + (i % 12)},${2 + (i % 30)}`);
  writeFileSync(file, `customer_id,spend,visits,tenure_months\n${rows.join('\n')}\n`);

  // The skip link first, then on to Import data.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await pressUntilFocused(app, app.getByRole('button', { name: 'Import data' }).first());
  await app.keyboard.press('Enter');
  const wizard = app.getByRole('dialog', { name: /^Import data/ });
  await expect(wizard).toBeVisible();

  const chooser = app.waitForEvent('filechooser');
  await pressUntilFocused(app, wizard.getByRole('button', { name: 'Choose file…' }));
  await app.keyboard.press('Enter');
  await (await chooser).setFiles(file);
  const name = wizard.getByLabel('Dataset name');
  await expect(name).toBeVisible();
  await expectAccessible(app, 'import wizard, review step');
  await pressUntilFocused(app, name);
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type('keyboard customers');
  await pressUntilFocused(app, wizard.getByRole('button', { name: 'Commit import' }));
  await app.keyboard.press('Enter');
  await expect(app.getByRole('article', { name: 'Column spend' })).toBeVisible({ timeout: 60_000 });

  // Back to the navigation (it comes before the main content), Segments, then Ctrl+Enter.
  const segmentsNav = app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Segments', exact: true });
  await pressUntilFocused(app, segmentsNav, 'Shift+Tab');
  await app.keyboard.press('Enter');
  const run = app.getByRole('button', { name: 'Run segmentation' });
  await expect(run).toBeEnabled();
  await expect(run).toHaveAttribute('aria-keyshortcuts', 'Control+Enter');
  await segmentsNav.focus();
  const tabs = await pressUntilFocused(app, run);
  console.log(`Tabs from the navigation's Segments button to Run segmentation: ${tabs}`);
  await pressUntilFocused(app, segmentsNav, 'Shift+Tab', 120);
  await app.keyboard.press('Control+Enter');

  const region = app.getByRole('region', { name: 'Segmentation' });
  const heading = region.getByRole('heading', { level: 2 });
  await expect(heading).toBeVisible({ timeout: 120_000 });
  await expect(heading).toBeFocused();
  await expect(app.getByTestId('announcer')).toContainText('The segmentation finished');
  await expect(app.getByRole('complementary', { name: 'Saved segmentations' }).getByRole('button', { name: /^Open segmentation / })).toHaveCount(1);
});

test.describe('on the demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('NPS read as a table and an audit, with the keyboard alone', async ({ app }) => {
    test.setTimeout(240_000);
    await app.setViewportSize({ width: 1366, height: 768 });
    const navButton = (name: string) => app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

    // NPS: Tab into the navigation, Enter, Ctrl+Enter; the result's heading takes focus.
    await pressUntilFocused(app, navButton('NPS'));
    await app.keyboard.press('Enter');
    const runNps = app.getByRole('complementary', { name: 'NPS set-up' }).getByRole('button', { name: /^Run NPS analysis$/ });
    await expect(runNps).toBeEnabled();
    await app.keyboard.press('Control+Enter');
    const npsRegion = app.getByRole('region', { name: 'NPS', exact: true });
    const heading = npsRegion.getByRole('heading', { level: 2 });
    await expect(heading).toBeFocused({ timeout: 120_000 });
    await expect(app.getByTestId('announcer')).toContainText('NPS analysis finished');

    // From the heading, Tab to the first chart's "Show as table", Space: the numbers as a table.
    const figure = npsRegion.getByRole('figure', { name: 'Answers by score' });
    const toggle = figure.getByRole('switch', { name: 'Show as table' });
    await pressUntilFocused(app, toggle);
    await app.keyboard.press('Space');
    await expect(npsRegion.getByRole('table', { name: 'Answers by score: the numbers' })).toBeVisible();

    // Audit: back to the navigation with Shift+Tab, Enter, Ctrl+Enter.
    await pressUntilFocused(app, navButton('Audit'), 'Shift+Tab', 150);
    await app.keyboard.press('Enter');
    const runAudit = app.getByRole('complementary', { name: 'Audit set-up' }).getByRole('button', { name: /^Run audit$/ });
    await expect(runAudit).toBeEnabled();
    await app.keyboard.press('Control+Enter');
    const auditHeading = app.getByRole('region', { name: 'Audit', exact: true }).getByRole('heading', { level: 2 });
    await expect(auditHeading).toBeFocused({ timeout: 120_000 });
    await expect(app.getByTestId('announcer')).toContainText('audit finished');
  });
});
