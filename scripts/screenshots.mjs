#!/usr/bin/env node
// The README's tour pictures: the app on a fresh demo workspace (synthetic, seed 42) in the browser host, driven by
// Playwright in Debian's Chromium (CHROMIUM_PATH to use another), as the e2e tests do. Needs `npm run build` first.
//
//   npm run screenshots                                      # docs/screenshots/*.png at 1366×768 (the README's)
//   npm run screenshots -- --out /tmp/shots --sizes 1366x768,1920x1080   # look at other sizes
//
// Each picture is the visible window (no full-page stitching), so it shows what an analyst sees on that screen.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, sizes: { type: 'string' } } });
const OUT = values.out ?? join(ROOT, 'docs', 'screenshots');
const SIZES = (values.sizes ?? '1366x768').split(',').map((s) => {
  const m = /^(\d+)x(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`--sizes takes WIDTHxHEIGHT[,…], got "${s}"`);
  return { width: Number(m[1]), height: Number(m[2]) };
});
const LONG = { timeout: 180_000 };

if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
  console.error('The app is not built. Run: npm run build');
  process.exit(2);
}

/** `cxw serve` on a free port with its own state folder, so the demo workspace is built fresh (seed 42). */
async function startHost(stateDir) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'cxw.js'), 'serve', '--port', '0', '--json', '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).url);
    });
    child.on('exit', (code) => reject(new Error(`cxw serve exited ${code}`)));
  });
  return { child, url };
}

async function clearToasts(page) {
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => {});
}

async function save(page, name, size) {
  const suffix = SIZES.length > 1 ? `-${size.width}x${size.height}` : '';
  const path = join(OUT, `${name}${suffix}.png`);
  await clearToasts(page);
  await page.waitForTimeout(400); // charts resize on the next frame after a layout change
  await page.screenshot({ path, animations: 'disabled' });
  const kb = Math.round(statSync(path).size / 1024);
  console.log(`${path}  ${kb} KB${kb > 250 ? '  — over 250 KB: too heavy for the README' : ''}`);
}

const nav = (page, view) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();

async function tour(page, size) {
  console.log(`${size.width}x${size.height}: the tour`);
  // 1. Data: the demo customers' profile — types, roles, personal data hidden, hygiene issues.
  await page.getByRole('button', { name: 'Dataset Demo customers' }).click();
  await page.getByRole('article', { name: 'Column nps_score' }).waitFor();
  await save(page, 'data-profile', size);

  // 2. NPS: the collection-context check flags the inflated in-store surveys.
  await nav(page, 'NPS');
  await page.getByRole('tab', { name: 'Collection context' }).click();
  const ctx = page.getByRole('complementary', { name: 'Collection context set-up' });
  await ctx.getByRole('button', { name: /^(Check the contexts|Run again)$/ }).click();
  await ctx.getByText('The results match this set-up.').waitFor(LONG);
  await save(page, 'nps-context', size);

  // 3. Journeys: the in-order funnel of the demo event log, with the drop-off at each stage. (The segmentation
  // scatter would be the other candidate, but its 3,000 anti-aliased dots make a PNG over 250 KB.)
  await nav(page, 'Journeys');
  const js = page.getByRole('complementary', { name: 'Journey set-up' });
  await js.getByRole('button', { name: /^Run (journey analysis|again)$/ }).click();
  await js.getByText('The results match this set-up.').waitFor(LONG);
  await page.getByRole('tab', { name: 'Flow' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(1000);
  await save(page, 'journeys', size);
}

mkdirSync(OUT, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const size of SIZES) {
    const stateDir = mkdtempSync(join(tmpdir(), 'cxw-shots-'));
    const { child, url } = await startHost(stateDir);
    try {
      const page = await browser.newPage({ viewport: size, deviceScaleFactor: 1, colorScheme: 'light' });
      page.setDefaultTimeout(60_000);
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      await tour(page, size);
      await page.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(stateDir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}
