// The segment palette (renderer/charts/palette.ts) under simulated colour-vision deficiencies: the first 7 segment
// colours (Okabe–Ito) must stay pairwise distinguishable for viewers with protanopia, deuteranopia and tritanopia.
//
// Simulation: Machado, Oliveira & Fernandes (2009), IEEE TVCG 15(6), 1291–1298, severity 1.0 matrices in linear RGB
// (tests/unit/renderer/colour-vision.ts says how). Difference: CIEDE2000 per Sharma, Wu & Dalal (2005), checked here
// against their published test pairs first.
//
// Threshold ΔE00 ≥ 10. A ΔE00 of about 1 is the just-noticeable difference for two large patches side by side; chart
// marks are small and apart, and Stone, Szafir & Setlur (2014, "An engineering model for color difference as a
// function of size") measured the needed difference growing several-fold as marks shrink to a few pixels. 10 is the
// usual bound above which two colours read as different at a glance, so a pair below it would have to be told apart
// by its shape (the charts also give every segment its own marker, dash and bar pattern: palette.ts).
// Reference values: the minimum pair per deficiency was computed independently with scikit-image 0.19
// (skimage.color.rgb2lab + deltaE_ciede2000 on the same simulated colours): protanopia 12.25 (#0072B2, #CC79A7),
// deuteranopia 11.61 (#E69F00, #F0E442), tritanopia 10.87 (#E69F00, #CC79A7).
// The Tableau extras (colours 8–17) are not pairwise distinct under simulation (e.g. #CC79A7 / #B07AA1: ΔE00 1.8 under
// protanopia), which is why segments beyond 7 also differ by marker shape.
import { describe, expect, it } from 'vitest';
import { SEGMENT_COLORS, SEGMENT_SYMBOLS, segmentDash, segmentPattern, segmentSymbol } from '../../../renderer/charts/palette';
import { categoryColors } from '../../../renderer/charts/nps-figures';
import { deltaE2000, hexOf, labOf, simulate, type Deficiency } from './colour-vision';

const THRESHOLD = 10;
const DEFICIENCIES: Deficiency[] = ['protanopia', 'deuteranopia', 'tritanopia'];

function closestPair(colours: readonly string[], d: Deficiency | null): { a: string; b: string; de: number } {
  let best = { a: '', b: '', de: Infinity };
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) {
      const de = deltaE2000(labOf(simulate(colours[i], d)), labOf(simulate(colours[j], d)));
      if (de < best.de) best = { a: colours[i], b: colours[j], de };
    }
  return best;
}

describe('CIEDE2000 (Sharma, Wu & Dalal 2005 test pairs)', () => {
  const pairs: [[number, number, number], [number, number, number], number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [61, -5, 29], 22.8977],
    [[50, 2.5, 0], [56, -27, -3], 31.903],
    [[50, 2.5, 0], [58, 24, 15], 19.4535],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];
  it.each(pairs)('%j vs %j = %f', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
    expect(deltaE2000(b, a)).toBeCloseTo(expected, 4);
  });
});

describe('Machado 2009 simulation', () => {
  it('maps the palette as scikit-image does (simulated sRGB, rounded)', () => {
    // From the same matrices applied in numpy (see the header): blue #0072B2 and yellow #F0E442 under each.
    expect(hexOf(simulate('#0072B2', 'protanopia'))).toBe('#5375B5');
    expect(hexOf(simulate('#F0E442', 'protanopia'))).toBe('#F8DC23');
    expect(hexOf(simulate('#0072B2', 'deuteranopia'))).toBe('#3B67B1');
    expect(hexOf(simulate('#E69F00', 'tritanopia'))).toBe('#FB8C87');
    expect(hexOf(simulate('#D55E00', 'tritanopia'))).toBe('#EB4050');
  });
  it('leaves greys grey (each matrix row sums to 1)', () => {
    for (const d of DEFICIENCIES) expect(hexOf(simulate('#777777', d))).toBe('#777777');
  });
});

describe('the first 7 segment colours under colour-vision deficiencies', () => {
  const first7 = SEGMENT_COLORS.slice(0, 7);
  it('are distinct to normal vision', () => {
    expect(closestPair(first7, null).de).toBeGreaterThan(20);
  });
  it.each([
    ['protanopia', 12.25, '#0072B2', '#CC79A7'],
    ['deuteranopia', 11.61, '#E69F00', '#F0E442'],
    ['tritanopia', 10.87, '#E69F00', '#CC79A7'],
  ] as const)(`%s: every pair ΔE00 ≥ ${THRESHOLD} (closest %f: %s, %s)`, (d, expected, a, b) => {
    const pair = closestPair(first7, d);
    expect(pair.de, `${pair.a} vs ${pair.b}`).toBeGreaterThanOrEqual(THRESHOLD);
    expect(pair.de).toBeCloseTo(expected, 1);
    expect([pair.a, pair.b]).toEqual([a, b]);
  });
});

describe('NPS category colours (detractor, passive, promoter) under colour-vision deficiencies', () => {
  it.each([false, true])('dark %s: every pair ΔE00 ≥ 10', (dark) => {
    const c = categoryColors(dark);
    for (const d of DEFICIENCIES) expect(closestPair([c.detractor, c.passive, c.promoter], d).de, d).toBeGreaterThanOrEqual(THRESHOLD);
  });
});

describe('colour is never the only cue', () => {
  it('the first 12 segments have 12 different marker shapes, none the diamond kept for references and side steps', () => {
    const shapes = Array.from({ length: 12 }, (_, i) => segmentSymbol(i));
    expect(new Set(shapes).size).toBe(12);
    expect(shapes.some((s) => s.includes('diamond'))).toBe(false);
    expect(SEGMENT_SYMBOLS.length).toBe(12);
  });
  it('neighbouring segments differ in dash and bar pattern too', () => {
    for (let i = 0; i < 5; i++) expect(segmentDash(i)).not.toBe(segmentDash(i + 1));
    for (let i = 0; i < 7; i++) expect(segmentPattern(i)).not.toBe(segmentPattern(i + 1));
    expect(segmentSymbol(12)).toBe(segmentSymbol(0));
  });
});
