// `cxw drivers` for people: what was modelled and on how many rows, R², the weights table (most important first,
// with bootstrap intervals, the coefficient's sign and the quadrant), then the quadrant grouped, then warnings.
import type { DriversResult, Quadrant } from '../../../shared/nps';
import { table } from '../format';
import { pushAll } from '../../../shared/extent';
import { formatStability } from './drivers-stability-text';

const int = (n: number) => n.toLocaleString('en-US');
const QUADRANTS: Quadrant[] = ['improve first', 'key strength', 'maintain', 'low priority'];
const QUADRANT_MEANING: Record<Quadrant, string> = {
  'improve first': 'important, performing below the others',
  'key strength': 'important, performing well',
  maintain: 'less important, performing well',
  'low priority': 'less important, performing below the others',
};

export function formatDrivers(r: DriversResult): string {
  const level = Math.round(100 * (r.spec.level ?? 0.95));
  const method = r.model === 'linear' ? 'linear relative weights (Johnson 2000)' : 'logistic relative weights (Tonidandel & LeBreton 2010)';
  const left = r.excludedRows ? ` (${int(r.excludedRows)} rows left out for a missing target or driver)` : '';
  const fit = r.model === 'linear' ? `R² = ${r.r2.toFixed(4)}: the drivers together explain ${(100 * r.r2).toFixed(1)}% of the variance.` : `Pseudo-R² = ${r.r2.toFixed(4)} (squared correlation of the fitted probabilities with the outcome).`;
  const filled = r.missing.imputed.map((f) => `"${f.driver}" ${int(f.count)}`);
  const imputed = filled.length ? ` Missing driver values filled with the median (mode for 0/1): ${filled.join(', ')} rows.` : '';
  const out = [
    `Key drivers of "${r.spec.target}" in "${r.spec.dataset}": ${method}, n = ${int(r.n)}${left}.${imputed}`,
    `Target: ${r.targetNote}`,
    r.direction.sentence,
    fit,
    '',
  ];
  out.push(`Weights sum to ${r.model === 'linear' ? 'R²' : 'the pseudo-R²'}; share = weight / total. ${level}% percentile bootstrap intervals.`);
  out.push(
    table(
      ['driver', 'weight', `${level}% CI`, 'share', `${level}% CI`, 'coef', 'mean', 'quadrant'],
      r.drivers.map((d) => [
        d.name,
        d.weight.toFixed(4),
        `${d.ci[0].toFixed(4)}–${d.ci[1].toFixed(4)}`,
        `${d.share.toFixed(1)}%`,
        `${d.shareCi[0].toFixed(1)}–${d.shareCi[1].toFixed(1)}%`,
        `${d.coefficient >= 0 ? '+' : '−'}${Math.abs(d.coefficient).toFixed(3)}`,
        d.performance.toFixed(2),
        d.quadrant,
      ]),
    ),
  );
  out.push('', `Importance × performance (cuts: share ${r.quadrantCuts.share.toFixed(1)}%, performance ${r.quadrantCuts.performance.toFixed(2)} on 0–1 of each driver's range)`);
  for (const q of QUADRANTS) {
    const names = r.drivers.filter((d) => d.quadrant === q).map((d) => d.name);
    out.push(`  ${q.padEnd(14)} ${names.length ? names.join(', ') : '—'}  (${QUADRANT_MEANING[q]})`);
  }
  pushAll(out, ['', 'What hurts:', ...r.drivers.map((d) => `  - ${d.effect}`)]);
  if (r.stability) pushAll(out, ['', ...formatStability(r.stability)]);
  if (r.warnings.length) pushAll(out, ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)]);
  return out.join('\n');
}
