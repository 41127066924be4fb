// axe-core (WCAG 2.0/2.1 A and AA rules) over what the page shows now. A critical or serious violation fails the
// test, listed with its rule, the elements and axe's own explanation; moderate and minor ones are logged.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Scan the page (or only `include`, a CSS selector) and fail on any critical or serious violation. */
export async function expectAccessible(page: Page, label: string, include?: string): Promise<void> {
  // Let transitions settle: axe reads computed colours, and a fading dialog is half-transparent.
  await page.waitForTimeout(350);
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const other = violations.filter((v) => !serious.includes(v));
  console.log(`axe ${label}: ${serious.length ? serious.map((v) => `${v.id}(${v.impact})×${v.nodes.length}`).join(' ') : 'no critical or serious violations'}${other.length ? `; also ${other.map((v) => `${v.id}(${v.impact})×${v.nodes.length}`).join(' ')}` : ''}`);
  const report = serious.flatMap((v) =>
    v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`),
  );
  expect(report, `axe: critical/serious violations on ${label}`).toEqual([]);
}
