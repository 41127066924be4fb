// The 'audit.run' job: read the decision (or score), label, protected and proxy columns of a dataset, turn them
// into the pure analysis input (main/analysis/fairness/types.ts AuditInput) and run the audit. Read-only.
// Rows without a decision (or score), or without a label when there is one, are left out and counted; rows
// without a protected value form the group "(missing)" or are left out (spec.missing = 'exclude'), counted too.
import type { AuditResult, AuditSpec } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import { auditDecision } from '../../analysis/fairness/index';
import type { AuditInput, CodedColumn } from '../../analysis/fairness/types';
import type { Db } from '../db';
import { getDataset } from '../datasets';
import { phaseTimer } from '../segments/timings';
import { predictionOf, readLabel } from './outcome';
import { loadAuditColumns } from './load';
import { planAudit } from './plan';
import { protectedColumns, proxyColumns, segmentationProxies, subset } from './attributes';
import { pushAll } from '../../../shared/extent';

export interface AuditProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

const count = (n: number) => n.toLocaleString('en-US');
const coded = (c: CodedColumn): CodedColumn => ({ name: c.name, codes: c.codes, levels: c.levels });

export function runAudit(db: Db, spec: AuditSpec, ctx: AuditProgress): AuditResult {
  const timer = phaseTimer();
  const ds = getDataset(db, spec.dataset);
  const plan = planAudit(db, ds, spec);
  const data = loadAuditColumns(db, ds, plan.all, ctx);
  timer.mark('load');
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the data.');
  ctx.onProgress({ phase: 'prepare', done: 0, total: null });

  const prediction = predictionOf(plan, data, spec);
  const label = plan.label ? readLabel(plan.label, data, spec) : null;
  const attrs = protectedColumns(plan, data, spec);

  // Which rows are audited: a decision, a label (when audited against one), and protected values unless missing
  // ones form their own group.
  const total = data.rows.length;
  const keep = new Int32Array(total);
  let n = 0;
  let noDecision = 0;
  let noLabel = 0;
  let noProtected = 0;
  const exclude = spec.missing === 'exclude';
  for (let i = 0; i < total; i++) {
    if (prediction.flags[i] < 0) {
      noDecision++;
      continue;
    }
    if (label && label.flags[i] < 0) {
      noLabel++;
      continue;
    }
    if (exclude && missingProtected(attrs, i)) {
      noProtected++;
      continue;
    }
    keep[n++] = i;
  }
  const kept = keep.subarray(0, n);
  if (n === 0) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `No row of "${ds.name}" can be audited: ${count(noDecision)} have no ${plan.decision ? `decision ("${plan.decision.name}")` : `score ("${plan.score!.name}")`}` +
        (label ? `, ${count(noLabel)} no label ("${plan.label!.name}")` : '') +
        (exclude ? `, ${count(noProtected)} no value in a protected attribute` : '') +
        '.',
    );
  }

  const predicted = new Uint8Array(n);
  const truth = label ? new Uint8Array(n) : null;
  for (let j = 0; j < n; j++) {
    const i = kept[j];
    predicted[j] = prediction.flags[i];
    if (truth) truth[j] = label!.flags[i];
  }
  let score: Float64Array | null = null;
  if (prediction.score) {
    score = new Float64Array(n);
    for (let j = 0; j < n; j++) score[j] = prediction.score[kept[j]];
  }

  const warnings: string[] = [prediction.defaultNote, label?.defaultNote].filter((w): w is string => !!w);
  const attributes = attrs.map((a) => subset(a, kept, !exclude));
  attrs.forEach((a, k) => {
    if (a.note) warnings.push(a.note);
    const m = attributes[k].missing;
    if (m > 0) warnings.push(`${count(m)} audited rows have no value in "${a.name}"; they form the group "(missing)" (set missing to "exclude" to leave them out).`);
  });
  checkReferences(spec, attributes);
  timer.mark('prepare');

  const proxies = proxyColumns(plan, data, spec, warnings).map((p) => subset(p, kept, false));
  for (const seg of plan.segmentations) {
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while reading the segmentations.');
    const s = segmentationProxies(db, ds, seg, data.rows, ctx);
    pushAll(warnings, s.warnings);
    proxies.push(subset(s.column, kept, false));
  }
  timer.mark('proxies');

  const input: AuditInput = { n, predicted, label: truth, score, attributes: attributes.map(coded), proxies: proxies.map(coded), decisionNote: prediction.note + (label?.note ?? '') };
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled before the analysis.');
  ctx.onProgress({ phase: 'analyze', done: 0, total: null });
  const result = auditDecision(input, spec, ctx.isCancelled);
  timer.mark('analyze');
  timer.report('audit.run');

  const excluded = noDecision + noLabel + noProtected;
  if (excluded > 0) {
    const parts = [
      noDecision ? `${count(noDecision)} without a ${plan.decision ? `decision ("${plan.decision.name}")` : `score ("${plan.score!.name}")`}` : '',
      noLabel ? `${count(noLabel)} without a label ("${plan.label!.name}")` : '',
      noProtected ? `${count(noProtected)} without a value in a protected attribute (missing = exclude)` : '',
    ].filter(Boolean);
    warnings.unshift(`${count(excluded)} of ${count(total)} rows were left out: ${parts.join(', ')}.`);
  }
  return { ...result, spec, rows: n, excludedRows: excluded, warnings: [...warnings, ...result.warnings] };
}

function missingProtected(attrs: readonly CodedColumn[], i: number): boolean {
  for (let k = 0; k < attrs.length; k++) if (attrs[k].codes[i] < 0) return true;
  return false;
}

/** A reference group must be one of the attribute's groups; say which ones there are. */
function checkReferences(spec: AuditSpec, attributes: readonly CodedColumn[]): void {
  for (const [attr, group] of Object.entries(spec.reference ?? {})) {
    const a = attributes.find((x) => x.name === attr);
    if (!a) {
      // Intersections ("a × b") are built by the analysis, which checks their references.
      if (attr.includes(' × ')) continue;
      throw new AppError('BAD_ARGUMENTS', `A reference group was given for "${attr}", which is not a protected attribute of this audit (${attributes.map((x) => `"${x.name}"`).join(', ')}).`);
    }
    if (!a.levels.includes(group)) {
      throw new AppError('BAD_ARGUMENTS', `The reference group "${group}" is not a group of "${attr}". Its groups: ${a.levels.map((l) => `"${l}"`).join(', ')}.`, { columnName: attr });
    }
  }
}
