// Two survey waves with known relative importance, for the driver-stability tests (unit and e2e). Seeded
// (mulberry32 via createRng), so every run draws the same rows.
//
// Model per wave: four independent standard-normal drivers z_j and y = Σ b_j z_j + e with var(e) = 1 − Σ b_j², so
// var(y) = 1 in both waves. With independent drivers Johnson's raw relative weight of driver j is its squared
// correlation with y, b_j², whatever the other coefficients are:
//   reference (Q1): speed 0.6, price 0.5, staff 0.2, wifi 0   → weights 0.36, 0.25, 0.04, 0
//   current   (Q2): speed 0.6, price 0.15, staff 0.2, wifi 0  → weights 0.36, 0.0225, 0.04, 0
// So price is the one planted change (−0.2275); speed, staff and wifi are unchanged; the top order moves from
// speed > price > staff to speed > staff > price.
// With `ratings`, the drivers are 1–5 ratings (3 + 1.2 z, rounded, clipped) and the target a 0–10 score
// (7 + 2 y, rounded, clipped), as a survey export would hold them; the weights are then close to, not exactly, b².
import { createRng } from '../../../main/analysis/random';

export const STABILITY_DRIVERS = ['speed_rating', 'price_rating', 'staff_rating', 'wifi_rating'] as const;
export const REFERENCE_COEFS = [0.6, 0.5, 0.2, 0] as const;
export const CURRENT_COEFS = [0.6, 0.15, 0.2, 0] as const;

export interface Wave {
  x: Float64Array[];
  y: Float64Array;
}

export function makeWave(coefs: readonly number[], n: number, seed: number, ratings = false): Wave {
  const rng = createRng(seed);
  const x = coefs.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  const noise = Math.sqrt(1 - coefs.reduce((s, b) => s + b * b, 0));
  for (let i = 0; i < n; i++) {
    let latent = 0;
    coefs.forEach((b, j) => {
      const z = rng.normal();
      latent += b * z;
      x[j][i] = ratings ? Math.min(5, Math.max(1, Math.round(3 + 1.2 * z))) : z;
    });
    latent += noise * rng.normal();
    y[i] = ratings ? Math.min(10, Math.max(0, Math.round(7 + 2 * latent))) : latent;
  }
  return { x, y };
}

/** A wave as CSV: response_id, the four ratings, nps_score. */
export function waveCsv(wave: Wave): string {
  const lines = [`response_id,${STABILITY_DRIVERS.join(',')},nps_score`];
  for (let i = 0; i < wave.y.length; i++) lines.push([`R${i + 1}`, ...wave.x.map((c) => c[i]), wave.y[i]].join(','));
  return lines.join('\n') + '\n';
}
