// The radix sort of the drift columns against Float64Array.prototype.sort (the definition of ascending order for
// numbers): random reals of mixed sign and magnitude, many ties, values within 1e-9 of each other (top-32-bit ties),
// ±0, ±Infinity. Seeded mulberry32, so the cases are the same on every run.
import { describe, expect, it } from 'vitest';
import { sortedFloat64 } from '../../../main/analysis/monitor/drift/sort';
import { mulberry32 } from '../../../main/analysis/random';

const rnd = mulberry32(11);
const cases: [string, Float64Array][] = [
  ['mixed sign and magnitude', Float64Array.from({ length: 50_000 }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 6))],
  ['integer scores with ties', Float64Array.from({ length: 30_000 }, () => Math.floor(rnd() * 11))],
  ['neighbours within 1e-9', Float64Array.from({ length: 20_000 }, () => 1000 + rnd() * 1e-6)],
  ['negative neighbours', Float64Array.from({ length: 20_000 }, () => -1000 - rnd() * 1e-6)],
  ['zeros and infinities', Float64Array.from({ length: 10_000 }, (_, i) => [0, -0, Infinity, -Infinity, 1, -1][i % 6] * (i % 7 === 0 ? 1 : 1))],
  ['small input', Float64Array.from([3, 1, 2])],
  // Values in [1, 1.06): one sign/exponent/top-mantissa digit, so a single radix pass (an odd count: in place, the
  // result comes back from the scratch array).
  ['one radix pass', Float64Array.from({ length: 40_000 }, () => 1 + rnd() * 0.06)],
  // Whole numbers: narrow ranges are counted, a range over 65,536 is not (radix), negatives included.
  ['whole numbers −500…500', Float64Array.from({ length: 30_000 }, () => Math.floor(rnd() * 1001) - 500)],
  ['whole numbers too wide to count', Float64Array.from({ length: 30_000 }, () => Math.floor(rnd() * 200_000))],
  ['whole numbers then one fraction', Float64Array.from({ length: 30_000 }, (_, i) => (i === 29_999 ? 2.5 : i % 7))],
  // Every value shares its top 32 bits: one run of 200,000 sorted on its own (an insertion pass would take minutes).
  ['one long tie run', Float64Array.from({ length: 200_000 }, () => 1e9 + rnd() * 100)],
];

describe('sortedFloat64', () => {
  it.each(cases)('%s: same order as the native sort, input untouched', (_name, values) => {
    const before = values.slice();
    const mine = sortedFloat64(values);
    const native = values.slice().sort();
    expect(mine.length).toBe(native.length);
    let same = true;
    for (let i = 0; i < native.length; i++) if (!(mine[i] === native[i])) same = false;
    expect(same).toBe(true);
    expect(values).toEqual(before);
  });

  it('−0 among whole numbers stays before +0, as in the native sort (not counted)', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => [0, -0, 1, -1, 2][i % 5]);
    const mine = sortedFloat64(values);
    const native = values.slice().sort();
    expect(Array.from(mine).every((v, i) => Object.is(v, native[i]))).toBe(true);
    expect(Object.is(mine[2000], -0)).toBe(true);
  });

  it.each(cases)('%s: in place, the same order in the array itself', (_name, values) => {
    const own = values.slice();
    const sorted = sortedFloat64(own, true);
    expect(sorted).toBe(own);
    const native = values.slice().sort();
    let same = true;
    for (let i = 0; i < native.length; i++) if (!(own[i] === native[i])) same = false;
    expect(same).toBe(true);
  });
});
