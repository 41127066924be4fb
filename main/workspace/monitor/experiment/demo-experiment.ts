/*
 * The demo workspace's experiment (the Monitor view's Experiments area has something true to find): a checkout
 * redesign tested on the 3,000 demo customers (customer_id C00001…C03000, as in demo_customers.csv), generated
 * deterministically from a seed (mulberry32), nothing real.
 *
 * demo_checkout_experiment.csv — customer_id, arm (control / new_checkout, a fair coin: no sample-ratio mismatch),
 *   device (app ~45% / web), region_group (North / South / Midlands), pre_period_spend (GBP over the 3 months before
 *   the test: a CUPED covariate), converted (Yes/No within 14 days), order_value (GBP over the test, 0 without an
 *   order), nps_score (0–10, blank for the ~30% who did not answer the post-checkout survey).
 *
 * Planted effects: conversion 10% → 14% overall, carried by the app (+7 points) more than the web (+1.5 points), so
 * effects by device show a heterogeneity worth a follow-up; order value +£6 on average with pre_period_spend
 * explaining about half its variance (CUPED narrows the interval); NPS +6 points (a quarter of the new checkout's
 * answers one point higher).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../../analysis/random';

export const DEMO_EXPERIMENT_FILE = 'demo_checkout_experiment.csv';
export const DEMO_EXPERIMENT_NAME = 'Demo checkout experiment';
const CUSTOMERS = 3000;
const NPS_WEIGHTS = [2, 1, 2, 3, 4, 7, 9, 15, 18, 20, 19];

export function demoExperimentCsv(seed = 42): string {
  const rng = createRng(seed ^ 0x5eed16);
  const lines = ['customer_id,arm,device,region_group,pre_period_spend,converted,order_value,nps_score'];
  for (let i = 1; i <= CUSTOMERS; i++) {
    const treated = rng.chance(0.5);
    const app = rng.chance(0.45);
    const region = rng.weighted(['North', 'South', 'Midlands'], [35, 40, 25]);
    const pre = Math.max(0, rng.normal(120, 45));
    const pConvert = treated ? (app ? 0.185 : 0.11) : app ? 0.115 : 0.095;
    const converted = rng.chance(pConvert);
    const value = Math.max(0, 0.55 * pre + rng.normal(35, 25) + (treated ? 6 : 0));
    const answered = rng.chance(0.7);
    const base = rng.weighted(NPS_WEIGHTS.map((_, s) => s), NPS_WEIGHTS);
    const nps = Math.min(10, base + (treated && rng.chance(0.25) ? 1 : 0));
    lines.push(
      [`C${String(i).padStart(5, '0')}`, treated ? 'new_checkout' : 'control', app ? 'app' : 'web', region, pre.toFixed(2), converted ? 'Yes' : 'No', value.toFixed(2), answered ? nps : ''].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** Writes the demo experiment CSV into `dir` (the demo build's temporary folder) and returns its path. */
export function writeDemoExperimentCsv(dir: string, seed = 42): string {
  const path = join(dir, DEMO_EXPERIMENT_FILE);
  writeFileSync(path, demoExperimentCsv(seed));
  return path;
}
