// Issue 12 item 4 end to end: a file with 1e309 / -1e309 in a numeric column imports with those cells missing,
// and `profile` and `segment` on it neither crash nor return a non-finite number (before the fix profile
// crashed and segment returned a null centroid, because ±Infinity was stored).
//
// Fixture (built below): 40 rows, spend = 10·i except rows 5, 17, 33 (1e309, -1e309, 1e309), visits = i mod 7 + 1.
// Expected profile of spend, over the 37 finite values, computed with numpy:
//   np.mean = 206.75675675675674, np.median = 210.0, np.std(ddof=1) = 116.9058038207127, min 10, max 400.
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

function overflowCsv(): string {
  const lines = ['customer_id,spend,visits'];
  for (let i = 1; i <= 40; i++) {
    const spend = i === 5 || i === 33 ? '1e309' : i === 17 ? '-1e309' : String(10 * i);
    lines.push(`${i},${spend},${(i % 7) + 1}`);
  }
  return lines.join('\n') + '\n';
}

describe('non-finite numbers end to end', () => {
  it('profile and segment on a file with 1e309 give finite numbers', async () => {
    h = await harness();
    const hd = h.services.handlers;
    const imp = await hd['dataset.import']({ jobId: 'job_imp_inf', path: h.csv('overflow.csv', overflowCsv()), name: 'overflow' });
    expect(imp.columns.find((c) => c.name === 'spend')?.type).toBe('integer');
    expect(imp.warnings.find((w) => w.includes('"spend"'))).toContain('line 6 has "1e309"');

    const profile = await hd['dataset.profile']({ dataset: 'overflow' });
    const spend = profile.columns.find((c) => c.name === 'spend')!;
    expect(spend.missing).toBe(3);
    expect(spend.min).toBe(10);
    expect(spend.max).toBe(400);
    expect(spend.mean).toBeCloseTo(206.75675675675674, 10);
    expect(spend.median).toBe(210);
    expect(spend.std).toBeCloseTo(116.9058038207127, 9);

    const seg = await hd['segment.run']({ jobId: 'job_seg_inf', params: { dataset: 'overflow', features: ['spend', 'visits'], k: 2 } });
    expect(seg.segments).toHaveLength(2);
    expect(seg.segments.reduce((s, x) => s + x.size, 0)).toBe(seg.rows);
    for (const s of seg.segments) {
      expect(Number.isFinite(s.centroid.spend)).toBe(true);
      expect(Number.isFinite(s.centroid.visits)).toBe(true);
    }
  });
});
