// Verdicts in plain language: per fairness criterion, what it is, why it matters for THIS decision (assistive →
// missed benefits, i.e. false negatives, matter most; punitive → wrongful sanctions, i.e. false positives), which
// groups fail and by how much, and how sure we are. Pure functions, no I/O.
//
// Status per criterion, over every attribute and intersection:
//   fail — some comparison is flagged (significant after Holm, outside 0.8–1.25);
//   warn — a gap outside the band that is not significant, or a significant gap inside the band (real but
//          smaller than the four-fifths threshold, e.g. 41% vs 48%, ratio 0.85), or (demographic parity) a group
//          failing the four-fifths rule;
// Only reliable comparisons count: one resting on a rate whose denominator is below the minimum group size (the
// group's or the reference's) is left out, and the finding says how many were left out and why
// (shared/audit-gaps.ts, the same judgement the view's gap tables use). The "widest gap" of the executive summary
// is the same function's (widestGap), so the summary and the view's verdict lines name the same gap.
//   pass — every compared group is within the band;
//   not applicable — the criterion needs a label (or a score) the audit does not have, or nothing could be compared.
// Confidence in words from the adjusted p and the group size: a group below the minimum size is "too few to tell".
import type { AuditGroup, AuditMetric, AuditSummary, Disparity, Verdict } from '../../../shared/audit';
import { judgeGaps, leftOutText, widestGap, widestGapText, type LeftOut } from '../../../shared/audit-gaps';
import { RATIO_BAND } from './disparities';
import { favourableRate, mostFavoured, reliableSpread } from './summary';
import { METRIC_LABELS } from './rates';
import { count, fraction, listWords, percent, points, pWords } from './words';

export type Direction = 'assistive' | 'punitive';

export interface CalibrationFinding {
  attribute: string;
  group: string;
  reference: string;
  /** Observed positive rate minus the reference's at the same score decile. */
  difference: number | null;
  pAdjusted: number | null;
  n: number;
}

export interface VerdictContext {
  direction: Direction;
  alpha: number;
  minGroupSize: number;
  withLabel: boolean;
  groups: readonly AuditGroup[];
  disparities: readonly Disparity[];
  summary: AuditSummary;
  /** null when there is no score (or no label) to calibrate. */
  calibration: readonly CalibrationFinding[] | null;
}

/** Calibration gaps smaller than this (5 points of observed rate) are not called a failure. */
export const CALIBRATION_TOLERANCE = 0.05;

/** How sure we are about one comparison, in words. */
export function confidenceWords(pAdjusted: number | null, n: number, minGroupSize: number, alpha: number): string {
  if (n < minGroupSize) return `too few to tell: only ${count(n)} ${n === 1 ? 'person' : 'people'} (fewer than ${minGroupSize})`;
  if (pAdjusted === null) return 'not testable';
  if (pAdjusted < 0.001) return `very confident: a gap this large would almost never arise by chance (${pWords(pAdjusted, 'adjusted')})`;
  if (pAdjusted < alpha) return `confident: unlikely to be chance (${pWords(pAdjusted, 'adjusted')})`;
  if (pAdjusted < 0.2) return `unsure: suggestive, but it could be chance (${pWords(pAdjusted, 'adjusted')})`;
  return `no evidence beyond chance (${pWords(pAdjusted, 'adjusted')})`;
}

interface Judged {
  status: Verdict['status'];
  failing: Disparity[];
  warning: Disparity[];
  /** Significant after Holm but inside the band. */
  withinBand: Disparity[];
  compared: number;
  /** Comparisons left out because a rate rests on fewer than the minimum group size. */
  leftOut: LeftOut[];
}

/** The shared judgement (shared/audit-gaps.ts, also used by the view): reliable comparisons only. */
function judgeMetric(ctx: VerdictContext, metric: AuditMetric): Judged {
  const j = judgeGaps(ctx, metric);
  return { status: j.status, failing: j.failing, warning: j.outside, withinBand: j.within, compared: j.compared, leftOut: j.leftOut };
}

function rateText(ctx: VerdictContext, d: Disparity): string {
  const label = METRIC_LABELS[d.metric];
  const g = ctx.groups.find((x) => x.attribute === d.attribute && x.group === d.group);
  const r = ctx.groups.find((x) => x.attribute === d.attribute && x.group === d.reference);
  const gv = g?.[d.metric]?.value;
  const rv = r?.[d.metric]?.value;
  const size = d.ratio !== null ? `ratio ${d.ratio.toFixed(2)}` : `${points(d.difference!)}`;
  const p = d.pAdjusted !== null ? `, ${pWords(d.pAdjusted, 'adjusted')}` : '';
  return `${d.attribute} "${d.group}" has ${label} ${percent(gv ?? 0)} vs ${percent(rv ?? 0)} for "${d.reference}" (${size}${p})`;
}

function confidenceOf(ctx: VerdictContext, j: Judged): string {
  const sizeOf = (d: Disparity) => ctx.groups.find((g) => g.attribute === d.attribute && g.group === d.group)?.n ?? 0;
  const shown = j.failing.length > 0 ? j.failing : j.warning.length > 0 ? j.warning : j.withinBand;
  if (j.status === 'not applicable') {
    return j.leftOut.length > 0 ? `Too few to tell: every comparison rests on fewer than ${ctx.minGroupSize} people.` : 'Nothing to judge.';
  }
  if (shown.length === 0) {
    const compared = ctx.groups.filter((g) => !g.isReference);
    const smallest = compared.reduce((m, g) => Math.min(m, g.n), Number.POSITIVE_INFINITY);
    const smalls = j.leftOut.length;
    return smalls > 0
      ? `Fairly confident for the groups judged; ${smalls} group${smalls === 1 ? ' was' : 's were'} left out, too few to tell.`
      : `Fairly confident: every compared group has at least ${count(smallest)} people, so a gap outside the band would likely show.`;
  }
  const d = shown[0];
  return `For the largest gap, ${confidenceWords(d.pAdjusted, sizeOf(d), ctx.minGroupSize, ctx.alpha)}.`;
}

function listed(ctx: VerdictContext, ds: Disparity[], lead: string): string {
  const shown = ds.slice(0, 3);
  const more = ds.length > shown.length ? `; and ${ds.length - shown.length} more` : '';
  return `${lead}${shown.map((d) => rateText(ctx, d)).join('; ')}${more}.`;
}

const groupsWord = (n: number) => `${n} group${n === 1 ? '' : 's'}`;

function findingOf(ctx: VerdictContext, j: Judged, metric: AuditMetric): string {
  const label = METRIC_LABELS[metric];
  const band = `${RATIO_BAND[0]}–${RATIO_BAND[1]}`;
  const left = leftOutText(j.leftOut, label, ctx.minGroupSize);
  if (j.compared === 0) return left ? `No ${label} could be judged. ${left}` : `No ${label} could be compared.`;
  const parts: string[] = [];
  if (j.failing.length > 0) parts.push(listed(ctx, j.failing, `${groupsWord(j.failing.length)} differ${j.failing.length === 1 ? 's' : ''} significantly, outside ${band}: `));
  else if (j.warning.length > 0) parts.push(listed(ctx, j.warning, `${j.warning.length} gap${j.warning.length === 1 ? '' : 's'} outside ${band}, not significant: `));
  if (j.withinBand.length > 0) parts.push(listed(ctx, j.withinBand, `Smaller but significant gaps, inside ${band}: `));
  if (parts.length === 0) parts.push(`Every group's ${label} is within ${band} of its reference's (${j.compared} comparison${j.compared === 1 ? '' : 's'}).`);
  if (left) parts.push(left);
  return parts.join(' ');
}

const WHY = {
  parity: {
    assistive:
      'The decision is a benefit: a group selected less often receives less of it, whatever the reason. It ignores the true outcome, so different base rates can justify some gap.',
    punitive:
      'The decision is a sanction: a group selected more often bears more of it, whatever the reason. It ignores the true outcome, so different base rates can justify some gap.',
  },
  opportunity: {
    assistive:
      'This matters most here. For a benefit, a false negative is a person who qualified but was refused; unequal FNR means qualified people in one group are turned away more often.',
    punitive:
      'For a sanction, a false negative is a case that should have been caught but was not; it costs the organisation more than the person, so false positive parity matters more here.',
  },
  equality: {
    assistive:
      'For a benefit, a false positive gives it to someone who did not qualify; it costs the organisation more than the person, so false negative parity matters more here.',
    punitive:
      'This matters most here. For a sanction, a false positive is a person who did nothing to deserve it but was sanctioned; unequal FPR means innocent people in one group are sanctioned more often.',
  },
  odds: {
    assistive: 'It asks for both error rates to match. For a benefit the false negative side (missed qualified people) matters most.',
    punitive: 'It asks for both error rates to match. For a sanction the false positive side (innocent people sanctioned) matters most.',
  },
  calibration: {
    assistive:
      'A score should mean the same in every group. If a group turns out positive more often than others at the same score, the score under-states it and the group is denied a benefit its outcomes justify.',
    punitive:
      'A score should mean the same risk in every group. If a group turns out positive less often than others at the same score, the score over-states its risk and the group is sanctioned more than its outcomes justify.',
  },
  predictive: {
    assistive:
      'A positive decision should mean the same in every group. A group with a higher PPV had to clear a higher bar to be selected. When base rates differ, predictive parity and equalised odds cannot both hold.',
    punitive:
      'A positive decision should mean the same in every group. A group with a lower PPV has more innocent people among those sanctioned. When base rates differ, predictive parity and equalised odds cannot both hold.',
  },
} as const;

const NEEDS_LABEL = 'This needs a ground-truth label (the actual outcome); add one to the audit to judge it.';

function labelVerdict(ctx: VerdictContext, metric: AuditMetric, name: string, what: string, why: string): Verdict {
  if (!ctx.withLabel) return { metric: name, what, why, finding: NEEDS_LABEL, confidence: 'Not applicable.', status: 'not applicable' };
  const j = judgeMetric(ctx, metric);
  return { metric: name, what, why, finding: findingOf(ctx, j, metric), confidence: confidenceOf(ctx, j), status: j.status, leftOut: j.leftOut.length };
}

function parityVerdict(ctx: VerdictContext): Verdict {
  const j = judgeMetric(ctx, 'selectionRate');
  const favourable = ctx.direction === 'assistive' ? 'the positive decision' : 'not being sanctioned';
  const failing = ctx.summary.byAttribute.filter((s) => s.fourFifthsFailing.length > 0);
  const fav = (g: AuditGroup) => favourableRate(g.selectionRate.value!, ctx.direction);
  const fourFifthsOf = (s: AuditSummary['byAttribute'][number]) => {
    const gs = ctx.groups.filter((g) => g.attribute === s.attribute);
    const best = mostFavoured(gs, ctx.direction, ctx.minGroupSize);
    const named = s.fourFifthsFailing.slice(0, 4).map((name) => `"${name}" ${percent(fav(gs.find((g) => g.group === name)!))}`);
    const more = s.fourFifthsFailing.length > 4 ? ` and ${s.fourFifthsFailing.length - 4} more` : '';
    return `${s.attribute} ${listWords(named)}${more} vs ${percent(fav(best))} for "${best.group}"`;
  };
  const four =
    failing.length === 0
      ? ` Every group passes the four-fifths rule on ${favourable}.`
      : ` Four-fifths rule on ${favourable}: ${failing.map(fourFifthsOf).join('; ')} (below 4/5 of the most favoured group).`;
  // Over the groups whose selection rate is reliable, so the sentence never rests on a group of two.
  const s0 = ctx.summary.byAttribute[0];
  const spread0 = reliableSpread(ctx.groups.filter((g) => g.attribute === s0.attribute), 'selectionRate', ctx.minGroupSize);
  const dp = spread0
    ? ` Demographic parity difference for ${s0.attribute}: ${fraction(spread0.difference)} (ratio ${spread0.ratio.toFixed(2)}${spread0.groups < ctx.groups.filter((g) => g.attribute === s0.attribute).length ? `, over the ${spread0.groups} groups of at least ${ctx.minGroupSize} people` : ''}).`
    : '';
  const status: Verdict['status'] = (j.status === 'pass' || j.status === 'not applicable') && failing.length > 0 ? 'warn' : j.status;
  return {
    metric: 'Demographic parity (four-fifths rule)',
    what: 'Does every group get the positive decision at the same rate (the selection rate)? The four-fifths rule asks that no group’s rate of the favourable outcome fall below 80% of the most favoured group’s.',
    why: WHY.parity[ctx.direction],
    finding: findingOf(ctx, { ...j, status }, 'selectionRate') + four + dp,
    confidence: confidenceOf(ctx, j),
    status,
    leftOut: j.leftOut.length,
  };
}

function oddsVerdict(ctx: VerdictContext, opportunity: Verdict, equality: Verdict): Verdict {
  const what = 'Are both error rates — the true positive rate and the false positive rate — the same for every group? Fairlearn’s equalised odds difference is the larger of the two gaps.';
  if (!ctx.withLabel) return { metric: 'Equalised odds', what, why: WHY.odds[ctx.direction], finding: NEEDS_LABEL, confidence: 'Not applicable.', status: 'not applicable' };
  const rank = { fail: 3, warn: 2, pass: 1, 'not applicable': 0 } as const;
  const status = rank[opportunity.status] >= rank[equality.status] ? opportunity.status : equality.status;
  // Fairlearn's larger of the TPR and FPR gaps, over reliable rates only (the summary table keeps every group).
  const gaps = ctx.summary.byAttribute
    .map((s) => {
      const gs = ctx.groups.filter((g) => g.attribute === s.attribute);
      const tpr = reliableSpread(gs, 'tpr', ctx.minGroupSize)?.difference ?? null;
      const fpr = reliableSpread(gs, 'fpr', ctx.minGroupSize)?.difference ?? null;
      const worst = tpr === null ? fpr : fpr === null ? tpr : Math.max(tpr, fpr);
      return worst === null ? null : `${s.attribute} ${fraction(worst)}`;
    })
    .filter((x): x is string => x !== null);
  const parts = [
    `Equal opportunity: ${opportunity.status}; predictive equality: ${equality.status}.`,
    gaps.length > 0 ? `Equalised odds difference: ${gaps.join(', ')}.` : 'No equalised odds difference could be computed.',
  ];
  return { metric: 'Equalised odds', what, why: WHY.odds[ctx.direction], finding: parts.join(' '), confidence: status === equality.status ? equality.confidence : opportunity.confidence, status };
}

function calibrationVerdict(ctx: VerdictContext): Verdict | null {
  if (!ctx.calibration) return null;
  const what = 'At the same score (decile), does every group turn out positive at the same observed rate?';
  // A group below the minimum size is left out: its decile rates rest on a handful of people.
  const defined = ctx.calibration.filter((c) => c.difference !== null);
  const rows = defined.filter((c) => c.n >= ctx.minGroupSize);
  const leftOut = defined.length - rows.length;
  const big = rows.filter((c) => Math.abs(c.difference!) >= CALIBRATION_TOLERANCE);
  const significant = big.filter((c) => c.pAdjusted !== null && c.pAdjusted < ctx.alpha);
  const status: Verdict['status'] = rows.length === 0 ? 'not applicable' : significant.length > 0 ? 'fail' : big.length > 0 ? 'warn' : 'pass';
  const shown = (significant.length > 0 ? significant : big).sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!)).slice(0, 3);
  const describe = (c: CalibrationFinding) =>
    `${c.attribute} "${c.group}" turns out positive ${points(c.difference!).replace(/^[+−]/, '')} ${c.difference! < 0 ? 'less' : 'more'} often than "${c.reference}" at the same score (${pWords(c.pAdjusted ?? 1, 'adjusted')}): the score ${c.difference! < 0 ? 'over-states' : 'under-states'} its risk`;
  const left = leftOut > 0 ? ` ${leftOut} group${leftOut === 1 ? '' : 's'} left out: fewer than ${ctx.minGroupSize} people.` : '';
  const finding =
    (status === 'not applicable'
      ? defined.length > 0 ? 'No group of at least the minimum size shares a score decile with its reference.' : 'No group shares a score decile with its reference.'
      : status === 'pass'
        ? `Every group's observed rate is within ${Math.round(CALIBRATION_TOLERANCE * 100)} points of its reference's at the same score.`
        : `${shown.map(describe).join('; ')}.`) + left;
  const confidence =
    shown.length > 0
      ? `For the largest gap, ${confidenceWords(shown[0].pAdjusted, shown[0].n, ctx.minGroupSize, ctx.alpha)}.`
      : confidenceOf(ctx, { status, failing: [], warning: [], withinBand: [], compared: rows.length, leftOut: defined.filter((c) => c.n < ctx.minGroupSize).map((c) => ({ attribute: c.attribute, group: c.group, denominator: c.n })) });
  return { metric: 'Calibration within groups', what, why: WHY.calibration[ctx.direction], finding, confidence, status, leftOut };
}

export function buildVerdicts(ctx: VerdictContext): Verdict[] {
  const parity = parityVerdict(ctx);
  const opportunity = labelVerdict(
    ctx,
    'fnr',
    'Equal opportunity (false negative parity)',
    'Among people whose true outcome is positive, does every group get the positive decision equally often? Measured by the false negative rate (FNR, the miss rate; 1 − TPR).',
    WHY.opportunity[ctx.direction],
  );
  const equality = labelVerdict(
    ctx,
    'fpr',
    'Predictive equality (false positive parity)',
    'Among people whose true outcome is negative, is every group wrongly given the positive decision equally often? Measured by the false positive rate (FPR).',
    WHY.equality[ctx.direction],
  );
  const odds = oddsVerdict(ctx, opportunity, equality);
  const calibration = calibrationVerdict(ctx);
  const predictive = labelVerdict(
    ctx,
    'ppv',
    'Predictive parity',
    'Among people given the positive decision, is the share whose true outcome is positive (PPV, precision) the same in every group?',
    WHY.predictive[ctx.direction],
  );
  // The criterion that matters most for this decision comes right after demographic parity.
  const first = ctx.direction === 'assistive' ? [opportunity, equality] : [equality, opportunity];
  return [parity, ...first, odds, ...(calibration ? [calibration] : []), predictive];
}

export interface ExecutiveContext {
  decisionNote: string;
  rows: number;
  attributes: readonly string[];
  direction: Direction;
  withLabel: boolean;
  verdicts: readonly Verdict[];
  summary: AuditSummary;
  groups: readonly AuditGroup[];
  disparities: readonly Disparity[];
  minGroupSize: number;
  alpha: number;
  flaggedProxies: readonly { feature: string; attribute: string }[];
}

/** 3–5 plain sentences. */
export function executiveSummary(c: ExecutiveContext): string {
  const s: string[] = [];
  s.push(`We audited ${c.decisionNote} for ${count(c.rows)} people across ${listWords(c.attributes)}.`);
  const judged = c.verdicts.filter((v) => v.status !== 'not applicable');
  const fails = judged.filter((v) => v.status === 'fail');
  const warns = judged.filter((v) => v.status === 'warn');
  const checks = `${judged.length} fairness check${judged.length === 1 ? '' : 's'}`;
  if (fails.length > 0) s.push(`It fails ${fails.length} of ${checks}: ${listWords(fails.map((v) => v.metric.toLowerCase()))}.`);
  else if (warns.length > 0) s.push(`No check fails clearly, but ${listWords(warns.map((v) => v.metric.toLowerCase()))} ${warns.length === 1 ? 'shows gaps' : 'show gaps'} worth a closer look (smaller than the four-fifths threshold, possibly chance, or in small groups).`);
  else s.push(`Every fairness check passes: no group differs from its reference beyond the ${RATIO_BAND[0]}–${RATIO_BAND[1]} band with statistical confidence.`);
  const key = c.verdicts.find((v) => v.metric.startsWith(c.direction === 'assistive' ? 'Equal opportunity' : 'Predictive equality'));
  if (!c.withLabel) {
    s.push('Without the actual outcomes (a ground-truth label) only selection rates could be compared; error-rate fairness is not judged.');
  } else if (key) {
    const what = c.direction === 'assistive' ? 'qualified people missed (false negatives)' : 'innocent people sanctioned (false positives)';
    s.push(`For this ${c.direction === 'assistive' ? 'benefit' : 'sanction'} the check that matters most is ${what}: it ${key.status === 'fail' ? 'fails' : key.status === 'warn' ? 'shows a gap that needs a closer look' : 'passes'}.`);
  }
  // The same function (and words) as the view's verdict line for demographic parity: one widest gap per run.
  const widest = widestGap({ groups: c.groups, disparities: c.disparities, minGroupSize: c.minGroupSize, alpha: c.alpha }, 'selectionRate');
  if (widest) s.push(`The widest gap in selection rates: ${widestGapText(widest)}.`);
  const small = c.groups.filter((g) => g.n < c.minGroupSize).length;
  if (c.flaggedProxies.length > 0) {
    const p = c.flaggedProxies[0];
    s.push(`${c.flaggedProxies.length} feature${c.flaggedProxies.length === 1 ? ' acts' : 's act'} as a proxy for a protected attribute (e.g. ${p.feature} for ${p.attribute}), so using ${c.flaggedProxies.length === 1 ? 'it' : 'them'} can carry the same bias.`);
  } else if (small > 0) {
    s.push(`${small} group${small === 1 ? ' has' : 's have'} fewer than ${c.minGroupSize} people; results for ${small === 1 ? 'it are' : 'them are'} too uncertain to act on.`);
  }
  return s.slice(0, 5).join(' ');
}
