// The planning calculator: customers per arm to detect a minimum effect, or the effect a given number detects, for
// two equal arms and a two-sided test at level alpha. The power of the normal approximation, counted on both tails
// as statsmodels NormalIndPower does (ratio 1):
//   power(n) = Φ(e·√(n/2) − z) + Φ(−e·√(n/2) − z),   z = Φ⁻¹(1 − alpha/2)
// with the standardised effect e:
//   binary: Cohen's h = 2·asin√p₂ − 2·asin√p₁ (the arcsine transform that makes a rate's variance constant;
//           statsmodels proportion_effectsize), p₁ the baseline, p₂ = p₁ + MDE;
//   mean:   Cohen's d = MDE / sd.
// n (or e) is found by bisection to 1e-12, so the result matches statsmodels' solve_power to its own tolerance.
// Pure, no I/O.
import { gammaQ, normalQuantile } from '../../nps/distributions';

/** Standard normal CDF, precise in both tails (erfc through the incomplete gamma). */
export function normalCdf(x: number): number {
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x < 0 ? tail : x === 0 ? 0.5 : 1 - tail;
}

export function powerOf(effect: number, nPerArm: number, alpha: number): number {
  const z = normalQuantile(1 - alpha / 2);
  const shift = Math.abs(effect) * Math.sqrt(nPerArm / 2);
  return normalCdf(shift - z) + normalCdf(-shift - z);
}

/** Customers per arm (unrounded) for power at this standardised effect. */
export function sampleSizeFor(effect: number, alpha: number, power: number): number {
  if (!(Math.abs(effect) > 0)) return Number.POSITIVE_INFINITY;
  let lo = 1e-9;
  let hi = 2;
  while (powerOf(effect, hi, alpha) < power) hi *= 2;
  for (let i = 0; i < 400 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (powerOf(effect, mid, alpha) < power) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The standardised effect (positive) detected with this many customers per arm. */
export function effectFor(nPerArm: number, alpha: number, power: number): number {
  let lo = 0;
  let hi = 1;
  while (powerOf(hi, nPerArm, alpha) < power) hi *= 2;
  for (let i = 0; i < 400 && hi - lo > 1e-13 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (powerOf(mid, nPerArm, alpha) < power) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Cohen's h between a baseline rate and a treatment rate. */
export const cohensH = (baseline: number, treatment: number): number => 2 * Math.asin(Math.sqrt(treatment)) - 2 * Math.asin(Math.sqrt(baseline));

/** The treatment rate Cohen's h away from the baseline (upwards); null when it would pass 1. */
export function rateAtH(baseline: number, h: number): number | null {
  const angle = Math.asin(Math.sqrt(baseline)) + h / 2;
  return angle > Math.PI / 2 ? null : Math.sin(angle) ** 2;
}
