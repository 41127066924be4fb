// The fairness and bias audit of one decision: per-group rates, disparities against a reference with tests and a
// multiple-comparison adjustment, Fairlearn's summary metrics, calibration by score decile, proxies,
// representation and verdicts in words. Pure: the data path (main/workspace/audit) loads and codes the rows and
// then sets `rows`/`excludedRows` and appends its own warnings.
//
// Choices (each module's header has the details):
// - Groups: one per level of each protected attribute, in the input's level order; a level nobody has is left
//   out. Rows whose code is −1 belong to no group of that attribute (with missing = 'group' the data path has
//   already made "(missing)" a level, so this only happens when it excluded them). With `intersect`, every
//   combination of 2+ attributes is audited too ("gender × age_band", groups "Female × 18-24").
// - Reference group: spec.reference[attribute] when given (also accepted for an intersection's name), else the
//   largest group — "(missing)" is never the default unless it is the only group; ties go to the first level.
// - Disparities, tests, Holm adjustment and flags: disparities.ts. Summary metrics and four-fifths: summary.ts.
//   Calibration: calibration.ts. Proxies: proxies.ts. Representation: representation.ts. Verdicts: verdicts.ts.
// - Speed: one counting pass per audited column over typed arrays (codes → four confusion counts per group);
//   the only super-linear step is the score deciles (partial selection, quantiles.ts). 1M rows, two attributes
//   and their intersection with a label: ~25 ms; with a score for calibration ~85 ms (tests/bench/fairness-analysis-timing.test.ts).
import { AUDIT_METRICS, type AuditGroup, type AuditMetric, type AuditResult, type AuditSpec, type CalibrationBin } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import { holm } from '../nps/compare';
import { calibrationBins, calibrationGap, calibrationTallies, decileCodes, decileEdges } from './calibration';
import { poll } from './cancel';
import { auditedColumns, MISSING_LEVEL } from './columns';
import { confusionCounts, confusionOf, groupSize } from './counts';
import { computeDisparities, type ColumnGroups } from './disparities';
import { proxyAssociations } from './proxies';
import { groupRates } from './rates';
import { representationCheck } from './representation';
import { summarize, summarizeAttribute } from './summary';
import type { AuditInput, CodedColumn } from './types';
import { buildVerdicts, executiveSummary, type CalibrationFinding } from './verdicts';
import { count, listWords } from './words';
import { pushAll } from '../../../shared/extent';

export const DEFAULTS = { minGroupSize: 30, alpha: 0.05, proxyThreshold: 0.3, direction: 'assistive' } as const;

interface AuditedColumn {
  column: CodedColumn;
  /** Codes of the levels that have rows, in level order, aligned with `groups`. */
  codes: number[];
  groups: AuditGroup[];
  reference: AuditGroup;
  referenceCode: number;
}

function checkInput(input: AuditInput): void {
  if (!(input.n > 0)) throw new AppError('BAD_ARGUMENTS', 'There are no rows to audit: every row lacks the decision (or the label). Check the decision and label columns.');
  if (input.attributes.length === 0) throw new AppError('BAD_ARGUMENTS', 'Choose at least one protected attribute to audit the decision against.');
  const short = (what: string, length: number) => {
    if (length < input.n) throw new AppError('INTERNAL', `The audit input's ${what} has ${length} values for ${input.n} rows.`);
  };
  short('predictions', input.predicted.length);
  if (input.label) short('labels', input.label.length);
  if (input.score) short('scores', input.score.length);
  for (const c of [...input.attributes, ...input.proxies]) short(`column ${c.name}`, c.codes.length);
  // The counting pass indexes by these bits, so anything but 0/1 would land in another group's cells.
  const binary = (what: string, v: Uint8Array) => {
    for (let i = 0; i < input.n; i++) if (v[i] > 1) throw new AppError('INTERNAL', `The audit input's ${what} must be 0 or 1 (row ${i} has ${v[i]}).`);
  };
  binary('predictions', input.predicted);
  if (input.label) binary('labels', input.label);
}

function pickReference(column: CodedColumn, groups: AuditGroup[], wanted: string | undefined): number {
  if (wanted !== undefined) {
    const i = groups.findIndex((g) => g.group === wanted);
    if (i < 0) {
      const names = groups.map((g) => `"${g.group}"`);
      throw new AppError(
        'BAD_ARGUMENTS',
        `The reference group "${wanted}" is not a group of ${column.name} in the audited rows (groups: ${names.join(', ')}). Choose one of these, or leave the reference out to use the largest group.`,
        { attribute: column.name, reference: wanted },
      );
    }
    return i;
  }
  let best = -1;
  for (let i = 0; i < groups.length; i++) {
    if (groups[i].group === MISSING_LEVEL) continue;
    if (best < 0 || groups[i].n > groups[best].n) best = i;
  }
  return best < 0 ? 0 : best;
}

function auditColumn(input: AuditInput, column: CodedColumn, spec: AuditSpec, minGroupSize: number): AuditedColumn {
  const withLabel = input.label !== null;
  const counts = confusionCounts(column.codes, column.levels.length, input.predicted, input.label, input.n);
  const groups: AuditGroup[] = [];
  const codes: number[] = [];
  for (let code = 0; code < column.levels.length; code++) {
    const confusion = confusionOf(counts, code);
    const n = groupSize(confusion);
    if (n === 0) continue;
    codes.push(code);
    groups.push({
      attribute: column.name,
      group: column.levels[code],
      n,
      share: n / input.n,
      small: n < minGroupSize,
      isReference: false,
      ...groupRates(confusion, withLabel, minGroupSize),
      confusion: withLabel ? confusion : null,
    });
  }
  if (groups.length === 0) {
    throw new AppError('BAD_ARGUMENTS', `The protected attribute ${column.name} has no values in the audited rows; choose another attribute or keep missing values as their own group.`, {
      attribute: column.name,
    });
  }
  const ref = pickReference(column, groups, spec.reference?.[column.name]);
  groups[ref].isReference = true;
  return { column, codes, groups, reference: groups[ref], referenceCode: codes[ref] };
}

function calibrate(input: AuditInput, audited: AuditedColumn[], minGroupSize: number, isCancelled?: () => boolean): { bins: CalibrationBin[]; findings: CalibrationFinding[] } | null {
  if (!input.score || !input.label) return null;
  const edges = decileEdges(input.score, input.n);
  if (!edges) return null;
  const deciles = decileCodes(input.score, input.n, edges);
  const bins: CalibrationBin[] = [];
  const findings: CalibrationFinding[] = [];
  const pValues: number[] = [];
  for (const a of audited) {
    poll(isCancelled);
    const tallies = calibrationTallies(a.column.codes, a.column.levels.length, deciles, input.score, input.label, input.n);
    pushAll(bins, calibrationBins(a.column.name, a.groups.map((g, i) => ({ code: a.codes[i], name: g.group })), tallies, edges, minGroupSize));
    a.groups.forEach((g, i) => {
      if (g === a.reference) return;
      const gap = calibrationGap(tallies, a.codes[i], a.referenceCode);
      findings.push({ attribute: a.column.name, group: g.group, reference: a.reference.group, difference: gap.difference, pAdjusted: gap.pValue, n: gap.n });
      if (gap.pValue !== null) pValues.push(gap.pValue);
    });
  }
  // Holm over the calibration comparisons (their own family: a different question from the rate disparities).
  const adjusted = holm(pValues);
  let k = 0;
  for (const f of findings) if (f.pAdjusted !== null) f.pAdjusted = adjusted[k++];
  return { bins, findings };
}

export function auditDecision(input: AuditInput, spec: AuditSpec, isCancelled?: () => boolean): AuditResult {
  checkInput(input);
  const direction = spec.direction ?? DEFAULTS.direction;
  const alpha = spec.alpha ?? DEFAULTS.alpha;
  const minGroupSize = spec.minGroupSize ?? DEFAULTS.minGroupSize;
  const proxyThreshold = spec.proxyThreshold ?? DEFAULTS.proxyThreshold;
  const withLabel = input.label !== null;
  const warnings: string[] = [];

  const audited: AuditedColumn[] = [];
  for (const column of auditedColumns(input.attributes, input.n, spec.intersect === true)) {
    poll(isCancelled);
    audited.push(auditColumn(input, column, spec, minGroupSize));
  }
  const groups = audited.flatMap((a) => a.groups);

  const metrics: readonly AuditMetric[] = withLabel ? AUDIT_METRICS : ['selectionRate'];
  const columnGroups: ColumnGroups[] = audited.map((a) => ({ attribute: a.column.name, groups: a.groups, reference: a.reference }));
  const { disparities, adjustment } = computeDisparities(columnGroups, { metrics, alpha, minGroupSize });
  const summary = summarize(audited.map((a) => summarizeAttribute(a.column.name, a.groups, direction, minGroupSize)));

  const calibration = calibrate(input, audited, minGroupSize, isCancelled);
  const proxies = proxyAssociations(input.proxies, input.attributes, input.n, proxyThreshold, isCancelled);

  let representation: AuditResult['representation'] = null;
  if (spec.population && Object.keys(spec.population).length > 0) {
    representation = Object.entries(spec.population).map(([attribute, shares]) => {
      const a = audited.find((x) => x.column.name === attribute);
      if (!a) {
        throw new AppError('BAD_ARGUMENTS', `Expected shares were given for ${attribute}, which is not a protected attribute of this audit (${listWords(input.attributes.map((x) => x.name))}).`, {
          attribute,
        });
      }
      return representationCheck(attribute, a.groups, shares, alpha);
    });
  }

  for (const a of audited) {
    if (a.groups.length === 1) warnings.push(`${a.column.name} has a single group ("${a.groups[0].group}") in the audited rows, so nothing can be compared.`);
    const small = a.groups.filter((g) => g.small);
    if (small.length > 0) {
      const names = small.slice(0, 5).map((g) => `"${g.group}" (${count(g.n)})`);
      warnings.push(
        `${a.column.name}: ${small.length} group${small.length === 1 ? ' has' : 's have'} fewer than ${minGroupSize} rows — ${names.join(', ')}${small.length > 5 ? ', …' : ''}: shown, but their rates are too uncertain to judge and are left out of the verdicts.`,
      );
    }
  }

  const verdicts = buildVerdicts({ direction, alpha, minGroupSize, withLabel, groups, disparities, summary, calibration: calibration?.findings ?? null });
  const executive = executiveSummary({
    decisionNote: input.decisionNote,
    rows: input.n,
    attributes: input.attributes.map((a) => a.name),
    direction,
    withLabel,
    verdicts,
    summary,
    groups,
    disparities,
    minGroupSize,
    alpha,
    flaggedProxies: proxies.filter((p) => p.flag),
  });

  return {
    spec,
    rows: input.n,
    excludedRows: 0,
    decisionNote: input.decisionNote,
    groups,
    disparities,
    adjustment,
    summary,
    calibration: calibration?.bins ?? null,
    proxies,
    representation,
    verdicts,
    executiveSummary: executive,
    warnings,
  };
}

export type { AuditInput, CodedColumn } from './types';
