// The 'experiment.run' job: read the arm, outcome, covariate and segment columns of a dataset, turn them into the
// arrays the pure analysis takes (main/analysis/monitor/experiment), and refuse what cannot be read with confidence:
// a binary outcome without its positive value, a mean of a text column, a score that is not 0–10. Read-only.
import { AppError } from '../../../../shared/errors';
import type { ExperimentResult, ExperimentSpec } from '../../../../shared/monitor-experiment';
import { analyzeExperiment, type ExperimentData } from '../../../analysis/monitor/experiment/analyze';
import { MAX_SEGMENTS } from '../../../analysis/monitor/experiment/segments';
import { readScores } from '../../../analysis/nps/scores';
import type { Db } from '../../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../../datasets';
import { groupingOf, loadProgress, resolveColumn, scoreColumn, type LoadProgress } from '../../nps/nps-columns';
import { segmentGrouping } from '../../nps/nps-segments';
import { loadColumns, type LoadedColumn } from '../../segments/columns';
import { pushAll } from '../../../../shared/extent';

const bad = (message: string, details?: Record<string, unknown>): never => {
  throw new AppError('BAD_ARGUMENTS', message, details);
};
const numericType = (c: StoredColumn) => c.type === 'integer' || c.type === 'real';
const fmtValue = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10))));

/** A loaded column as text labels per row (−1 = missing): numbers as written, booleans by their labels. */
export function asLabels(c: LoadedColumn): { labels: string[]; codes: Int32Array } {
  if (c.kind === 'categorical') return { labels: c.levels, codes: c.codes };
  const labels: string[] = [];
  const index = new Map<number, number>();
  const codes = new Int32Array(c.values.length);
  const bools = c.column.type === 'boolean' ? (c.column.booleanLabels ?? { true: 'true', false: 'false' }) : null;
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = labels.length;
      index.set(v, code);
      labels.push(bools ? (v === 1 ? bools.true : bools.false) : fmtValue(v));
    }
    codes[i] = code;
  }
  return { labels, codes };
}

/** binary: 1 where the outcome is the positive value, 0 for any other value, NaN when missing. */
function binaryOutcome(ds: StoredDataset, c: LoadedColumn, positive: string | undefined, warnings: string[]): Float64Array {
  const { labels, codes } = asLabels(c);
  const found = labels.slice(0, 12).map((l) => `“${l}”`).join(', ');
  if (positive === undefined) {
    return bad(`A yes/no outcome needs the value that counts as a success, never guessed: pass --positive V (values of “${c.column.name}”: ${found}${labels.length > 12 ? ', …' : ''}).`, {
      columnName: c.column.name,
    });
  }
  let hit = labels.indexOf(positive);
  // Booleans and numbers: "true"/"1" name the same value as the column's own label.
  if (hit < 0 && c.column.type === 'boolean') {
    const p = positive.trim().toLowerCase();
    const want = p === 'true' || p === '1' || p === 'yes' ? 1 : p === 'false' || p === '0' || p === 'no' ? 0 : -1;
    const labelsOf = c.column.booleanLabels ?? { true: 'true', false: 'false' };
    if (want >= 0) hit = labels.indexOf(want === 1 ? labelsOf.true : labelsOf.false);
  }
  if (hit < 0 && c.kind === 'numeric' && Number.isFinite(Number(positive))) hit = labels.indexOf(fmtValue(Number(positive)));
  if (hit < 0) bad(`The outcome “${c.column.name}” of “${ds.name}” never holds “${positive}”. Values found: ${found}${labels.length > 12 ? ', …' : ''}.`, { columnName: c.column.name });
  if (labels.length > 2) {
    warnings.push(`“${c.column.name}” has ${labels.length} distinct values; “${labels[hit]}” counts as a success and every other value (${labels.filter((_, i) => i !== hit).slice(0, 5).join(', ')}${labels.length > 6 ? ', …' : ''}) as not.`);
  }
  return Float64Array.from(codes, (k) => (k < 0 ? Number.NaN : k === hit ? 1 : 0));
}

export function runExperiment(db: Db, spec: ExperimentSpec, ctx: LoadProgress): ExperimentResult {
  const ds = getDataset(db, spec.dataset);
  const armCol = resolveColumn(ds, spec.arm, 'arm (assignment) column');
  const outcomeCol = spec.kind === 'nps' ? scoreColumn(ds, spec.outcome) : resolveColumn(ds, spec.outcome, 'outcome column');
  if (outcomeCol.name === armCol.name) bad(`“${armCol.name}” cannot be both the arm and the outcome.`);
  if (spec.kind === 'mean' && !numericType(outcomeCol)) {
    bad(`A mean needs a numeric outcome; “${outcomeCol.name}” is ${outcomeCol.type}.${outcomeCol.type === 'boolean' || outcomeCol.type === 'text' ? ' For a yes/no outcome use --kind binary --positive V.' : ''}`, { columnName: outcomeCol.name });
  }
  if (spec.kind !== 'binary' && spec.positive !== undefined) bad(`--positive is for a yes/no outcome (--kind binary), not a ${spec.kind === 'mean' ? 'mean' : 'score read as NPS'}.`);
  if (spec.kind !== 'nps' && spec.mapping) bad('A score mapping (--map) is for an outcome read as NPS (--kind nps).');
  if (spec.by && spec.segmentation) bad('Show effects by a column or by a saved segmentation, not both.');
  const covCol = spec.covariate ? resolveColumn(ds, spec.covariate, 'covariate') : null;
  if (covCol && !numericType(covCol) && covCol.type !== 'boolean') bad(`CUPED needs a numeric pre-period covariate; “${covCol.name}” is ${covCol.type}.`, { columnName: covCol.name });
  if (covCol && (covCol.name === outcomeCol.name || covCol.name === armCol.name)) bad(`The covariate must be another column than the arm and the outcome (measured before the experiment).`);
  const byCol = spec.by ? resolveColumn(ds, spec.by, 'segment column') : null;

  const wanted = [armCol, outcomeCol, ...(covCol ? [covCol] : []), ...(byCol ? [byCol] : [])];
  const loaded = loadColumns(db, ds, wanted, loadProgress(ctx));
  const [armL, outL] = loaded.columns;
  const covL = covCol ? loaded.columns[2] : null;
  const byL = byCol ? loaded.columns[covCol ? 3 : 2] : null;
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while reading the experiment.');
  ctx.onProgress({ phase: 'analyze', done: 0, total: null });

  const warnings: string[] = [...loaded.warnings];
  const arm = asLabels(armL);
  let outcome: Float64Array;
  let mappingNote: string | null = null;
  let outcomeLabel: string;
  if (spec.kind === 'binary') {
    outcome = binaryOutcome(ds, outL, spec.positive, warnings);
    outcomeLabel = `rate of ${outcomeCol.name} = ${spec.positive}`;
  } else if (spec.kind === 'mean') {
    outcome = (outL as Extract<LoadedColumn, { kind: 'numeric' }>).values;
    outcomeLabel = `mean ${outcomeCol.name}`;
  } else {
    const read = readScores((outL as Extract<LoadedColumn, { kind: 'numeric' }>).values, spec.mapping, { dataset: ds.name, column: outcomeCol.name, rowOf: (i) => loaded.rows[i] });
    outcome = Float64Array.from(read.scores, (s) => (s < 0 ? Number.NaN : s));
    mappingNote = read.mappingNote;
    pushAll(warnings, read.warnings);
    outcomeLabel = spec.mapping?.kind === 'rescale' && !(spec.mapping.from[0] === 0 && spec.mapping.from[1] === 10) ? `net score of ${outcomeCol.name}` : `NPS of ${outcomeCol.name}`;
  }

  let segments: ExperimentData['segments'] = null;
  if (byL) {
    const g = groupingOf(ds, byL);
    g.notes.forEach((note) => warnings.push(note));
    segments = { by: byCol!.name, labels: g.labels, codes: g.codes };
  } else if (spec.segmentation) {
    const s = segmentGrouping(db, spec.segmentation, ds, loaded.rows, ctx);
    // The NPS view's matcher speaks of survey answers; here they are the experiment's rows.
    pushAll(warnings, s.warnings.map((w) => w.replace(/^Answers were matched/, 'Rows were matched').replace(/^No answer's id/, "No row's id")));
    segments = { by: `segmentation ${spec.segmentation}`, labels: s.grouping.labels, codes: s.grouping.codes };
  }
  if (segments && segments.labels.length > MAX_SEGMENTS) {
    bad(`“${segments.by}” has ${segments.labels.length} groups; effects by segment take at most ${MAX_SEGMENTS} (a region, plan, channel or segment).`);
  }

  return analyzeExperiment(
    {
      kind: spec.kind,
      armLabels: arm.labels,
      armCodes: arm.codes,
      outcome,
      covariate: covL ? (covL as Extract<LoadedColumn, { kind: 'numeric' }>).values : null,
      segments,
      outcomeLabel,
      positive: spec.kind === 'binary' ? (spec.positive ?? null) : null,
      mappingNote,
      warnings,
    },
    spec,
  );
}
