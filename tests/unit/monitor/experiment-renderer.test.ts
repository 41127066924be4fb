// The Experiments area's pure helpers: the set-up asks rather than guesses (control only by name, kind only from a
// boolean or an NPS-role column, the success value always), the form ↔ spec round trip, and how numbers read.
// Expected values written by hand.
import { describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import type { ExperimentComparison, ExperimentResult } from '../../../shared/monitor-experiment';
import { controlFrom, experimentProblem, fromExperimentSpec, kindOf, parseSplit, prefill, toExperimentSpec } from '../../../renderer/views/monitor/experiments/model';
import { armLabel, formatDiff, formatEstimate, formatLift, segmentsSummary, segmentsTable } from '../../../renderer/views/monitor/experiments/figures';

const col = (name: string, type: ColumnMeta['type'], role: ColumnMeta['role'] = 'feature'): ColumnMeta => ({ index: 0, name, originalName: name, type, role, piiAction: 'keep' }) as ColumnMeta;
const ds = { name: 'ab', rows: 10, columns: [col('variant', 'text'), col('converted', 'boolean'), col('score', 'integer', 'nps'), col('spend', 'real')] } as unknown as DatasetSummary;

describe('experiment set-up model', () => {
  it('pre-fills the arm by its name and nothing it would have to guess', () => {
    const f = prefill(ds);
    expect(f).toMatchObject({ arm: 'variant', outcome: '', kind: '', positive: '', control: '' });
    expect(kindOf(ds.columns[1])).toBe('binary');
    expect(kindOf(ds.columns[2])).toBe('nps');
    expect(kindOf(ds.columns[3])).toBe('');
  });
  it('takes a control only when exactly one arm is named control / baseline / ctrl', () => {
    expect(controlFrom(['A', 'B'])).toBe('');
    expect(controlFrom(['Control', 'new'])).toBe('Control');
    expect(controlFrom(['control', 'baseline'])).toBe('');
  });
  it('asks for each missing answer in turn', () => {
    const f = { ...prefill(ds), outcome: 'converted', kind: 'binary' as const };
    expect(experimentProblem(f, ds)).toBe('Choose the outcome value that counts as a success.');
    expect(experimentProblem({ ...f, positive: 'true' }, ds)).toBe('Choose the control arm (the one the others are compared with).');
    expect(experimentProblem({ ...f, positive: 'true', control: 'A', split: '50,x' }, ds)).toMatch(/^The planned split reads as/);
    expect(experimentProblem({ ...f, positive: 'true', control: 'A', split: '50,50' }, ds)).toBeNull();
  });
  it('reads the planned split by position or by name', () => {
    expect(parseSplit('')).toBeUndefined();
    expect(parseSplit('60, 40')).toEqual([60, 40]);
    expect(parseSplit('A=60,B=40')).toEqual({ A: 60, B: 40 });
    expect(parseSplit('60')).toBeNull();
    expect(parseSplit('A=0,B=1')).toBeNull();
  });
  it('form → spec → form is the same set-up', () => {
    const f = { ...prefill(ds), outcome: 'converted', kind: 'binary' as const, positive: 'true', control: 'A', split: 'A=60,B=40', covariate: 'spend', by: '', segmentation: 'Churn risk', acknowledgeSrm: true };
    const spec = toExperimentSpec(f);
    expect(spec).toEqual({ dataset: 'ab', arm: 'variant', outcome: 'converted', kind: 'binary', positive: 'true', control: 'A', expectedSplit: { A: 60, B: 40 }, covariate: 'spend', segmentation: 'Churn risk', acknowledgeSrm: true });
    expect(fromExperimentSpec(spec, prefill(ds))).toEqual(f);
  });
  it('a confidence level other than 95% goes into the spec and comes back; 95% leaves the spec as before', () => {
    const f = { ...prefill(ds), outcome: 'converted', kind: 'binary' as const, positive: 'true', control: 'A' };
    expect(f.level).toBe('0.95');
    expect(toExperimentSpec(f)).not.toHaveProperty('level');
    const at99 = toExperimentSpec({ ...f, level: '0.99' });
    expect(at99.level).toBe(0.99);
    expect(fromExperimentSpec(at99, prefill(ds)).level).toBe('0.99');
    // A set-up remembered from before the level existed runs at 95%.
    const { level: _dropped, ...old } = f;
    expect(toExperimentSpec(old)).not.toHaveProperty('level');
  });
});

describe('experiment figures', () => {
  it('reads rates in percent and points, NPS signed, means in units', () => {
    expect(formatEstimate('binary', 0.1234)).toBe('12.3%');
    expect(formatEstimate('nps', -4.25)).toBe('\u22124.3');
    expect(formatDiff('binary', 0.021)).toBe('+2.1 pts');
    expect(formatDiff('binary', -0.0049)).toBe('\u22120.5 pts');
    expect(formatDiff('mean', 3.2904)).toBe('+3.29');
    const c = { relativeLift: 0.375, relativeLiftCi: [0.102, 0.648] } as ExperimentComparison;
    expect(formatLift(c)).toBe('+37.5% (+10.2% to +64.8%)');
    expect(armLabel({ arm: 'control', isControl: true })).toBe('control');
    expect(armLabel({ arm: 'A', isControl: true })).toBe('A (control)');
  });
});

describe('effects-by-segment chart data', () => {
  it('one row per segment and arm, rates in points, untestable cells left empty', () => {
    const r = {
      kind: 'binary',
      control: 'A',
      comparisons: [{ arm: 'B' }],
      segments: {
        by: 'device',
        rows: [
          { segment: 'app', arms: [], comparisons: [{ arm: 'B', difference: 0.072, ci: [0.033, 0.109], pValue: 0.0003, tested: true }] },
          { segment: 'web', arms: [], comparisons: [{ arm: 'B', difference: null, ci: null, pValue: null, tested: false }] },
        ],
        heterogeneity: [],
        note: '',
      },
    } as unknown as ExperimentResult;
    const t = segmentsTable(r);
    expect(t.rows[0].map((v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v))).toEqual(['app', 'B', 7.2, 3.3, 10.9, 0.0003]);
    expect(t.rows[1]).toEqual(['web', 'B', null, null, null, null]);
    expect(segmentsSummary(r)).toBe('Difference from “A” by device: app +7.2 pts; web —.');
  });
});
