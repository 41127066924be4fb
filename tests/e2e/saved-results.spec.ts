// Saved results end to end in Chromium against the browser host, on the demo workspace (seed 42): run NPS, key
// drivers, the audit and journeys from their views; reload the page; each view shows its result again ("Saved as …");
// the workspace-wide Saved results list has all of them, opens one in its own view and re-runs another to
// "Re-ran: identical"; a rename shows in the list and in the activity log, which reads as sentences and exports as
// CSV. Screenshots at 1366 × 768 and 1920 × 1080.
import type { Page } from '@playwright/test';
import { call, expect, shot, test } from './fixtures';

async function nav(app: Page, label: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click();
}

async function runIn(app: Page, setupName: string, label: RegExp): Promise<void> {
  const setup = app.getByRole('complementary', { name: setupName });
  await setup.getByRole('button', { name: label }).click();
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
}

test.describe('saved results on the demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('every run is saved, shown again after a reload, listed, opened, re-run to identical and renamed', async ({ app }) => {
    test.setTimeout(300_000);
    await app.setViewportSize({ width: 1366, height: 768 });

    // A segmentation (through the API: the Segments view has its own run-and-reload test), then NPS, the
    // collection-context check and key drivers (their tabs), the audit and journeys from their views.
    await call(app, 'segment.run', { jobId: 'e2e_saved_seg', params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Saved e2e segments' } });
    await nav(app, 'NPS');
    await runIn(app, 'NPS set-up', /^Run NPS analysis$/);
    const npsMain = app.getByRole('region', { name: 'NPS', exact: true });
    await expect(npsMain.getByText(/^Saved as/)).toContainText('NPS Demo customers');
    await app.getByRole('tab', { name: 'Collection context' }).click();
    await runIn(app, 'Collection context set-up', /^Check the contexts$/);
    await expect(app.getByRole('region', { name: 'Collection context', exact: true }).getByText(/^Saved as/)).toContainText('Context check');
    await app.getByRole('tab', { name: 'Key drivers' }).click();
    await runIn(app, 'Key drivers set-up', /^Find key drivers$/);
    await expect(app.getByRole('region', { name: 'Key drivers', exact: true }).getByText(/^Saved as/)).toContainText('Drivers of nps_score');
    await nav(app, 'Audit');
    await runIn(app, 'Audit set-up', /^Run audit$/);
    await expect(app.getByRole('region', { name: 'Audit', exact: true }).getByText(/^Saved as/)).toBeVisible();
    await nav(app, 'Journeys');
    await runIn(app, 'Journey set-up', /^Run journey analysis$/);
    await expect(app.getByRole('region', { name: 'Journeys', exact: true }).getByText(/^Saved as/)).toContainText('Journeys Demo journey events');
    await shot(app, 'saved-journeys-1366');

    // A reload loses the session, not the results: each view shows its newest saved result again.
    await app.reload();
    await app.waitForSelector('body[data-ready="true"]');
    await nav(app, 'NPS');
    await expect(app.getByRole('region', { name: 'NPS', exact: true }).getByText(/^Saved as/)).toContainText('NPS Demo customers', { timeout: 30_000 });
    await shot(app, 'saved-nps-after-reload-1366');
    await nav(app, 'Audit');
    await expect(app.getByRole('region', { name: 'Audit', exact: true }).getByText(/^Saved as/)).toBeVisible({ timeout: 30_000 });

    // The workspace-wide list: all six kinds, newest first; open the NPS result in its view.
    await nav(app, 'Saved results');
    const table = app.getByRole('table', { name: 'Saved results' });
    await expect(table.getByRole('row')).toHaveCount(7);
    await expect(table.getByRole('row').nth(1)).toContainText('Journey analysis');
    await shot(app, 'saved-results-list-1366');
    await app.setViewportSize({ width: 1920, height: 1080 });
    await shot(app, 'saved-results-list-1920');
    await app.setViewportSize({ width: 1366, height: 768 });
    await table.getByRole('button', { name: /^Open NPS Demo customers/ }).click();
    await expect(app.getByRole('tab', { name: 'NPS', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(app.getByRole('region', { name: 'NPS', exact: true }).getByText(/^Saved as/)).toContainText('NPS Demo customers');

    // Re-run from the view: identical.
    await app.getByRole('region', { name: 'NPS', exact: true }).getByRole('button', { name: 'Re-run', exact: true }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog.getByText('Re-ran: identical')).toBeVisible({ timeout: 60_000 });
    await expect(dialog).toContainText(/Re-ran the NPS “NPS Demo customers.*”: identical\./);
    await shot(app, 'saved-rerun-identical-1366');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Re-run the audit from the list, then rename it there.
    await nav(app, 'Saved results');
    const audit = table.getByRole('row').filter({ hasText: 'Fairness audit' });
    await audit.getByRole('button', { name: /^Actions for/ }).click();
    await app.getByRole('menuitem', { name: 'Re-run and compare' }).click();
    await expect(app.getByRole('dialog').getByText('Re-ran: identical')).toBeVisible({ timeout: 60_000 });
    await app.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await audit.getByRole('button', { name: /^Actions for/ }).click();
    await app.getByRole('menuitem', { name: 'Rename…' }).click();
    await app.getByRole('dialog').getByLabel('New name').fill('Offer audit, December');
    await app.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect(table.getByRole('button', { name: 'Open Offer audit, December' })).toBeVisible();

    // Every other kind: opened from the list in its own view, and re-run from the list to "identical".
    for (const [kind, view, region] of [
      ['Segmentation', 'Segments', 'Segmentation'],
      ['Collection-context check', 'NPS', 'Collection context'],
      ['Key drivers', 'NPS', 'Key drivers'],
      ['Journey analysis', 'Journeys', 'Journeys'],
    ] as const) {
      await nav(app, 'Saved results');
      const row = table.getByRole('row').filter({ hasText: kind });
      await row.getByRole('button', { name: /^Open / }).click();
      await expect(app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(app.getByRole('region', { name: region, exact: true }).getByText(/^Saved (as|in this workspace)/)).toBeVisible({ timeout: 30_000 });
      await nav(app, 'Saved results');
      await row.getByRole('button', { name: /^Actions for/ }).click();
      await app.getByRole('menuitem', { name: 'Re-run and compare' }).click();
      await expect(app.getByRole('dialog').getByText('Re-ran: identical'), kind).toBeVisible({ timeout: 90_000 });
      await app.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    }

    // The activity log reads as sentences and names the rename.
    await app.getByRole('button', { name: /Activity/ }).click();
    const log = app.getByRole('list', { name: 'Activity entries' });
    await expect(log).toContainText('Renamed the fairness audit');
    await expect(log).toContainText('Re-ran the NPS');
    await expect(log).not.toContainText('nps.analyze');
    await shot(app, 'saved-activity-1366');
  });
});
