// The 1–10 look (issue 11): a score column with no 0 across at least 200 whole-number answers but both 1 and 10 is
// read, with a warning and a suggested rescale 1–10, never refused. Fixture: tests/fixtures/nps/one-to-ten.csv
// (make_one_to_ten.py; counts per score 1…10: 20, 10, 10, 15, 25, 30, 40, 50, 45, 55 and 4 blanks).
// Hand-computed with rescale 1–10 (1→0, 2→1, 3→2, 4→3, 5→4, 6→6, 7→7, 8→8, 9→9, 10→10): promoters 100, passives 90,
// detractors 110, NPS = 100 × (100 − 110) / 300 = −3.333…
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScores } from '../../../main/analysis/nps/scores';
import { analyzeNps } from '../../../main/analysis/nps/analyze';
import { looksOneToTen } from '../../../renderer/views/nps/scale-check';

const FIXTURE = join(import.meta.dirname, '../../fixtures/nps/one-to-ten.csv');
const src = { dataset: 'reviews', column: 'rating', rowOf: (i: number) => i + 1 };
const ratings = Float64Array.from(
  readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const v = line.split(',')[2];
      return v === '' ? Number.NaN : Number(v);
    }),
);
const repeat = (values: number[], times: number) => Float64Array.from({ length: values.length * times }, (_, i) => values[i % values.length]);

describe('a 1–10 rating read as NPS', () => {
  it('warns about the fixture and suggests rescale 1–10, naming the flag and the app choice', () => {
    expect(ratings.length).toBe(304);
    const r = readScores(ratings, undefined, src);
    expect(r.missing).toBe(4);
    expect(r.suggestedMapping).toEqual({ kind: 'rescale', from: [1, 10] });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('Column "rating" has no 0 across 300 answers while both 1 and 10 occur: it looks like a 1–10 rating');
    expect(r.warnings[0]).toContain('pass --map rescale:1-10 (in the app: "Treat as 1–10")');
  });

  it('with rescale 1–10: no warning, the hand-worked table, NPS −10/3', () => {
    const r = readScores(ratings, { kind: 'rescale', from: [1, 10] }, src);
    expect(r.warnings).toEqual([]);
    expect(r.suggestedMapping).toBeNull();
    expect(r.distribution).toEqual([20, 10, 10, 15, 25, 0, 30, 40, 50, 45, 55]);
    expect(r.mappingNote).toContain('(1→0, 2→1, 3→2, 4→3, 5→4, 6→6, 7→7, 8→8, 9→9, 10→10): promoters are 9–10, passives 7–8, detractors 1–6');
    const a = analyzeNps({ scores: r.scores, distribution: r.distribution, grouping: null, groupWords: 'groups', periods: null, level: 0.95, minN: 30 });
    expect(a.overall).toMatchObject({ n: 300, promoters: 100, passives: 90, detractors: 110 });
    expect(a.overall.nps).toBeCloseTo(-10 / 3, 12);
  });

  it('no warning below 200 answers, with a 0 present, or without a 10', () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(readScores(repeat(oneToTen, 20), undefined, src).warnings).toHaveLength(1); // exactly 200: warned
    expect(readScores(repeat(oneToTen, 20).subarray(1), undefined, src).warnings).toEqual([]); // 199
    expect(readScores(repeat([0, ...oneToTen], 30), undefined, src).warnings).toEqual([]);
    expect(readScores(repeat([1, 2, 3, 4, 5, 6, 7, 8, 9], 30), undefined, src).warnings).toEqual([]);
  });
});

describe('the set-up reads the same look from the column profile', () => {
  const p = (min: number, max: number, missing = 0, type: 'integer' | 'real' = 'integer') => ({ type, min, max, missing });
  it('integer 1–10 with ≥ 200 answers: "Treat as 1–10" is offered; otherwise not', () => {
    expect(looksOneToTen(p(1, 10, 4), 304)).toBe(true);
    expect(looksOneToTen(p(1, 10, 0), 200)).toBe(true);
    expect(looksOneToTen(p(1, 10, 1), 200)).toBe(false); // 199 answers
    expect(looksOneToTen(p(0, 10), 500)).toBe(false);
    expect(looksOneToTen(p(1, 9), 500)).toBe(false);
    expect(looksOneToTen(p(1, 10, 0, 'real'), 500)).toBe(false);
    expect(looksOneToTen(undefined, 500)).toBe(false);
  });
});
