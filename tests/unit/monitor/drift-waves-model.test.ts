// The Waves area's set-up model: which wave is the reference is only pre-filled when the dataset names order the
// two waves (they differ in exactly one number), the NPS column from its role, the mix only by a channel-like name;
// form → spec → form round-trips; the status lights' words. Hand-made datasets, no fixture.
import { describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftResult } from '../../../shared/monitor-drift';
import { fromWavesSpec, nameOrder, pickWavesDataset, toWavesSpec, wavesForms, wavesProblem } from '../../../renderer/views/monitor/waves/model';
import { lights } from '../../../renderer/views/monitor/waves/lights';

const col = (index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role'] = 'feature'): ColumnMeta => ({ index, name, originalName: name, type, role, piiAction: 'keep' });
const cols = [col(0, 'channel', 'text'), col(1, 'age', 'integer'), col(2, 'nps_score', 'integer', 'nps'), col(3, 'day', 'date')];
const ds = (id: number, name: string, columns = cols): DatasetSummary => ({ id, name, rows: 100, columns, sourceFile: `${name}.csv`, importedAt: '2026-01-01' });

describe('which wave comes first', () => {
  it('is read from a name that differs in exactly one number', () => {
    expect(nameOrder('Survey Q1 2025', 'Survey Q2 2025')).toBe(-1);
    expect(nameOrder('wave 10', 'wave 9')).toBe(1);
    expect(nameOrder('Survey Q1 2025', 'Survey Q2 2026')).toBe(0);
    expect(nameOrder('Survey March', 'Survey April')).toBe(0);
    expect(nameOrder('a1', 'b2')).toBe(0);
  });
  it('pre-fills the later wave, the NPS column from its role and channel as the mix', () => {
    const all = [ds(1, 'Customers', [col(0, 'x', 'text')]), ds(2, 'Survey Q2 2025'), ds(3, 'Survey Q1 2025')];
    const d = pickWavesDataset(all)!;
    expect(d.name).toBe('Survey Q1 2025');
    const f = wavesForms.recall('w', d, all);
    expect([f.current, f.nps, f.mix, f.mode]).toEqual(['Survey Q2 2025', 'nps_score', 'channel', 'datasets']);
    expect(wavesProblem(f, d)).toBeNull();
  });
  it('a dataset with no other wave beside it and a date column starts as two periods', () => {
    const all = [ds(4, 'Survey all year'), ds(5, 'Orders', [col(0, 'x', 'text')])];
    expect(wavesForms.recall('w4', all[0], all).mode).toBe('period');
  });
  it('asks when nothing orders the waves', () => {
    const all = [ds(2, 'Survey spring'), ds(3, 'Survey autumn')];
    const f = wavesForms.recall('w2', all[0], all);
    expect(f.current).toBe('');
    expect(wavesProblem(f, all[0])).toMatch(/Choose the current wave/);
  });
});

describe('form ↔ spec', () => {
  it('sends only changed thresholds and round-trips', () => {
    const d = ds(3, 'Survey Q1 2025');
    const base = wavesForms.recall('w3', d, [d]);
    const f = { ...base, mode: 'period' as const, period: 'day', referenceFrom: '2025-01-01', referenceTo: '2025-03-31', currentFrom: '2025-04-01', currentTo: '2025-06-30', thresholds: { ...DEFAULT_DRIFT_THRESHOLDS, wasserstein: 0.2 } };
    const spec = toWavesSpec(f);
    expect(spec).toEqual({ dataset: 'Survey Q1 2025', period: 'day', referenceRange: ['2025-01-01', '2025-03-31'], currentRange: ['2025-04-01', '2025-06-30'], nps: 'nps_score', mix: 'channel', thresholds: { wasserstein: 0.2 } });
    expect(toWavesSpec(fromWavesSpec(spec, base))).toEqual(spec);
    expect(wavesProblem({ ...f, currentFrom: '2025-03-01' }, d)).toMatch(/overlap/);
  });
});

describe('status lights', () => {
  const base = { thresholds: DEFAULT_DRIFT_THRESHOLDS, judgedBy: 'distances', total: 10, drifted: 3, datasetDrifted: false } as unknown as DriftResult;
  it('drift: amber with the count, red when the dataset drifted, the thresholds in words', () => {
    expect(lights(base)[0]).toMatchObject({ level: 'amber', word: '3 of 10 columns drifted' });
    expect(lights({ ...base, datasetDrifted: true })[0].level).toBe('red');
    expect(lights(base)[0].thresholds).toMatch(/Wasserstein ≥ 0.1/);
  });
  it('NPS: mostly mix is amber, an opinion change red, no clear change green', () => {
    const nps = { level: 0.95, pValue: 0.001, mixShare: 1, change: -6, reference: 25, current: 19, mixAdjustedChange: 0, mix: 'channel' };
    expect(lights({ ...base, nps } as unknown as DriftResult)[1]).toMatchObject({ level: 'amber', word: 'change is mostly mix' });
    expect(lights({ ...base, nps: { ...nps, mixShare: 0.1 } } as unknown as DriftResult)[1].level).toBe('red');
    expect(lights({ ...base, nps: { ...nps, pValue: 0.2 } } as unknown as DriftResult)[1].level).toBe('green');
  });
});
