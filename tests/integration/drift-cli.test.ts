// `cxw drift` on the two demo survey waves (main/workspace/monitor/drift/demo-waves.ts, seed 7: 4,000 answers each,
// drift planted in exactly channel, wait_minutes and contact_reason, and a channel shift web → phone that moves NPS
// through the mix only — per-channel promoter/passive/detractor quotas identical in both waves). The "done when"
// check of issue 16: the built CLI flags exactly those three columns and says the NPS change is mostly mix.
// Expected NPS by hand from the quotas: Q1 = .45·30 + .25·25 + .20·5 + .10·40 = 24.75, Q2 = .20·30 + .25·25 +
// .45·5 + .10·40 = 18.5 (exact counts: the quotas are rounded per channel, so within ±0.1).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftResult } from '../../shared/monitor-drift';
import { generateWaveCsvs, PLANTED_DRIFT } from '../../main/workspace/monitor/drift/demo-waves';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

describe.skipIf(!BUILT)('cxw drift on two planted waves', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-drift-'));
    ws = join(dir, 'w.cxw');
    const [q1, q2] = generateWaveCsvs();
    writeFileSync(join(dir, 'q1.csv'), q1);
    writeFileSync(join(dir, 'q2.csv'), q2);
    // Both waves in one file too, for the period form (dates: Q1 Jan–Mar, Q2 Apr–Jun 2025).
    writeFileSync(join(dir, 'both.csv'), q1 + q2.split('\n').slice(1).join('\n'));
    for (const [file, name] of [
      ['q1.csv', 'q1'],
      ['q2.csv', 'q2'],
      ['both.csv', 'both'],
    ]) {
      const r = cxw(['import', join(dir, file), '--workspace', ws, '--name', name, '--pii', 'email=pseudonymize'], env());
      expect(r.status, r.stderr).toBe(0);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flags exactly the three planted columns and says the NPS change is mostly mix', () => {
    const r = cxwJson<DriftResult>(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--nps', 'nps_score', '--mix', 'channel'], env());
    // The SPEC's keys.
    for (const c of r.columns) for (const k of ['name', 'type', 'test', 'statistic', 'pValue', 'psi', 'distance', 'drifted']) expect(c).toHaveProperty(k);
    expect(r.judgedBy).toBe('distances');
    expect(r.columns.filter((c) => c.drifted).map((c) => c.name).sort()).toEqual([...PLANTED_DRIFT].sort());
    expect(r.drifted).toBe(3);
    expect(r.total).toBe(r.columns.length);
    expect(r.verdict).toMatch(new RegExp(`^3 of ${r.total} columns drifted`));
    // Skipped with reasons: the id, the pseudonymised e-mail, the date.
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.name, s.reason]));
    expect(skipped.response_id).toMatch(/ID-like|identifier/);
    expect(skipped.email).toMatch(/personal data/);
    expect(skipped.survey_date).toMatch(/date/);
    // A new category is named.
    expect(r.columns.find((c) => c.name === 'contact_reason')!.newCategories).toEqual(['Outage']);
    // NPS: raw change ≈ −6.25, all of it mix.
    const n = r.nps!;
    expect(n.reference).toBeCloseTo(24.75, 0);
    expect(n.current).toBeCloseTo(18.5, 0);
    expect(n.change).toBeLessThan(-5);
    expect(Math.abs(n.mixAdjustedChange!)).toBeLessThan(0.5);
    expect(n.mixShare!).toBeGreaterThan(0.9);
    expect(n.verdict).toMatch(/mostly mix/);
    expect(n.changeCi[0]).toBeLessThan(n.change);
    expect(n.changeCi[1]).toBeGreaterThan(n.change);
    expect(n.groups.map((g) => g.group).sort()).toEqual(['app', 'phone', 'store', 'web']);
  });

  it('the period form on one dataset gives the same findings as the two datasets', () => {
    const two = cxwJson<DriftResult>(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--nps', 'nps_score', '--mix', 'channel'], env());
    const period = cxwJson<DriftResult>(
      ['drift', '--workspace', ws, '--dataset', 'both', '--period', 'survey_date', '--reference-range', '2025-01-01..2025-03-31', '--current-range', '2025-04-01..2025-06-30', '--nps', 'nps_score', '--mix', 'channel'],
      env(),
    );
    expect(period.mode).toBe('period');
    expect(period.reference.rows).toBe(4000);
    expect(period.current.rows).toBe(4000);
    const byName = (r: DriftResult) => Object.fromEntries(r.columns.map((c) => [c.name, [c.statistic, c.pValue, c.psi, c.distance, c.drifted]]));
    expect(byName(period)).toEqual(byName(two));
    expect(period.nps!.mixAdjustedChange).toBeCloseTo(two.nps!.mixAdjustedChange!, 10);
  });

  it('thresholds are settable, --columns narrows, and text output reads as a verdict', () => {
    const strict = cxwJson<DriftResult>(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--columns', 'age,channel,nps_score', '--wasserstein', '0.05'], env());
    expect(strict.total).toBe(3);
    expect(strict.thresholds.wasserstein).toBe(0.05);
    // At 0.05 the score's small move through the mix counts too.
    expect(strict.columns.filter((c) => c.drifted).map((c) => c.name).sort()).toEqual(['channel', 'nps_score']);
    const small = cxwJson<DriftResult>(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--small-wave-rows', '5000'], env());
    expect(small.judgedBy).toBe('tests');
    const text = cxw(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--nps', 'nps_score', '--mix', 'channel'], env());
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/3 of \d+ columns drifted/);
    expect(text.stdout).toMatch(/DRIFTED/);
    expect(text.stdout).toMatch(/mostly mix/);
  });

  it('bad input: a clear message naming the flag', () => {
    const mixed = cxw(['drift', '--workspace', ws, '--reference', 'q1', '--dataset', 'both'], env());
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/not both/);
    const noNps = cxw(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--mix', 'channel'], env());
    expect(noNps.stderr).toMatch(/--nps/);
    const empty = cxw(['drift', '--workspace', ws, '--dataset', 'both', '--period', 'survey_date', '--reference-range', '2024-01-01..2024-03-31', '--current-range', '2025-04-01..2025-06-30'], env());
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/reference wave is empty/);
    const overlap = cxw(['drift', '--workspace', ws, '--dataset', 'both', '--period', 'survey_date', '--reference-range', '2025-01-01..2025-04-30', '--current-range', '2025-04-01..2025-06-30'], env());
    expect(overlap.stderr).toMatch(/overlap/);
    const badColumn = cxw(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--columns', 'nope'], env());
    expect(badColumn.stderr).toMatch(/no column "nope"/);
  });

  it('saved, re-run on unchanged data is identical', () => {
    const saved = cxwJson<DriftResult & { saved: { id: number } }>(['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2', '--nps', 'nps_score', '--mix', 'channel', '--save', 'Q1 vs Q2'], env());
    expect(saved.saved.id).toBeGreaterThan(0);
    const rerun = cxwJson<{ identical: boolean }>(['rerun', '--workspace', ws, '--result', 'Q1 vs Q2'], env());
    expect(rerun.identical).toBe(true);
  });
});
