// Playwright fixtures: every test gets its own browser host (`cxw serve`) on a fresh temporary workspace and
// state folder, and every request the page makes is recorded; any request that leaves 127.0.0.1 fails the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export interface Host {
  url: string;
  origin: string;
  dir: string;
  workspace: string | null;
}

export interface HostOptions {
  /** null: no --workspace, so the built-in demo workspace opens. */
  workspace?: string | null;
}

export async function startHost(dir: string, opts: HostOptions = {}): Promise<{ host: Host; child: ChildProcess }> {
  const workspace = opts.workspace === null ? null : (opts.workspace ?? join(dir, 'e2e.cxw'));
  const args = [join(ROOT, 'bin', 'cxw.js'), 'serve', '--port', '0', '--json', '--state-dir', join(dir, 'state')];
  if (workspace) args.push('--workspace', workspace);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`cxw serve exited ${code}: ${err}`)));
  });
  return { host: { url, origin: new URL(url).origin, dir, workspace }, child };
}

export const test = base.extend<{ hostOptions: HostOptions; host: Host; requests: string[]; app: Page }>({
  hostOptions: [{}, { option: true }],
  host: async ({ hostOptions }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cxw-e2e-'));
    const { host, child } = await startHost(dir, hostOptions);
    await use(host);
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    rmSync(dir, { recursive: true, force: true });
  },
  requests: async ({ context, host }, use) => {
    const seen: string[] = [];
    // Record everything; let only our own origin through (a blocked request is still recorded and fails below).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      seen.push(url);
      return url.startsWith(`${host.origin}/`) ? route.continue() : route.abort('blockedbyclient');
    });
    context.on('request', (req) => {
      if (!seen.includes(req.url())) seen.push(req.url());
    });
    await use(seen);
    const foreign = seen.filter((u) => !u.startsWith(`${host.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign, 'requests that left 127.0.0.1').toEqual([]);
  },
  app: async ({ page, host, requests }, use) => {
    void requests;
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    await page.goto(host.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await use(page);
  },
});

/** A handler called straight through the browser host's API (the same transport the app's client uses). */
export async function call<T>(app: Page, name: string, args: unknown): Promise<T> {
  return app.evaluate(
    async ({ name, args }) => {
      const r = await fetch(`/api/${name}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
      const body = (await r.json()) as { ok: boolean; result?: unknown; error?: unknown };
      if (!body.ok) throw new Error(`${name}: ${r.status} ${JSON.stringify(body.error)}`);
      return body.result;
    },
    { name, args },
  ) as Promise<T>;
}

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  // Finished transitions (drawers, modals) so the picture shows the settled screen.
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

/**
 * The projector theme's type sizes on the slide shown in presentation mode (`stage` is the presenting dialog):
 * rendered size = CSS size × the canvas's scale to the screen × the body's shrink-to-fit (data-fit), for the title,
 * the foot and the smallest text in the body. Asserts titles ≥ 40 px, the foot ≥ 24 px and, on a slide that did
 * not have to shrink, no body text under 24 px; logs the figures under `label`.
 */
export async function expectProjectorSizes(stage: Locator, label: string): Promise<void> {
  // The stage scales its 1920 × 1080 canvas to its box after a resize (a ResizeObserver): measure once it has (the
  // canvas fills the box's width or height, whichever binds), not at the previous window size's scale.
  await expect
    .poll(() =>
      stage.locator('.cxs-slide').evaluate((slide) => {
        const box = slide.closest('.cxs-scaled')?.parentElement;
        if (!box) return false;
        const fitted = Math.min(box.clientWidth, (box.clientHeight * 16) / 9);
        return Math.abs(slide.getBoundingClientRect().width - fitted) <= 2;
      }),
    )
    .toBe(true);
  const sizes = await stage.locator('.cxs-slide').evaluate((slide) => {
    const canvas = slide.getBoundingClientRect().width / 1920;
    const fit = Number(slide.querySelector<HTMLElement>('.cxs-body-outer')?.dataset.fit ?? '1');
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize) * canvas;
    const texts = [...slide.querySelectorAll('.cxs-body-outer *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()));
    const bodyMin = texts.reduce((m, el) => Math.min(m, size(el) * fit), Infinity);
    return { title: size(slide.querySelector('.cxs-title')!), foot: size(slide.querySelector('.cxs-foot')!), bodyMin, fit };
  });
  console.log(`${label} at 1920×1080: title ${sizes.title} px, foot ${sizes.foot} px, smallest body text ${sizes.bodyMin.toFixed(1)} px, fit ${sizes.fit}`);
  expect(sizes.title, `${label} title`).toBeGreaterThanOrEqual(40);
  expect(sizes.foot, `${label} foot`).toBeGreaterThanOrEqual(24);
  if (sizes.fit === 1) expect(sizes.bodyMin, `${label} body`).toBeGreaterThanOrEqual(23.9);
}
