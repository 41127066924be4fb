// Journeys end to end in Chromium against the browser host. The Olist derived event log is imported through the
// UI, analysed with order_id as the journey, then with day precision, then with steps grouped into renamed stages;
// the funnel numbers are the ones a direct count of the CSV gives (see EXPECTED). On the demo workspace, the
// journeys are compared by channel. Screenshots of every state; no request leaves 127.0.0.1 (the fixture checks).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { JourneyResult } from '../../shared/journeys';
import type { SegmentationResult } from '../../shared/segments';
import { call, expect, SHARED_DATA, shot, test } from './fixtures';

const OLIST = join(SHARED_DATA, 'olist-sample', 'derived_journey_events.csv');

// Counted straight from the CSV with Python's csv module (one journey per order_id; a journey reaches a stage when
// an event of it follows the previous stage's, events ordered by time — or by date — then stage order, then file
// order); the same figures `cxw journey` prints.
const EXPECTED = {
  journeys: '4,000',
  events: '23,803',
  exact: ['4,000', '3,994', '3,882', '3,840', '3,474', '3,474'],
  day: ['4,000', '3,994', '3,911', '3,869', '3,624', '3,624'],
  // Day precision, carrier + delivery as "Delivery", review submitted + answered as "Review".
  grouped: ['4,000', '3,994', '3,937', '3,905'],
  // Directly-follows pairs going back against the inferred order under exact precision, and repeated steps.
  backEdges: 9,
  repeats: 2,
};

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

async function openJourneys(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Journeys' }).click();
  const setup = app.getByRole('complementary', { name: 'Journey set-up' });
  await expect(setup.getByLabel('Event dataset')).toBeVisible();
  return setup;
}

/** The funnel's bar labels, top to bottom ("4,000 100%" → "4,000"). */
async function funnelCounts(app: Page): Promise<string[]> {
  const funnel = app.getByRole('figure', { name: 'Funnel: journeys reaching each stage in order' });
  await expect(funnel.locator('.main-svg').first()).toBeVisible();
  const texts = await funnel.locator('text.bartext').allTextContents();
  return texts.map((t) => t.trim().split(/\s+/)[0]).filter((t) => /^[\d,]+$/.test(t));
}

async function run(app: Page, setup: Locator): Promise<void> {
  await setup.getByRole('button', { name: /^Run (journey analysis|again)$/ }).click();
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
  await clearToasts(app);
}

test('Olist events: funnel and Sankey from the UI, then day precision, then grouped and renamed stages', async ({ app }) => {
  test.skip(!existsSync(OLIST), `../shared/data is absent (${OLIST}); this test needs the Olist derived journey events`);
  test.setTimeout(240_000);

  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(OLIST);
  await app.getByLabel('Dataset name').fill('olist events');
  await app.getByRole('button', { name: 'Commit import' }).click();
  await expect(app.getByRole('article', { name: 'Column step' })).toBeVisible({ timeout: 60_000 });

  // Set-up pre-filled from the column roles: the first id column, the timestamp, the journey step, the rating.
  const setup = await openJourneys(app);
  await expect(setup.getByLabel('Event dataset')).toHaveValue('olist events');
  await expect(setup.getByLabel('Journey id')).toHaveValue('customer_id');
  await expect(setup.getByRole('combobox', { name: /^Timestamp/ })).toHaveValue('timestamp');
  await expect(setup.getByRole('combobox', { name: /^Step/ })).toHaveValue('step');
  await expect(setup.getByLabel('Satisfaction', { exact: true })).toHaveValue('satisfaction');
  await expect(setup.getByLabel('Channel', { exact: true })).toHaveValue('');
  // An order is the journey here (Olist gives every order its own customer_id, but two of them repeat).
  await setup.getByLabel('Journey id').selectOption('order_id');
  await shot(app, 'journeys-setup');

  await run(app, setup);
  const main = app.getByRole('region', { name: 'Journeys' });
  await expect(main.getByRole('heading', { name: 'Journeys in “olist events”' })).toBeVisible();
  await expect(main.getByText(EXPECTED.journeys, { exact: true }).first()).toBeVisible();
  await expect(main.getByText(EXPECTED.events, { exact: true })).toBeVisible();
  await expect(main.getByText(/Events are ordered by time; events at the same time are ordered by/)).toBeVisible();
  await expect(main.getByLabel('Warnings')).toContainText('review_submitted');
  expect(await funnelCounts(app)).toEqual(EXPECTED.exact);
  const funnel = app.getByRole('figure', { name: 'Funnel: journeys reaching each stage in order' });
  await expect(funnel).toContainText('−112 (2.8%)'); // 3,994 → 3,882
  await expect(funnel).toContainText('no loss'); // review submitted → answered

  const sankey = app.getByRole('figure', { name: 'Transitions between steps' });
  await expect(sankey.locator('.sankey-node').first()).toBeVisible();
  await expect(sankey).toContainText('purchased');
  await expect(sankey.getByText(`${EXPECTED.backEdges} backward transitions against the stage order`, { exact: false })).toBeVisible();
  await expect(sankey.getByText(`${EXPECTED.repeats} repeats of the same step`, { exact: false })).toBeVisible();
  await shot(app, 'journeys-flow');
  await sankey.scrollIntoViewIfNeeded();
  await shot(app, 'journeys-sankey');

  // Every chart exports a PNG (drawn in the page, offered as a download).
  const download = app.waitForEvent('download');
  await funnel.getByRole('button', { name: /^Export PNG of/ }).click();
  expect((await download).suggestedFilename()).toBe('olist-events-funnel.png');

  // Day precision, offered by the warning: review dates (midnight) no longer sort before same-day deliveries.
  await main.getByLabel('Warnings').getByRole('button', { name: 'Compare dates only and run again' }).click();
  await expect.poll(() => funnelCounts(app), { timeout: 120_000 }).toEqual(EXPECTED.day);
  await expect(setup.getByText('The results match this set-up.')).toBeVisible();
  await expect(setup.getByRole('radio', { name: 'Day' })).toBeChecked();
  await expect(setup.getByText(/compare dates only/i)).toBeVisible();
  await expect(main.getByLabel('Warnings')).toHaveCount(0);

  // Stage grouping: delivery joins the carrier hand-over, the answer joins the review; both renamed.
  const editor = setup.getByRole('list', { name: 'Stages in order' });
  await expect(editor.getByRole('listitem')).toHaveCount(6);
  await setup.getByRole('button', { name: 'Step delivered_to_customer: change its stage' }).click();
  await app.getByRole('menuitem', { name: 'Merge into “handed_to_carrier” (above)' }).click();
  await setup.getByLabel('Name of analysis stage 3').fill('Delivery');
  await setup.getByRole('button', { name: 'Step review_answered: change its stage' }).click();
  await app.getByRole('menuitem', { name: 'Merge into “review_submitted” (above)' }).click();
  await setup.getByLabel('Name of analysis stage 4').fill('Review');
  await expect(editor.getByRole('listitem')).toHaveCount(4);
  await expect(setup.getByText('The set-up changed: run again to update the results.')).toBeVisible();
  // Order: move Review above Delivery and back again (the editor follows).
  await setup.getByRole('button', { name: 'Move stage Review up' }).click();
  await expect(setup.getByLabel('Name of analysis stage 3')).toHaveValue('Review');
  await setup.getByRole('button', { name: 'Move stage Review down' }).click();
  await expect(setup.getByLabel('Name of analysis stage 4')).toHaveValue('Review');
  await editor.scrollIntoViewIfNeeded();
  await shot(app, 'journeys-stage-editor');

  await run(app, setup);
  expect(await funnelCounts(app)).toEqual(EXPECTED.grouped);
  await expect(funnel).toContainText('Delivery');
  await expect(funnel).toContainText('−32 (0.8%)'); // 3,937 → 3,905
  await expect(setup.getByText('Your order and grouping.')).toBeVisible();
  await main.getByRole('heading', { name: 'Journeys in “olist events”' }).scrollIntoViewIfNeeded();
  await shot(app, 'journeys-grouped');

  // The other tabs, each with real content.
  await main.getByRole('tab', { name: 'Pain points' }).click();
  await expect(main.getByRole('list', { name: 'Pain points' }).getByRole('listitem').first()).toContainText('Delivery');
  await shot(app, 'journeys-pain-points');
  await main.getByRole('tab', { name: 'Satisfaction' }).click();
  await expect(main.getByRole('figure', { name: 'Satisfaction along the journey' }).locator('.main-svg').first()).toBeVisible();
  await expect(main.getByRole('table', { name: 'Stages' })).toContainText('Review');
  await shot(app, 'journeys-satisfaction');
  await main.getByRole('tab', { name: 'Time' }).click();
  const time = main.getByRole('figure', { name: 'Time between steps' });
  await expect(time.locator('.main-svg').first()).toBeVisible();
  await expect(time).toContainText('median');
  await shot(app, 'journeys-time');
  await main.getByRole('tab', { name: 'Paths' }).click();
  await expect(main.getByRole('table', { name: 'Path variants' }).getByRole('row').nth(1)).toContainText('order_purchased');
  await expect(main.getByRole('table', { name: 'Steps' })).toContainText('delivered_to_customer');
  await shot(app, 'journeys-paths');

  // The set-up and the result survive leaving the view.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Data' }).click();
  await openJourneys(app);
  await expect(setup.getByLabel('Journey id')).toHaveValue('order_id');
  await expect(setup.getByText('The results match this set-up.')).toBeVisible();
  expect(await funnelCounts(app)).toEqual(EXPECTED.grouped);

  // Dark theme, for the projector in a dark room, with the set-up hidden.
  await app.getByRole('button', { name: 'Switch to dark theme' }).click();
  await setup.getByRole('button', { name: 'Hide the set-up' }).click();
  await expect(app.getByRole('complementary', { name: 'Journey set-up', exact: true })).toHaveCount(0);
  await main.getByRole('tab', { name: 'Flow' }).click();
  await expect(funnel.locator('.main-svg').first()).toBeVisible();
  await shot(app, 'journeys-flow-dark');
  await app.getByRole('button', { name: 'Switch to light theme' }).click();
});

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('demo journey events compared by channel', async ({ app }) => {
    test.setTimeout(180_000);
    const setup = await openJourneys(app);
    await expect(setup.getByLabel('Event dataset')).toHaveValue('Demo journey events');
    await expect(setup.getByLabel('Channel', { exact: true })).toHaveValue('channel');
    await expect(setup.getByLabel('Satisfaction', { exact: true })).toHaveValue('satisfaction');
    await setup.getByText('By channel').click();
    await run(app, setup);
    const main = app.getByRole('region', { name: 'Journeys' });
    await expect(main.getByRole('tab', { name: 'Compare', selected: true })).toBeVisible();
    const grouped = main.getByRole('figure', { name: 'Funnel by channel' });
    await expect(grouped.locator('.main-svg').first()).toBeVisible();
    for (const channel of ['web', 'app', 'store']) await expect(grouped.locator('.legend')).toContainText(channel);
    // Phone journeys are support calls only: never in the funnel, so not drawn as bars of 0 but named, with why.
    await expect(grouped.locator('.legend')).not.toContainText('phone');
    await expect(grouped.getByText(/^Not drawn: phone \(\d+ journeys\): none of them has a Visit event/)).toBeVisible();
    const bySat = main.getByRole('figure', { name: 'Satisfaction by channel' });
    await expect(bySat.locator('.main-svg').first()).toBeVisible();
    // The side step is drawn apart per channel, as on the overall curve.
    await expect(bySat.getByText(/Side steps \(Support contact\) are open diamonds, not joined to the line/)).toBeVisible();
    await shot(app, 'journeys-demo-compare');
    // At 1366 × 768 the six result tabs stay on one row (Compare used to wrap onto a second one).
    await app.setViewportSize({ width: 1366, height: 768 });
    const tabTop = async (name: string) => (await main.getByRole('tab', { name }).boundingBox())!.y;
    expect(await tabTop('Compare')).toBe(await tabTop('Flow'));
    await app.setViewportSize({ width: 1440, height: 900 });
    // Channels seen in the run can now filter the next one.
    await setup.getByLabel('Only these channels').click();
    await app.getByRole('option', { name: 'web' }).click();
    await app.keyboard.press('Escape');
    await run(app, setup);
    await expect(main.getByText(/channels web/)).toBeVisible();
    await main.getByRole('tab', { name: 'Satisfaction' }).click();
    await expect(main.getByRole('figure', { name: 'Satisfaction along the journey' }).locator('.main-svg').first()).toBeVisible();
    await shot(app, 'journeys-demo-satisfaction');
  });

  test('demo journey events: Support contact left out of the funnel as a side step at once, undone, then left out again from the hint', async ({ app }) => {
    test.setTimeout(240_000);
    // The figures to expect, straight from journey.analyze with and without the side step (the spec the set-up sends).
    const base = { dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction' };
    const asStage = await call<JourneyResult>(app, 'journey.analyze', { jobId: 'e2e_side_plain', spec: base });
    const asSide = await call<JourneyResult>(app, 'journey.analyze', { jobId: 'e2e_side_off', spec: { ...base, offFunnel: ['Support contact'] } });
    const counts = (r: JourneyResult) => r.funnel.map((f) => f.customers.toLocaleString('en-US'));
    const pct = (r: JourneyResult) => `${(r.funnel[r.funnel.length - 1].conversion * 100).toFixed(1)}%`;
    // As a funnel stage, support collapses the funnel (4.6% reach Review); the analytics suggest leaving it out.
    expect(asStage.suggestedOffFunnel).toEqual(['Support contact']);
    expect(asStage.funnel.map((f) => f.stage)).toContain('Support contact');
    expect(pct(asStage)).toBe('4.6%');
    expect(asSide.funnel.map((f) => f.stage)).not.toContain('Support contact');
    expect(asSide.funnel.length).toBe(asStage.funnel.length - 1);
    const support = asSide.stages.find((s) => s.stage === 'Support contact')!;
    const review = asSide.stages.find((s) => s.stage === 'Review')!;
    expect(support.inFunnel).toBe(false);

    // First run: the suggestion is applied at once, visibly, with Undo.
    const setup = await openJourneys(app);
    await run(app, setup);
    const main = app.getByRole('region', { name: 'Journeys' });
    const autoNote = main.getByLabel('Side steps left out of the funnel');
    await expect(autoNote).toContainText('Support contact left out of the funnel as a side step');
    await expect(autoNote).toContainText(`${support.customers.toLocaleString('en-US')} journeys have it, under 80% of the ${review.customers.toLocaleString('en-US')} that reach Review`);
    await expect(autoNote).toContainText(`${pct(asStage)} would reach the end instead of ${pct(asSide)}`);
    expect(await funnelCounts(app)).toEqual(counts(asSide));
    await expect(main.locator('.cxw-jny-metric').nth(3)).toContainText(pct(asSide));
    const sideList = setup.getByRole('list', { name: 'Side steps' });
    await expect(sideList.getByRole('listitem', { name: 'Side step: Support contact' })).toBeVisible();
    await expect(setup.getByRole('list', { name: 'Stages in order' }).getByRole('listitem')).toHaveCount(asSide.funnel.length);
    await shot(app, 'journeys-demo-side-step-auto');

    // Undo: Support contact is a funnel stage again, the funnel collapses, and the hint offers the one click.
    await autoNote.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => funnelCounts(app), { timeout: 120_000 }).toEqual(counts(asStage));
    await expect(setup.getByText('The results match this set-up.')).toBeVisible();
    await expect(autoNote).toHaveCount(0);
    const hint = main.getByLabel('Side steps suggested');
    await expect(hint).toContainText('Support contact looks like a side step, not a funnel stage');
    await expect(hint).toContainText(`only ${pct(asStage)} reach the end`);
    await expect(setup.getByRole('list', { name: 'Side steps' })).toHaveCount(0);
    await shot(app, 'journeys-demo-side-step-hint');

    await hint.getByRole('button', { name: 'Leave out of the funnel and re-run' }).click();
    await expect.poll(() => funnelCounts(app), { timeout: 120_000 }).toEqual(counts(asSide));
    await expect(setup.getByText('The results match this set-up.')).toBeVisible();
    await expect(hint).toHaveCount(0);
    const funnel = app.getByRole('figure', { name: 'Funnel: journeys reaching each stage in order' });
    await expect(funnel).toContainText('Side steps left out of the funnel: Support contact.');
    expect(await funnel.locator('.ytick text').allTextContents()).not.toContain('Support contact');

    // Pain points rank funnel stages only; the satisfaction curve draws the side step apart.
    await main.getByRole('tab', { name: 'Pain points' }).click();
    const pains = main.getByRole('list', { name: 'Pain points' }).getByRole('listitem');
    await expect(pains).toHaveCount(asSide.painPoints.length);
    expect(asSide.painPoints.map((p) => p.stage)).not.toContain('Support contact');
    await expect(pains.first()).toContainText(asSide.painPoints[0].stage);
    await main.getByRole('tab', { name: 'Satisfaction' }).click();
    const curve = main.getByRole('figure', { name: 'Satisfaction along the journey' });
    await expect(curve.locator('.legend')).toContainText('Side steps (not in the funnel)');
    await expect(curve).toContainText('drawn apart, as open diamonds');
    await expect(main.getByRole('table', { name: 'Stages' }).getByRole('row', { name: /Support contact/ })).toContainText('side step');
    await shot(app, 'journeys-demo-side-step-satisfaction');

    // The set-up's own toggles: back in the funnel (the set-up is then stale), and out again from the stage's menu.
    await setup.getByRole('button', { name: 'Put Support contact back in the funnel' }).click();
    await expect(setup.getByText('The set-up changed: run again to update the results.')).toBeVisible();
    await expect(setup.getByRole('list', { name: 'Stages in order' }).getByRole('listitem')).toHaveCount(asStage.funnel.length);
    await setup.getByRole('button', { name: 'More for stage Support contact' }).click();
    await app.getByRole('menuitem', { name: 'Leave out of the funnel (side step)' }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible();
    await expect(setup.getByRole('list', { name: 'Side steps' }).getByRole('listitem')).toHaveCount(1);
    await setup.getByRole('list', { name: 'Side steps' }).scrollIntoViewIfNeeded();
    await shot(app, 'journeys-demo-side-step-setup');
  });

  test('demo journey events joined with a segmentation: compared by segment, then one segment only', async ({ app }) => {
    test.setTimeout(180_000);
    const seg = await call<SegmentationResult>(app, 'segment.run', {
      jobId: 'e2e_journey_segments',
      params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend', 'orders_12m'], k: 3, restarts: 1, name: 'Journey segments' },
    });
    const setup = await openJourneys(app);
    await setup.getByLabel('Join a saved segmentation').selectOption('Journey segments');
    await setup.getByText('By segment').click();
    await run(app, setup);
    const main = app.getByRole('region', { name: 'Journeys' });
    await expect(main.getByText('joined with “Journey segments”', { exact: false })).toBeVisible();
    await expect(main.getByRole('tab', { name: 'Compare', selected: true })).toBeVisible();
    const grouped = main.getByRole('figure', { name: 'Funnel by segment' });
    await expect(grouped.locator('.main-svg').first()).toBeVisible();
    // One bar group per segment, named as on the Segments view, with its journeys in the legend.
    const legend = (await grouped.locator('.legend .legendtext').allTextContents()).map((t) => t.trim());
    expect(legend.map((t) => t.replace(/ \([\d,]+\)$/, ''))).toEqual(seg.segments.map((c) => c.name));
    await shot(app, 'journeys-demo-segments');

    // Only the second segment: its journeys are the ones the comparison gave it.
    const second = seg.segments[1].name;
    const inCompare = legend.find((t) => t.startsWith(`${second} (`))!.replace(/^.* \(([\d,]+)\)$/, '$1');
    await setup.getByText('No', { exact: true }).click();
    await setup.getByLabel('Only these segments').click();
    await app.getByRole('option', { name: second }).click();
    await app.keyboard.press('Escape');
    await run(app, setup);
    await expect(main.getByText(`segments ${second} of “Journey segments”`, { exact: false })).toBeVisible();
    await expect(main.locator('.cxw-jny-metric').first()).toContainText(inCompare);
  });
});
