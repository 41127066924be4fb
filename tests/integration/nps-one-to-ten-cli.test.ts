// `cxw nps` on a 1–10 rating (tests/fixtures/nps/one-to-ten.csv, made by make_one_to_ten.py: 300 answers 1–10 with
// no 0, 4 blanks): without a mapping it runs but warns (under the headline in text, in JSON `warnings`, and
// `suggestedMapping`); with the documented fix --map rescale:1-10 the warning goes and the NPS is the hand-computed
// 100 × (100 promoters − 110 detractors) / 300 = −3.333… (see the generator for the table).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpsResult } from '../../shared/nps';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
const FIXTURE = join(import.meta.dirname, '../fixtures/nps/one-to-ten.csv');

describe.skipIf(!BUILT)('cxw nps on a 1–10 rating', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const base = () => ['nps', '--workspace', ws, '--dataset', 'reviews', '--score', 'rating'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-nps-1-10-'));
    ws = join(dir, 'w.cxw');
    const imported = cxw(['import', FIXTURE, '--workspace', ws, '--name', 'reviews'], env());
    expect(imported.status, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warns in JSON and suggests rescale 1–10', () => {
    const r = cxwJson<NpsResult>(base(), env());
    expect(r.overall.n).toBe(300);
    expect(r.suggestedMapping).toEqual({ kind: 'rescale', from: [1, 10] });
    expect(r.warnings.some((w) => w.startsWith('Column "rating" has no 0 across 300 answers while both 1 and 10 occur: it looks like a 1–10 rating'))).toBe(true);
  });

  it('says it under the headline in text, naming --map rescale:1-10', () => {
    const out = cxw(base(), env());
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[1]).toBe('Check the scale: looks like a 1–10 rating; rerun with --map rescale:1-10 if it is (see the warnings).');
    expect(out.stdout).toContain('pass --map rescale:1-10 (in the app: "Treat as 1–10")');
  });

  it('--map rescale:1-10: no warning, NPS −10/3 as computed by hand', () => {
    const r = cxwJson<NpsResult>([...base(), '--map', 'rescale:1-10'], env());
    expect(r.suggestedMapping).toBeUndefined();
    expect(r.warnings.some((w) => w.includes('looks like a 1–10 rating'))).toBe(false);
    expect(r.overall).toMatchObject({ n: 300, promoters: 100, passives: 90, detractors: 110 });
    expect(r.overall.nps).toBeCloseTo(-10 / 3, 10);
    expect(r.distribution.map((d) => d.count)).toEqual([20, 10, 10, 15, 25, 0, 30, 40, 50, 45, 55]);
    expect(r.mappingNote).toContain('This is a net score on the original scale, not a 0–10 NPS.');
  });
});
