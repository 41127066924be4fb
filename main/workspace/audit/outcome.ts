// The audited prediction and the label as flags per row, with the sentences that say what they mean.
// Positive prediction (Fairlearn's y_pred = 1, whose rate is the selection rate):
// - decision column, assistive: the favourable value (default true / Yes / 1 / the later of two values);
// - decision column, punitive: the other value — the sanction. Without --favorable, the flagged value
//   (true / Yes / 1 / the later of two) is read as the sanction and the other value as favourable: a punitive
//   column such as fraud_flag = Yes is the sanction, and calling "Yes" favourable there would invert the audit;
// - score: score ≥ threshold (the favourable outcome when assistive, the sanction when punitive).
import type { AuditSpec } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { StoredColumn } from '../datasets';
import { readBinary } from './binary';
import type { AuditColumns } from './load';
import type { AuditPlan } from './plan';

export interface Prediction {
  /** 1 = positive prediction, 0 = not, −1 = missing decision / score. */
  flags: Int8Array;
  score: Float64Array | null;
  /** What the positive prediction is, as a noun phrase ("offer_approved" = "Yes" (favourable; assistive)). */
  note: string;
  /** How a default value was chosen, when it was (a sentence for the warnings). */
  defaultNote: string | null;
}

export interface LabelRead {
  flags: Int8Array;
  /** ' against the label "churned" = "Yes"' */
  note: string;
  defaultNote: string | null;
}

const fmt = (v: number) => String(v);

function loaded(data: AuditColumns, col: StoredColumn) {
  const c = data.byIndex.get(col.index);
  if (!c) throw new AppError('INTERNAL', `column "${col.name}" was not loaded`);
  return c;
}

export function predictionOf(plan: AuditPlan, data: AuditColumns, spec: AuditSpec): Prediction {
  const direction = spec.direction ?? 'assistive';
  if (plan.score) {
    const c = loaded(data, plan.score);
    if (c.kind !== 'numeric') throw new AppError('INTERNAL', `score "${plan.score.name}" did not load as numbers`);
    const t = spec.threshold!;
    const values = c.values;
    const flags = new Int8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      flags[i] = v !== v ? -1 : v >= t ? 1 : 0;
    }
    const what = direction === 'assistive' ? 'favourable; assistive' : 'the sanction; punitive';
    return { flags, score: values, note: `"${plan.score.name}" ≥ ${fmt(t)} (${what})`, defaultNote: null };
  }
  const col = plan.decision!;
  const read = readBinary(loaded(data, col), spec.favorable, {
    role: 'decision',
    flag: '--favorable',
    notBinaryHint: `A decision must have exactly two values; to audit a score or a many-valued column, give it as a score with a threshold (--score ${col.name} --threshold T, positive when ≥ T).`,
  });
  const other = read.other === null ? 'the other value' : `"${read.other}"`;
  if (direction === 'assistive') {
    return {
      flags: read.flags,
      score: null,
      note: `"${col.name}" = "${read.chosen}" (favourable; assistive)`,
      defaultNote: read.why ? `The favourable value of "${col.name}" is "${read.chosen}", ${read.why}; name another with --favorable.` : null,
    };
  }
  if (read.why) {
    return {
      flags: read.flags,
      score: null,
      note: `"${col.name}" = "${read.chosen}" (the sanction; punitive)`,
      defaultNote: `For this punitive decision, "${col.name}" = "${read.chosen}" is read as the sanction (${read.why}) and ${other} as favourable; name the favourable value with --favorable to change it.`,
    };
  }
  // Punitive with a named favourable value: the positive prediction is the other value.
  const flags = read.flags;
  for (let i = 0; i < flags.length; i++) if (flags[i] >= 0) flags[i] = 1 - flags[i];
  return { flags, score: null, note: `"${col.name}" = ${other} (the sanction; punitive; "${read.chosen}" is favourable)`, defaultNote: null };
}

export function readLabel(col: StoredColumn, data: AuditColumns, spec: AuditSpec): LabelRead {
  const read = readBinary(loaded(data, col), spec.labelPositive, {
    role: 'label',
    flag: '--label-positive',
    notBinaryHint: 'The label (ground truth) must have exactly two values, e.g. churned Yes/No.',
  });
  return {
    flags: read.flags,
    note: ` against the label "${col.name}" = "${read.chosen}"`,
    defaultNote: read.why ? `The positive label is "${col.name}" = "${read.chosen}", ${read.why}; name another with --label-positive.` : null,
  };
}
