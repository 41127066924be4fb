// `cxw audit` for people: what was audited, one table of group rates per attribute (intersections included),
// the flagged disparities, Fairlearn's summary metrics, the verdicts in words, the proxy and representation
// checks, and the warnings. Rates print as percentages; an undefined rate (denominator 0) prints as "undef."; a rate
// over fewer people than the minimum group size is marked "*" (unreliable: no verdict rests on it).
import type { AuditGroup, AuditResult, Rate } from '../../../shared/audit';
import { table } from '../format';
import { pushAll } from '../../../shared/extent';

const int = (n: number) => n.toLocaleString('en-US');
const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(100 * v).toFixed(digits)}%`);
const mark = (r: Rate): string => (r.reliable === false ? '*' : '');
const rate = (r: Rate | null): string => (r === null ? '—' : r.value === null ? 'undef.' : `${pct(r.value)}${mark(r)}`);
const withCi = (r: Rate): string => (r.value === null ? 'undef.' : `${pct(r.value)}${mark(r)} (${pct(r.ci![0])}–${pct(r.ci![1])})`);
const num = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
const signedPts = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : '−'}${(100 * Math.abs(v)).toFixed(1)} pts`);
const p = (v: number | null) => (v === null ? '—' : v < 0.001 ? '<0.001' : v.toFixed(3));

function groupTable(groups: AuditGroup[], labelled: boolean): string {
  const header = ['group', 'n', 'share', 'selection rate (95% CI)'];
  if (labelled) header.push('base rate', 'TPR', 'FPR', 'FNR', 'PPV');
  header.push('');
  return table(
    header,
    groups.map((g) => {
      const row = [g.group, int(g.n), pct(g.share), withCi(g.selectionRate)];
      if (labelled) row.push(rate(g.baseRate), rate(g.tpr), rate(g.fpr), rate(g.fnr), rate(g.ppv));
      row.push([g.isReference ? 'reference' : '', g.small ? 'small n' : ''].filter(Boolean).join(', '));
      return row;
    }),
  );
}

export function formatAudit(r: AuditResult): string {
  const labelled = r.groups.some((g) => g.tpr !== null || g.confusion !== null);
  const out: string[] = [
    `Fairness audit of "${r.spec.dataset}": ${int(r.rows)} rows audited${r.excludedRows ? `, ${int(r.excludedRows)} left out` : ''}.`,
    `Positive prediction: ${r.decisionNote}.`,
    '',
    r.executiveSummary,
  ];
  const attributes = [...new Set(r.groups.map((g) => g.attribute))];
  for (const a of attributes) {
    out.push('', `By ${a}:`, groupTable(r.groups.filter((g) => g.attribute === a), labelled));
  }
  if (r.groups.some((g) => [g.baseRate, g.selectionRate, g.tpr, g.fpr, g.fnr, g.ppv].some((x) => x?.value != null && x.reliable === false))) {
    out.push('', `* unreliable: fewer than ${r.spec.minGroupSize ?? 30} people behind the rate; shown, but left out of the verdicts and the widest gap.`);
  }
  const flagged = r.disparities.filter((d) => d.flag);
  out.push('', flagged.length ? `Flagged disparities (${flagged.length} of ${r.disparities.length} comparisons; ${r.adjustment}):` : `No disparity flagged (${r.disparities.length} comparisons; ${r.adjustment}).`);
  if (flagged.length) {
    out.push(
      table(
        ['attribute', 'group', 'vs', 'metric', 'difference', 'ratio', 'test', 'p adj.'],
        flagged.map((d) => [d.attribute, d.reliable === false ? `${d.group}*` : d.group, d.reference, d.metric, signedPts(d.difference), num(d.ratio), d.test ?? '—', p(d.pAdjusted)]),
      ),
    );
  }
  out.push(
    '',
    'Summary (Fairlearn definitions):',
    table(
      ['attribute', 'DP difference', 'DP ratio', 'equalised odds diff.', 'equal opportunity diff.', 'four-fifths rule fails'],
      r.summary.byAttribute.map((s) => [
        s.attribute,
        num(s.demographicParityDifference),
        num(s.demographicParityRatio),
        num(s.equalizedOddsDifference),
        num(s.equalOpportunityDifference),
        s.fourFifthsFailing.length ? s.fourFifthsFailing.join(', ') : 'none',
      ]),
    ),
  );
  if (r.verdicts.length) {
    out.push('', 'Verdicts:');
    for (const v of r.verdicts) out.push(`  [${v.status}] ${v.metric}: ${v.finding}`, `      What: ${v.what}`, `      Why here: ${v.why}`, `      Confidence: ${v.confidence}`);
  }
  const proxies = r.proxies.filter((x) => x.flag);
  if (r.proxies.length) {
    out.push('', proxies.length ? `Possible proxies (Cramér's V above the threshold, of ${r.proxies.length} associations checked):` : `No proxy flagged (${r.proxies.length} associations checked).`);
    for (const x of proxies) out.push(`  - ${x.feature} ~ ${x.attribute}: V = ${x.cramersV.toFixed(2)}, normalised MI ${x.normalizedMi.toFixed(2)}. ${x.explanation}`);
  }
  if (r.representation) {
    out.push('', 'Representation:');
    for (const c of r.representation) out.push(`  - ${c.sentence}`);
  }
  if (r.warnings.length) pushAll(out, ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)]);
  return out.join('\n');
}
