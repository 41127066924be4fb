// The Experiments area's set-up as a form, and the spec it sends. Pre-fills only what can be read with confidence:
// an arm column by its name (arm, variant, group, treatment…), the kind of a yes/no (boolean) outcome or of an NPS-role
// score, and the control only when one arm is called control / baseline / ctrl (the rule the services apply). The
// value that counts as a success, and otherwise the kind and the control, are asked for, never guessed.
import type { ColumnMeta, DatasetSummary } from '../../../../shared/domain';
import type { ExperimentKind, ExperimentSpec } from '../../../../shared/monitor-experiment';
import { formMemory } from '../../../lib/analysis-memory';

export interface ExperimentForm {
  dataset: string;
  arm: string;
  outcome: string;
  kind: ExperimentKind | '';
  positive: string;
  control: string;
  /** "" = equal split; "50,50" or "A=50,B=50". */
  split: string;
  covariate: string;
  /** Effects by a column… */
  by: string;
  /** …or by a saved segmentation (one of the two). */
  segmentation: string;
  acknowledgeSrm: boolean;
  /** Confidence level of the intervals ("0.95" default; "0.9", "0.99"); the tests' alpha is 1 − level. */
  level?: string;
}

/** The levels offered (the CLI's --level takes any from 0.5 to 0.999). */
export const EXPERIMENT_LEVELS = ['0.9', '0.95', '0.99'] as const;
export const DEFAULT_LEVEL = '0.95';

const ARM_NAMES = /^(arm|variant|variation|group|treatment|experiment_?arm|test_?group|bucket|cell)$/i;
export const CONTROL_NAMES = ['control', 'baseline', 'ctrl'];

export const armColumns = (d: DatasetSummary | null): ColumnMeta[] => (d ? d.columns.filter((c) => c.type === 'text' || c.type === 'boolean' || c.type === 'integer') : []);
export const outcomeColumns = (d: DatasetSummary | null, arm: string): ColumnMeta[] =>
  d ? d.columns.filter((c) => c.name !== arm && c.role !== 'id' && c.role !== 'pii' && (c.type === 'text' || c.type === 'boolean' || c.type === 'integer' || c.type === 'real')) : [];
export const numericColumns = (d: DatasetSummary | null, not: string[]): ColumnMeta[] =>
  d ? d.columns.filter((c) => !not.includes(c.name) && c.role !== 'id' && (c.type === 'integer' || c.type === 'real')) : [];
export const segmentColumns = (d: DatasetSummary | null, not: string[]): ColumnMeta[] =>
  d ? d.columns.filter((c) => !not.includes(c.name) && c.role !== 'id' && c.role !== 'pii' && (c.type === 'text' || c.type === 'boolean')) : [];

/** The kind a column says by itself: yes/no for a boolean, NPS for a column marked as the NPS score; else ask. */
export function kindOf(c: ColumnMeta | undefined): ExperimentKind | '' {
  if (!c) return '';
  if (c.type === 'boolean') return 'binary';
  if (c.role === 'nps') return 'nps';
  return '';
}

export const controlFrom = (arms: string[]): string => {
  const named = arms.filter((a) => CONTROL_NAMES.includes(a.trim().toLowerCase()));
  return named.length === 1 ? named[0] : '';
};

export function pickExperimentDataset(all: DatasetSummary[]): DatasetSummary | null {
  return all.find((d) => d.columns.some((c) => ARM_NAMES.test(c.name))) ?? all[0] ?? null;
}

export function prefill(d: DatasetSummary | null): ExperimentForm {
  const arm = d?.columns.find((c) => ARM_NAMES.test(c.name))?.name ?? '';
  return { dataset: d?.name ?? '', arm, outcome: '', kind: '', positive: '', control: '', split: '', covariate: '', by: '', segmentation: '', acknowledgeSrm: false, level: DEFAULT_LEVEL };
}

export const experimentForms = formMemory<ExperimentForm>('experiment', (d) => prefill(d));

/** "50,50" → [50, 50]; "A=60,B=40" → {A: 60, B: 40}; "" → undefined; null when it cannot be read. */
export function parseSplit(raw: string): number[] | Record<string, number> | undefined | null {
  const s = raw.trim();
  if (!s) return undefined;
  const parts = s.split(',').map((p) => p.trim());
  if (parts.every((p) => p.includes('='))) {
    const out: Record<string, number> = {};
    for (const p of parts) {
      const at = p.lastIndexOf('=');
      const v = Number(p.slice(at + 1));
      if (at <= 0 || !(v > 0)) return null;
      out[p.slice(0, at).trim()] = v;
    }
    return out;
  }
  const nums = parts.map(Number);
  return nums.length >= 2 && parts.every((p) => p !== '') && nums.every((v) => v > 0 && Number.isFinite(v)) ? nums : null;
}

export function experimentProblem(f: ExperimentForm, d: DatasetSummary | null): string | null {
  if (!d) return 'Choose a dataset with the arm each customer was in.';
  if (!f.arm) return 'Choose the arm (assignment) column.';
  if (!f.outcome) return 'Choose the outcome column.';
  if (!f.kind) return 'Say how to read the outcome: a yes/no rate, a mean, or a 0–10 score read as NPS.';
  if (f.kind === 'binary' && !f.positive) return 'Choose the outcome value that counts as a success.';
  if (!f.control) return 'Choose the control arm (the one the others are compared with).';
  if (parseSplit(f.split) === null) return 'The planned split reads as shares in the arms’ order (50,50) or by name (A=50,B=50).';
  return null;
}

export function toExperimentSpec(f: ExperimentForm): ExperimentSpec {
  const split = parseSplit(f.split);
  return {
    dataset: f.dataset,
    arm: f.arm,
    outcome: f.outcome,
    kind: f.kind as ExperimentKind,
    ...(f.kind === 'binary' ? { positive: f.positive } : {}),
    control: f.control,
    ...(split ? { expectedSplit: split } : {}),
    ...(f.covariate ? { covariate: f.covariate } : {}),
    ...(f.by ? { by: f.by } : f.segmentation ? { segmentation: f.segmentation } : {}),
    ...(f.acknowledgeSrm ? { acknowledgeSrm: true } : {}),
    // Only when not the default, so a 95% run keeps the spec it always had (saved results re-run as identical).
    ...(f.level && f.level !== DEFAULT_LEVEL ? { level: Number(f.level) } : {}),
  };
}

export function fromExperimentSpec(s: ExperimentSpec, base: ExperimentForm): ExperimentForm {
  const split = s.expectedSplit === undefined ? '' : Array.isArray(s.expectedSplit) ? s.expectedSplit.join(',') : Object.entries(s.expectedSplit).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    ...base,
    dataset: s.dataset,
    arm: s.arm,
    outcome: s.outcome,
    kind: s.kind,
    positive: s.positive ?? '',
    control: s.control ?? '',
    split,
    covariate: s.covariate ?? '',
    by: s.by ?? '',
    segmentation: s.segmentation ?? '',
    acknowledgeSrm: s.acknowledgeSrm === true,
    level: s.level === undefined ? DEFAULT_LEVEL : String(s.level),
  };
}
