// Segmenting real public data gives scikit-learn's partition: Telco churn (numeric + one-hot categories, 11 blank
// TotalCharges imputed) and the marketing campaign file (tab-separated, 24 blank Income, log1p on spend).
// Reference: tests/fixtures/segment/make_real_fixtures.py (KMeans n_init=50) → real-data-reference.json. Exact
// agreement with scikit-learn on constructed data is pinned in tests/unit/analysis.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../main/analysis/segment/index';
import { harness, labelsOf, type Harness } from './helpers';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const REF = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'segment', 'real-data-reference.json'), 'utf8')) as Record<
  'telco' | 'marketing',
  { k: number; numeric: string[]; text: string[]; log: string[]; rows: number; imputed: Record<string, number>; inertia: number; sizes: number[]; labels: number[] }
>;
const FILES = {
  telco: join(DATA, 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'),
  marketing: join(DATA, 'marketing-campaign', 'marketing_campaign.csv'),
};
const present = existsSync(DATA);
if (!present) console.warn(`../shared/data is absent (${DATA}): skipping segmentation of real data`);

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

describe.skipIf(!present)('segmentation of real data is as good as scikit-learn', () => {
  for (const name of ['telco', 'marketing'] as const) {
    it(`${name}: as good as scikit-learn's best of 50 starts (inertia within 0.1%, ARI ≥ 0.9), missing values imputed and counted`, async () => {
      const ref = REF[name];
      h = await harness();
      await h.services.handlers['dataset.import']({ jobId: `job_${name}_imp`, path: FILES[name], name });
      const r = await h.services.handlers['segment.run']({
        jobId: `job_${name}_seg`,
        params: { dataset: name, features: [...ref.numeric, ...ref.text], k: ref.k, logTransform: ref.log, restarts: 10, seed: 1 },
      });
      expect(r.rows).toBe(ref.rows);
      expect(r.imputed).toEqual(ref.imputed);
      // Real data has several near-equal optima (with 50 restarts ours even lands 1e-6 below scikit-learn's
      // best on Telco), so the check is the same quality and nearly the same partition, not bit equality.
      expect(Math.abs(r.inertia - ref.inertia) / ref.inertia).toBeLessThan(1e-3);
      const labels = labelsOf(join(h.dir, 'ws.cxw'), r.name);
      expect(adjustedRandIndex(Int32Array.from(labels), Int32Array.from(ref.labels))).toBeGreaterThan(0.9); // marketing's k = 4 has near-equal optima: 0.92 here, 0.99 on Telco
    });
  }
});
