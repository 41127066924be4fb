// Reading a score column: 0–10 whole numbers pass; anything else is refused with the column, row, value and how
// to map it; mappings (round, rescale) only when asked, with the hand-worked 1–5 → 0–10 table.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { readScores } from '../../../main/analysis/nps/scores';

const src = { dataset: 'survey', column: 'ltr', rowOf: (i: number) => i + 1 };
const f64 = (xs: number[]) => Float64Array.from(xs);

function refusal(values: number[], mapping?: Parameters<typeof readScores>[1]): AppError {
  try {
    readScores(f64(values), mapping, src);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('readScores without a mapping', () => {
  it('keeps whole numbers 0–10, counts the missing and tallies 0…10', () => {
    const r = readScores(f64([10, 9, NaN, 0, 7, 7, NaN, 6]), undefined, src);
    expect(Array.from(r.scores)).toEqual([10, 9, -1, 0, 7, 7, -1, 6]);
    expect(r.missing).toBe(2);
    expect(r.distribution).toEqual([1, 0, 0, 0, 0, 0, 1, 2, 0, 1, 1]);
    expect(r.mappingNote).toBeNull();
  });

  it('refuses a non-integer naming the column, the first row and value, and suggests rounding', () => {
    const e = refusal([9, 8, 7.5, 6.25]);
    expect(e.code).toBe('BAD_ARGUMENTS');
    expect(e.message).toBe(
      'Column "ltr" of dataset "survey" is not a 0–10 recommend score: data row 3 holds 7.5. NPS needs whole numbers 0–10; values 6.25–9 found, not all whole numbers: pass --map round to round them half up to whole points, if that is what they mean.',
    );
    expect(e.details).toMatchObject({ columnName: 'ltr', row: 3 });
  });

  it('refuses values above 10 and suggests the scale they look like', () => {
    const e = refusal([20, 35, 100, 0]);
    expect(e.message).toContain('data row 1 holds 20');
    expect(e.message).toContain('values 0–100 found: pass --map rescale:0-100 if this is a 0–100 rating');
    expect(refusal([-1, 5]).message).toContain('data row 1 holds -1');
  });

  it('refuses a 1–5 rating of 20 or more answers, and says how to map it or confirm 0–10', () => {
    const values = Array.from({ length: 20 }, (_, i) => 1 + (i % 5));
    const e = refusal(values);
    expect(e.message).toBe(
      'Column "ltr" of dataset "survey" holds only values 1–5 across 20 answers: that looks like a 1–5 rating, not a 0–10 likelihood to recommend, and read as NPS every answer would be a detractor. Pass --map rescale:1-5 if this is a 1–5 rating, or --map rescale:0-10 if these really are 0–10 answers.',
    );
    // Below 20 answers a low batch is believable as NPS and is kept.
    expect(readScores(f64(values.slice(0, 19)), undefined, src).distribution.slice(0, 6)).toEqual([0, 4, 4, 4, 4, 3]);
    // Confirming the 0–10 scale keeps the values.
    const kept = readScores(f64(values), { kind: 'rescale', from: [0, 10] }, src);
    expect(Array.from(kept.scores)).toEqual(values);
    expect(kept.mappingNote).toContain('as given');
  });
});

describe('readScores with a mapping', () => {
  it('rescale 1–5: 1→0, 2→3 (2.5 rounded up), 3→5, 4→8 (7.5 up), 5→10', () => {
    const r = readScores(f64([1, 2, 3, 4, 5, NaN, 5]), { kind: 'rescale', from: [1, 5] }, src);
    expect(Array.from(r.scores)).toEqual([0, 3, 5, 8, 10, -1, 10]);
    expect(r.mappingNote).toBe(
      'Scores on 1–5 were mapped linearly onto 0–10 and rounded half up (1→0, 2→3, 3→5, 4→8, 5→10): promoters are 5, passives 4, detractors 1–3. This is a net score on the original scale, not a 0–10 NPS.',
    );
  });

  it('rescale 0–100: 85 → 8.5 → 9, 84 → 8', () => {
    const r = readScores(f64([85, 84, 0, 100]), { kind: 'rescale', from: [0, 100] }, src);
    expect(Array.from(r.scores)).toEqual([9, 8, 0, 10]);
  });

  it('rescale refuses values outside the stated scale', () => {
    const e = refusal([1, 2, 6], { kind: 'rescale', from: [1, 5] });
    expect(e.message).toBe('Column "ltr" of dataset "survey": data row 3 holds 6, outside the scale 1–5 given to rescale (values 1–6 found).');
  });

  it('round: half up, and counts what changed', () => {
    const r = readScores(f64([8.5, 6.49, 9, 0.5]), { kind: 'round' }, src);
    expect(Array.from(r.scores)).toEqual([9, 6, 9, 1]);
    expect(r.mappingNote).toBe('3 scores that were not whole points were rounded half up (8.5 → 9).');
    expect(refusal([9, 10.2], { kind: 'round' }).message).toContain('data row 2 holds 10.2, outside 0–10');
  });
});
