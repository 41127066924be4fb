// The data grid stays smooth on a million rows: only visible pages are fetched, and the last row is reachable.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { expect, shot, test } from './fixtures';
import { startHost } from './fixtures';

test('scrolls, sorts and filters a 1,000,000-row dataset', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const dir = testInfo.outputPath('big');
  const csv = join(dir, 'million.csv');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(csv);
    out.on('error', reject);
    out.write('row_id,score,group,visited\n');
    let chunk = '';
    for (let i = 1; i <= 1_000_000; i++) {
      chunk += `${i},${(i * 7919) % 1000},${['A', 'B', 'C'][i % 3]},${i % 2 ? 'Yes' : 'No'}\n`;
      if (i % 50_000 === 0) {
        out.write(chunk);
        chunk = '';
      }
    }
    out.end(chunk, () => resolve());
  });
  const ws = join(dir, 'big.cxw');
  const imported = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'cxw.js'), 'import', csv, '--workspace', ws, '--name', 'million', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CXW_STATE_DIR: join(dir, 'state') },
  });
  expect(imported.status, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout).rows).toBe(1_000_000);

  const { host, child } = await startHost(dir, { workspace: ws });
  try {
    await page.goto(host.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('button', { name: 'Dataset million' }).click();
    await page.getByRole('tab', { name: 'Data grid' }).click();
    const grid = page.getByRole('grid', { name: 'Rows of million' });
    await expect(grid).toHaveAttribute('aria-rowcount', '1000001');
    await expect(page.getByTestId('grid-row-count')).toHaveText(/1,000,000 rows/);
    // Jump to the middle and to the end: the rows there load, and the DOM holds only the visible ones.
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect(grid.getByRole('rowheader', { name: '500,001', exact: true })).toBeVisible();
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(grid.getByRole('rowheader', { name: '1,000,000', exact: true })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: '1000000', exact: true })).toBeVisible();
    expect(await grid.getByRole('row').count()).toBeLessThan(120);
    await shot(page, 'grid-million-bottom');
    // Sort descending by score: the first row has the maximum score.
    await grid.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByRole('button', { name: 'Sort by score' }).click();
    await page.getByRole('button', { name: 'Sort by score' }).click();
    await expect(grid.getByRole('columnheader', { name: /score/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(1)).toHaveText('999');
    await shot(page, 'grid-million-sorted');
  } finally {
    child.kill('SIGTERM');
  }
});
