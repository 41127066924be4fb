// Fairness audit end to end in Chromium against the browser host, on the demo workspace's customers (whose
// offer_approved carries a planted penalty for women and the 18-24 band, and whose risk_score over-states seniors'
// churn). First offer_approved ("Yes" favourable, assistive) by gender and age_band with their intersections: the
// group tables show exactly the counts a direct recount of the rows gives, and every group the audit.run handler
// reports; the disparity chart draws; the verdicts name the 18-24 band and women. Then risk_score ≥ 0.3 as a
// punitive decision against churned_12m: error rates, the calibration chart, the CSV export. Screenshots of every
// state; no request leaves 127.0.0.1 (the fixture checks).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { AuditGroup, AuditResult, AuditSpec } from '../../shared/audit';
import type { RowPage } from '../../shared/domain';
import { call, expect, shot, test } from './fixtures';

const DATASET = 'Demo customers';

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

/** Every row of the demo customers through dataset.rows (booleans arrive as 1/0), as objects by column name. */
async function allRows(app: Page): Promise<Record<string, string | number | null>[]> {
  const out: Record<string, string | number | null>[] = [];
  for (let offset = 0; ; offset += 2000) {
    const page = await call<RowPage>(app, 'dataset.rows', { dataset: DATASET, offset, limit: 2000 });
    for (const row of page.rows) out.push(Object.fromEntries(page.columns.map((c, i) => [c, row[i]])));
    if (offset + 2000 >= page.total) return out;
  }
}

/** n and positives per group, counted the plain way. */
function recount(rows: Record<string, string | number | null>[], key: (r: Record<string, string | number | null>) => string, positive: (r: Record<string, string | number | null>) => boolean) {
  const out = new Map<string, { n: number; k: number }>();
  for (const r of rows) {
    const g = key(r);
    const c = out.get(g) ?? { n: 0, k: 0 };
    c.n++;
    if (positive(r)) c.k++;
    out.set(g, c);
  }
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-US');
/** The view's percentage: always one decimal. */
const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

async function openAudit(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Audit/ }).click();
  const setup = app.getByRole('complementary', { name: 'Audit set-up' });
  await expect(setup.getByLabel('Dataset')).toBeVisible();
  return setup;
}

async function run(app: Page, setup: Locator): Promise<void> {
  await setup.getByRole('button', { name: /^Run (audit|again)$/ }).click();
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
  await clearToasts(app);
}

/** The row of one group in a group table: its n cell and the selection-rate cell's text. */
function groupRow(table: Locator, group: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( reference)?( small group)?$`) }) });
}

/** What the table shows for a group: n and one rate cell's value and counts, in the order the rates are listed. */
async function expectGroup(table: Locator, g: Pick<AuditGroup, 'group' | 'n'>, k: number): Promise<void> {
  const row = groupRow(table, g.group);
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(0).locator('.cxw-aud-rate-value')).toHaveText(fmt(g.n));
  // The selection rate is the first rate column: the value, then "k / n", then its interval.
  const selection = cells.nth(1).locator('div');
  await expect(selection.nth(0)).toHaveText(pct(k / g.n));
  await expect(selection.nth(1)).toHaveText(`${fmt(k)} / ${fmt(g.n)}`);
}

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('offer_approved by gender and age band with intersections: exact counts, disparity chart, verdicts naming 18-24 and women', async ({ app }) => {
    test.setTimeout(240_000);
    const setup = await openAudit(app);

    // Pre-filled from the column roles: the decision and its "Yes", the protected attributes (age left out: its band
    // is protected too) and no label: churned_12m is no ground truth for an offer.
    await expect(setup.getByLabel('Dataset')).toHaveValue(DATASET);
    await expect(setup.getByLabel('Decision column')).toHaveValue('offer_approved');
    await expect(setup.getByLabel('Favourable value')).toHaveValue('Yes');
    await expect(setup.getByLabel('Positive decision')).toHaveText('Positive decision: offer_approved = “Yes” — the benefit.');
    await expect(setup.getByRole('combobox', { name: 'Protected attributes' })).toBeVisible();
    const prot = setup.locator('.mantine-MultiSelect-pill');
    await expect(prot).toHaveText(['gender', 'age_band', 'senior_citizen']);
    await expect(setup.getByLabel('Label (ground truth, optional)')).toHaveValue('');
    // senior_citizen out; intersections on.
    await prot.filter({ hasText: 'senior_citizen' }).locator('button').click();
    await expect(prot).toHaveText(['gender', 'age_band']);
    const intersections = setup.getByRole('switch', { name: /^Also audit intersections/ });
    await intersections.check();
    await expect(intersections).toBeChecked();
    await shot(app, 'audit-setup');

    await run(app, setup);
    const main = app.getByRole('region', { name: 'Audit' });
    await expect(main.getByRole('heading', { name: 'Fairness audit of offer_approved in “Demo customers”' })).toBeVisible();
    await shot(app, 'audit-summary');

    // The handler's own result for the same spec, fetched through the host's API.
    const spec: AuditSpec = { dataset: DATASET, decision: 'offer_approved', favorable: 'Yes', protected: ['gender', 'age_band'], intersect: true };
    const result = await call<AuditResult>(app, 'audit.run', { jobId: 'e2e_audit_offer', spec });
    expect(result.rows).toBe(3000);

    // A plain recount of the rows: n and approvals per gender, age band and their combination.
    const rows = await allRows(app);
    expect(rows).toHaveLength(3000);
    const approved = (r: Record<string, string | number | null>) => r.offer_approved === 1;
    const byGender = recount(rows, (r) => String(r.gender), approved);
    const byAge = recount(rows, (r) => String(r.age_band), approved);
    const byBoth = recount(rows, (r) => `${r.gender} × ${r.age_band}`, approved);
    // The planted effect, as the demo's header states it: women 41% approved vs men 48%; 18-24 21% vs 35-44 59%.
    expect(pct(byGender.get('Female')!.k / byGender.get('Female')!.n)).toBe('41.2%');
    expect(pct(byGender.get('Male')!.k / byGender.get('Male')!.n)).toBe('48.1%');
    expect(pct(byAge.get('18-24')!.k / byAge.get('18-24')!.n)).toBe('20.7%');
    expect(pct(byAge.get('35-44')!.k / byAge.get('35-44')!.n)).toBe('58.5%');

    const tables: [string, Map<string, { n: number; k: number }>][] = [
      ['gender', byGender],
      ['age_band', byAge],
      ['gender × age_band', byBoth],
    ];
    for (const [attribute, counts] of tables) {
      const table = main.getByRole('table', { name: `Groups by ${attribute}`, exact: true });
      const reported = result.groups.filter((g) => g.attribute === attribute);
      // The same groups as the recount (intersections that occur), with the same counts as the handler.
      expect(new Set(reported.map((g) => g.group))).toEqual(new Set(counts.keys()));
      await expect(table.getByRole('rowheader')).toHaveCount(counts.size);
      for (const g of reported) {
        const c = counts.get(g.group)!;
        expect([g.n, g.selectionRate.numerator]).toEqual([c.n, c.k]);
        await expectGroup(table, g, c.k);
      }
    }
    // The reference group is the largest, and it is marked; small intersections are marked too.
    await expect(groupRow(main.getByRole('table', { name: 'Groups by gender', exact: true }), 'Female').getByText('reference')).toBeVisible();
    const thin = groupRow(main.getByRole('table', { name: 'Groups by gender × age_band' }), 'Non-binary × 55-64');
    await expect(thin.getByText('small group')).toBeVisible();
    // Its rates rest on fewer than 30 people: greyed, interval kept, marked "too few".
    const thinRate = thin.getByRole('cell').nth(1);
    await expect(thinRate).toHaveAttribute('data-unreliable', 'true');
    await expect(thinRate).toContainText('too few');
    await expect(thinRate).toContainText('–');
    await main.getByRole('table', { name: 'Groups by gender', exact: true }).scrollIntoViewIfNeeded();
    await shot(app, 'audit-groups');

    // The verdicts and the summary name the planted effects.
    const verdicts = main.getByRole('region', { name: 'Verdicts' });
    const parity = verdicts.getByRole('article', { name: /^Verdict: Demographic parity/ });
    await expect(parity).toContainText('Fails');
    // One line each: the widest gap names 18-24; the details (collapsed) list the three largest gaps, then all.
    await expect(parity).toContainText('18-24');
    await expect(parity.getByRole('table')).toHaveCount(0);
    await parity.getByRole('button', { name: /^Fails Demographic parity/, expanded: false }).click();
    const gaps = parity.getByRole('table', { name: /^Largest gaps: Demographic parity/ });
    await expect(gaps.getByRole('rowheader')).toHaveCount(3);
    await expect(gaps.getByRole('rowheader').first()).toContainText('18-24');
    await parity.getByRole('button', { name: /^Show all \d+ gaps$/ }).click();
    await expect(parity).toContainText('Female × 18-24');
    await expect(main.getByRole('region', { name: 'Executive summary' })).toContainText('18-24');
    // One widest gap per run: the summary states the one the verdict line names (issue 11).
    const line = (await parity.locator('.cxw-aud-verdict-finding').textContent()) ?? '';
    const widest = /widest: (.*?\(ratio [\d.]+\))/.exec(line)?.[1];
    expect(widest, 'the parity line names the widest gap').toBeDefined();
    await expect(main.getByRole('region', { name: 'Executive summary' })).toContainText(`The widest gap in selection rates: ${widest!}.`);
    await parity.scrollIntoViewIfNeeded();
    await shot(app, 'audit-verdicts');

    // Disparities: the chart of selection-rate ratios with the band, the Fairlearn summary, the table.
    await main.getByRole('tab', { name: 'Disparities' }).click();
    const chart = main.getByRole('figure', { name: 'Disparity: Selection rate against the reference group' });
    await expect(chart.locator('.main-svg').first()).toBeVisible();
    // One attribute at a time, the first by default.
    const attributePick = main.getByRole('combobox', { name: 'Attribute', exact: true });
    await expect(attributePick).toHaveValue('gender');
    await expect(chart).not.toContainText('18-24');
    await attributePick.selectOption('gender × age_band');
    await expect(chart).toContainText('Female × 18-24');
    const summary = main.getByRole('table', { name: 'Fairlearn summary' });
    const dp = result.summary.byAttribute.find((s) => s.attribute === 'age_band')!;
    await expect(summary.getByRole('row').filter({ hasText: 'age_band' }).first()).toContainText(dp.demographicParityRatio.toFixed(3));
    await chart.scrollIntoViewIfNeeded();
    await shot(app, 'audit-disparity-chart');
    // Each chart exports a PNG (drawn in the page, offered as a download).
    const [png] = await Promise.all([app.waitForEvent('download'), chart.getByRole('button', { name: /^Export PNG of/ }).click()]);
    expect(png.suggestedFilename()).toBe('Demo-customers-Selection-rate-disparity.png');
    // Dark theme, for a projector in a dark room.
    await app.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(chart.locator('.main-svg').first()).toBeVisible();
    await shot(app, 'audit-disparity-dark');
    await app.getByRole('button', { name: 'Switch to light theme' }).click();
    await attributePick.selectOption('age_band');
    await expect(chart).toContainText('18-24');
    await expect(chart).not.toContainText('Female × 18-24');
    await shot(app, 'audit-disparity-age');

    // Proxies: the heatmap and the explanations.
    await main.getByRole('tab', { name: 'Proxies' }).click();
    const heatmap = main.getByRole('figure', { name: /^Proxies/ });
    await expect(heatmap.locator('.main-svg').first()).toBeVisible();
    await expect(main.getByRole('list', { name: 'Flagged proxies' })).toContainText('age_band');
    await heatmap.scrollIntoViewIfNeeded();
    await shot(app, 'audit-proxies');

    // After a run the set-up knows the groups: choose Male as the reference and enter population shares.
    await setup.getByLabel('Reference group: gender', { exact: true }).selectOption('Male');
    await setup.getByRole('switch', { name: /^Representation check/ }).check();
    const shares = setup.getByRole('table', { name: 'Population shares for gender' });
    for (const [group, share] of [
      ['Female', '51'],
      ['Male', '48'],
      ['Non-binary', '1'],
    ]) {
      await shares.getByLabel(`Population share of ${group} (gender), percent`).fill(share);
    }
    await expect(shares.getByRole('row').last()).toContainText('100%');
    await expect(setup.getByText('The set-up changed: run again to update the results.')).toBeVisible();
    await shares.scrollIntoViewIfNeeded();
    await shot(app, 'audit-setup-population');
    await run(app, setup);

    await main.getByRole('tab', { name: 'Groups' }).click();
    const gender = main.getByRole('table', { name: 'Groups by gender', exact: true });
    await expect(groupRow(gender, 'Male').getByText('reference')).toBeVisible();
    await expect(groupRow(gender, 'Female').getByText('reference')).toHaveCount(0);
    // Representation: 1,465 of 3,000 women is 48.8% against 51% entered (−2.2 points), with the test sentence.
    await main.getByRole('tab', { name: 'Representation' }).click();
    const representation = main.getByRole('table', { name: 'Representation of gender' });
    const women = representation.getByRole('row').filter({ has: app.getByRole('rowheader', { name: 'Female', exact: true }) });
    await expect(women.getByRole('cell')).toHaveText(['1,465', '48.8%', '51.0%', '−2.2 pp']);
    await expect(main.getByText(/^gender: .*χ²/)).toBeVisible();
    await shot(app, 'audit-representation');
  });

  test('risk_score ≥ 0.3 as a punitive decision against churned_12m: error rates, calibration, CSV export', async ({ app }) => {
    test.setTimeout(240_000);
    const setup = await openAudit(app);
    await setup.getByText('Score + threshold').click();
    await expect(setup.getByLabel('Score column')).toHaveValue('risk_score');
    await setup.getByRole('textbox', { name: 'Threshold' }).fill('0.3');
    await setup.getByText('Punitive', { exact: true }).click();
    await expect(setup.getByLabel('Label (ground truth, optional)')).toHaveValue('churned_12m');
    await expect(setup.getByLabel('Positive decision')).toHaveText('Positive decision: risk_score ≥ 0.3 — the sanction (punitive).');
    // The live share of positives is a plain count of the column.
    const rows = await allRows(app);
    const flagged = rows.filter((r) => typeof r.risk_score === 'number' && r.risk_score >= 0.3).length;
    await expect(setup.getByText(`of scored rows would be positive (${fmt(flagged)} of 3,000).`)).toBeVisible();
    await shot(app, 'audit-score-setup');

    await run(app, setup);
    const main = app.getByRole('region', { name: 'Audit' });
    await expect(main.getByRole('heading', { name: 'Fairness audit of risk_score ≥ 0.3 in “Demo customers”' })).toBeVisible();

    // Error rates for senior citizens against a plain recount of the confusion matrix.
    const seniors = main.getByRole('table', { name: 'Groups by senior_citizen' });
    for (const group of ['Yes', 'No']) {
      const mine = rows.filter((r) => (r.senior_citizen === 1 ? 'Yes' : 'No') === group);
      const neg = mine.filter((r) => r.churned_12m === 0);
      const fp = neg.filter((r) => (r.risk_score as number) >= 0.3).length;
      const row = groupRow(seniors, group);
      // Columns: n, selection, base rate, TPR, FPR…
      await expect(row.getByRole('cell').nth(4).locator('div').nth(1)).toHaveText(`${fmt(fp)} / ${fmt(neg.length)}`);
    }
    await seniors.scrollIntoViewIfNeeded();
    await shot(app, 'audit-score-groups');
    // For the projector: the set-up hidden, the results get the whole width.
    await setup.getByRole('button', { name: 'Hide the set-up' }).click();
    await expect(app.getByRole('complementary', { name: 'Audit set-up', exact: true })).toHaveCount(0);
    await main.getByRole('table', { name: 'Groups by age_band' }).scrollIntoViewIfNeeded();
    await shot(app, 'audit-score-groups-wide');
    await app.getByRole('button', { name: 'Show the set-up' }).click();

    // The disparity chart shows the metric that matters for a punitive decision first: false positives.
    await main.getByRole('tab', { name: 'Disparities' }).click();
    const fprChart = main.getByRole('figure', { name: 'Disparity: False positive rate against the reference group' });
    await expect(fprChart.locator('.main-svg').first()).toBeVisible();
    // One attribute at a time (gender first); the table follows the choice.
    await main.getByRole('combobox', { name: 'Attribute', exact: true }).selectOption('senior_citizen');
    await expect(main.getByRole('table', { name: 'Disparities in False positive rate' })).toContainText('senior_citizen');
    await fprChart.scrollIntoViewIfNeeded();
    await shot(app, 'audit-score-disparities');

    // Calibration by senior_citizen: seniors' line below the diagonal (the score over-states their churn).
    await main.getByRole('tab', { name: 'Calibration' }).click();
    const calibration = main.getByRole('figure', { name: /^Calibration by / });
    await calibration.getByLabel('Calibration attribute').selectOption('senior_citizen');
    await expect(main.getByRole('figure', { name: 'Calibration by senior_citizen' }).locator('.main-svg').first()).toBeVisible();
    await expect(main.getByRole('figure', { name: 'Calibration by senior_citizen' }).locator('.legend')).toContainText('Perfect calibration');
    await main.getByRole('figure', { name: 'Calibration by senior_citizen' }).scrollIntoViewIfNeeded();
    await shot(app, 'audit-calibration');

    // The CSV export, long form (for tools): the documented header, and the seniors' FPR row with the recounted numbers.
    await main.getByRole('button', { name: 'Export CSV' }).click();
    const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('menuitem', { name: /^Long form \(for tools\)/ }).click()]);
    expect(download.suggestedFilename()).toBe('Demo customers – risk_score – fairness audit long form.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\n');
    expect(csv[0]).toBe('section,attribute,group,reference,metric,n,value,ci_low,ci_high,numerator,denominator,difference,ratio,test,p_value,p_adjusted,flag,note,reliable');
    const seniorsYes = rows.filter((r) => r.senior_citizen === 1);
    const negYes = seniorsYes.filter((r) => r.churned_12m === 0);
    const fpYes = negYes.filter((r) => (r.risk_score as number) >= 0.3).length;
    const line = csv.find((l) => l.startsWith(`group,senior_citizen,Yes,,fpr,${seniorsYes.length},`));
    expect(line, 'the seniors’ FPR row').toBeDefined();
    expect(line!.split(',').slice(9, 11)).toEqual([String(fpYes), String(negYes.length)]);
    expect(csv.some((l) => l.startsWith('disparity,senior_citizen,Yes,No,fpr,'))).toBe(true);
    // …and the groups table for people: one row per group, the seniors' FPR as a percentage with one decimal.
    await main.getByRole('button', { name: 'Export CSV' }).click();
    const [wide] = await Promise.all([app.waitForEvent('download'), app.getByRole('menuitem', { name: /^Groups table \(for people\)/ }).click()]);
    expect(wide.suggestedFilename()).toBe('Demo customers – risk_score – fairness audit groups.csv');
    const people = readFileSync((await wide.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    const head = people[0].split(',');
    expect(head.slice(0, 5)).toEqual(['Attribute', 'Group', 'Reference group', 'People', 'Share of people']);
    const seniorsRow = people.find((l) => l.startsWith('senior_citizen,Yes,No,'))!.split(',');
    expect(seniorsRow[head.indexOf('FPR')]).toBe(pct(fpYes / negYes.length));
    expect(head).toContain('FPR 95% CI low');
    expect(people.join('\n')).not.toMatch(/(^|,)(true|false)(,|$)/m);

    // A stricter threshold with intersections: 14 non-binary 18-24s, none flagged, so their PPV is undefined — and
    // the table says so, with the reason, instead of 0%.
    await setup.getByRole('textbox', { name: 'Threshold' }).fill('0.8');
    await setup.getByRole('switch', { name: /^Also audit intersections/ }).check();
    await run(app, setup);
    await main.getByRole('tab', { name: 'Groups' }).click();
    const crossed = main.getByRole('table', { name: 'Groups by gender × age_band', exact: true });
    const young = groupRow(crossed, 'Non-binary × 18-24');
    // Columns: n, selection, base rate, TPR, FPR, FNR, PPV.
    await expect(young.getByRole('cell').nth(1).locator('div').nth(1)).toHaveText('0 / 14');
    const ppv = young.getByRole('cell').nth(6);
    await expect(ppv.locator('div').nth(0)).toHaveText('undefined');
    await expect(ppv).toContainText('no positive predictions');
    await young.scrollIntoViewIfNeeded();
    await shot(app, 'audit-undefined-rate');
  });
});
