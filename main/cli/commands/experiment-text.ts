// What `cxw experiment` prints without --json: the verdict first, the arms, the comparisons, the sample-ratio check,
// CUPED and the effects by segment.
import type { ExperimentResult, PlanResult } from '../../../shared/monitor-experiment';
import { formatDifference, pPhrase } from '../../analysis/monitor/experiment/words';

const n = (x: number) => x.toLocaleString('en-US');
const pad = (s: string, w: number) => s.padEnd(w);

function est(r: ExperimentResult, x: number | null): string {
  if (x === null) return 'n/a';
  if (r.kind === 'binary') return `${(100 * x).toFixed(2)}%`;
  return r.kind === 'nps' ? x.toFixed(1) : x.toPrecision(5);
}

export function formatExperiment(r: ExperimentResult): string {
  const lines: string[] = [];
  const pct = Math.round(100 * r.level);
  lines.push(r.verdict.status === 'withheld' ? 'VERDICT WITHHELD — sample-ratio mismatch' : `Verdict: ${r.verdict.headline}`);
  for (const s of r.verdict.sentences) lines.push(`  ${s}`);
  lines.push('', `Arms (${r.outcomeLabel}; control “${r.control}”${r.controlSource === 'named' ? ', taken from its name' : ''}):`);
  const w = r.arms.reduce((m, a) => Math.max(m, a.arm.length), 4) + 2;
  for (const a of r.arms) {
    const ci = a.ci ? ` (${pct}% CI ${est(r, a.ci[0])} to ${est(r, a.ci[1])})` : '';
    lines.push(`  ${pad(a.arm, w)}n = ${pad(n(a.n), 9)} ${est(r, a.estimate)}${ci}${a.isControl ? '  [control]' : ''}`);
  }
  if (r.comparisons.length) {
    lines.push('', `Against the control${r.comparisons.length > 1 ? ' (p Holm-adjusted)' : ''}:`);
    const unit = r.kind === 'mean' ? '' : ' pts';
    for (const c of r.comparisons) {
      const lift = c.relativeLift === null ? '' : `, lift ${(100 * c.relativeLift).toFixed(1)}%${c.relativeLiftCi ? ` (${(100 * c.relativeLiftCi[0]).toFixed(1)}% to ${(100 * c.relativeLiftCi[1]).toFixed(1)}%)` : ''}`;
      lines.push(
        `  ${pad(c.arm, w)}${formatDifference(r.kind, c.difference, true)}${unit} (${formatDifference(r.kind, c.ci[0])} to ${formatDifference(r.kind, c.ci[1])})${lift}, ${pPhrase(r.comparisons.length > 1 ? c.pValueAdjusted : c.pValue)}`,
      );
    }
    lines.push(`  ${r.comparisons[0].method}.`);
  }
  const s = r.srm;
  lines.push(
    '',
    `Sample-ratio check (chi-square against the ${s.splitSource === 'given' ? 'planned' : 'equal (default)'} split ${s.arms.map((a) => `${(100 * a.plannedShare).toFixed(1)}%`).join(' / ')}): ` +
      `χ² = ${s.statistic.toFixed(2)}, df ${s.df}, ${pPhrase(s.pValue)}${s.flagged ? ` — MISMATCH (p < ${s.threshold})${s.acknowledged ? ', acknowledged' : '; pass --acknowledge-srm once it has been looked into'}` : ' — fine'}.`,
  );
  if (r.cuped) lines.push(`CUPED on “${r.cuped.covariate}”: θ = ${r.cuped.theta.toPrecision(4)}, variance reduced by ${(100 * r.cuped.varianceReduction).toFixed(1)}%.`);
  if (r.segments) {
    lines.push('', `Effects by ${r.segments.by} (exploratory):`);
    for (const row of r.segments.rows) {
      const parts = row.comparisons.map((c) => `${c.arm} ${c.difference === null ? 'n/a' : formatDifference(r.kind, c.difference, true)}${c.pValue !== null ? ` (${pPhrase(c.pValue)})` : ''}${c.tested ? '' : ' [few rows]'}`);
      lines.push(`  ${pad(row.segment, 24)}${parts.join('; ')}`);
    }
    for (const h of r.segments.heterogeneity) lines.push(`  Heterogeneity of “${h.arm}”: Cochran's Q = ${h.q.toFixed(2)}, df ${h.df}, ${pPhrase(h.pValue)}, I² = ${(100 * h.iSquared).toFixed(0)}%.`);
    lines.push(`  ${r.segments.note}`);
  }
  if (r.mappingNote) lines.push('', r.mappingNote);
  if (r.warnings.length) lines.push('');
  for (const x of r.warnings) lines.push(`Note: ${x}`);
  return lines.join('\n');
}

export function formatPlan(p: PlanResult): string {
  return `${p.sentence}\n${p.method}\nStandardised effect ${p.kind === 'binary' ? "(Cohen's h)" : "(Cohen's d)"}: ${p.effectSize.toFixed(4)}; exact solution ${p.nExact.toFixed(1)} per arm.`;
}
