// Normal quantile, incomplete gamma, chi-square and normal p-values against reference values computed once with
// scipy 1.10.1 (/usr/bin/python3): stats.norm.ppf, special.gammainc / gammaincc, stats.chi2.sf, 2·stats.norm.sf.
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, gammaP, gammaQ, normalQuantile, normalTwoSided, zForLevel } from '../../../main/analysis/nps/distributions';

/** |a − b| ≤ tol · |b| (relative), or exact equality for 0. */
function close(a: number, b: number, tol: number): void {
  if (b === 0) expect(a).toBe(0);
  else expect(Math.abs(a - b) / Math.abs(b)).toBeLessThanOrEqual(tol);
}

const QUANTILES: [number, number][] = [
  [1e-300, -37.0470962993612], [1e-50, -14.933337534788487], [1e-20, -9.262340089798409], [1e-10, -6.361340902404056],
  [1e-5, -4.264890793922825], [0.001, -3.090232306167813], [0.01, -2.3263478740408408], [0.025, -1.9599639845400545],
  [0.05, -1.6448536269514729], [0.1, -1.2815515655446004], [0.2, -0.8416212335729142], [0.3, -0.5244005127080409],
  [0.4, -0.2533471031357997], [0.425, -0.18911842627279252], [0.5, 0], [0.6, 0.2533471031357997], [0.75, 0.6744897501960817],
  [0.9, 1.2815515655446004], [0.95, 1.6448536269514722], [0.975, 1.959963984540054], [0.99, 2.3263478740408408],
  [0.995, 2.5758293035489004], [0.999, 3.090232306167813], [0.9999, 3.719016485455709], [1 - 1e-10, 6.361340889697422],
];

describe('normalQuantile (AS 241)', () => {
  it.each(QUANTILES)('Φ⁻¹(%s) matches scipy to 1e-14', (p, z) => close(normalQuantile(p), z, 1e-14));

  it('gives the z of each confidence level', () => {
    const levels: [number, number][] = [[0.5, 0.6744897501960817], [0.8, 1.2815515655446004], [0.9, 1.6448536269514722], [0.95, 1.959963984540054], [0.99, 2.5758293035489004], [0.999, 3.2905267314919255]];
    for (const [level, z] of levels) close(zForLevel(level), z, 1e-14);
  });

  it('is infinite at 0 and 1 and undefined outside', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });

  it('is symmetric', () => {
    for (const p of [0.001, 0.2, 0.4]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
  });
});

describe('regularized incomplete gamma', () => {
  const cases: [number, number, number, number][] = [
    [0.5, 0.1, 0.34527915398142317, 0.6547208460185768], [0.5, 2, 0.9544997361036415, 0.04550026389635857],
    [2.5, 1.7, 0.36143007689620493, 0.6385699231037951], [3, 10, 0.9972306042844884, 0.0027693957155115775],
    [10, 3, 0.0011024881301154815, 0.9988975118698845], [50, 45, 0.24680203440017026, 0.7531979655998298],
    [50, 60, 0.9155933189063082, 0.08440668109369177], [1, 1e-8, 9.999999949999975e-9, 0.9999999900000001],
  ];
  it.each(cases)('P and Q of (%s, %s) match scipy to 1e-12', (a, x, p, q) => {
    close(gammaP(a, x), p, 1e-12);
    close(gammaQ(a, x), q, 1e-12);
  });
  it('has P = 0, Q = 1 at x = 0', () => {
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, 0)).toBe(1);
  });
});

describe('chi-square survival', () => {
  const cases: [number, number, number][] = [
    [0.001, 1, 0.9747728793699604], [0.5, 1, 0.47950012218695337], [3.841458820694124, 1, 0.04999999999999989], [10, 1, 0.001565402258002549],
    [50, 1, 1.537459794428033e-12], [1, 2, 0.6065306597126334], [5.991464547107979, 2, 0.05000000000000007], [10, 3, 0.01856613546304325],
    [0.5, 10, 0.999993388289439], [20, 10, 0.029252688076961124], [100, 4, 9.836624224615988e-21], [500, 200, 1.1737017704487241e-27],
    [150, 200, 0.996647558501813], [1000, 3, 1.7994208765314067e-216],
  ];
  it.each(cases)('P(χ² > %s | df %s) matches scipy to 1e-11', (x, df, p) => close(chiSquareSurvival(x, df), p, 1e-11));
  it('is 1 at 0', () => expect(chiSquareSurvival(0, 3)).toBe(1));
});

describe('two-sided normal p', () => {
  const cases: [number, number][] = [
    [0.1, 0.920344325445942], [1, 0.31731050786291415], [1.959963984540054, 0.05], [2.5, 0.012419330651552265], [3, 0.0026997960632601866],
    [5, 5.733031437583866e-7], [8, 1.244192114854348e-15], [12, 3.552964224155306e-33], [20, 5.507248237212311e-89], [37, 1.1451142445047853e-299],
  ];
  it.each(cases)('P(|Z| > %s) matches scipy to 1e-12', (z, p) => {
    close(normalTwoSided(z), p, 1e-12);
    close(normalTwoSided(-z), p, 1e-12);
  });
  it('is 1 at 0', () => expect(normalTwoSided(0)).toBe(1));
});
