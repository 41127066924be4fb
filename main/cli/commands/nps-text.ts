// `cxw nps` for people: the headline NPS with its interval, the 0–10 distribution as bars, then groups (with each
// one's comparison), the test in words, the trend, and the warnings. The context check leads with its summary.
import type { NpsContextResult, NpsGroup, NpsResult, NpsSummary } from '../../../shared/nps';
import { table } from '../format';
import { maxOf, pushAll } from '../../../shared/extent';

const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(1)}%` : '—');
const signed = (v: number | null, digits = 1): string => {
  if (v === null) return '—';
  const s = Math.abs(v).toFixed(digits);
  return Number(s) === 0 ? s : v > 0 ? `+${s}` : `−${s}`;
};
const ci = (c: [number, number] | null): string => (c ? `${signed(c[0])} to ${signed(c[1])}` : '—');
const p = (v: number): string => (v < 0.001 ? '<0.001' : v.toFixed(3));
const pIs = (v: number): string => (v < 0.001 ? 'p < 0.001' : `p = ${v.toFixed(3)}`);
const levelText = (level: number) => `${Number((level * 100).toFixed(1))}%`;

function headline(s: NpsSummary, level: number): string {
  if (s.nps === null) return 'no answers';
  return `${signed(s.nps)} (${levelText(level)} CI ${ci(s.ci)}), n ${int(s.n)}: ${int(s.promoters)} promoters (${pct(s.promoters, s.n)}), ${int(s.passives)} passives (${pct(s.passives, s.n)}), ${int(s.detractors)} detractors (${pct(s.detractors, s.n)})`;
}

function distribution(d: { score: number; count: number }[]): string {
  const max = Math.max(1, maxOf(d.map((x) => x.count)));
  const total = d.reduce((s, x) => s + x.count, 0);
  return d.map((x) => `  ${String(x.score).padStart(2)} ${'█'.repeat(Math.round((30 * x.count) / max)).padEnd(30)} ${int(x.count)} (${pct(x.count, total)})`).join('\n');
}

function groupRows(groups: NpsGroup[], vs: string): string {
  return table(
    ['group', 'n', 'NPS', 'CI', 'prom.', 'pass.', 'detr.', vs, 'CI', 'p', 'p adj.', ''],
    groups.map((g) => {
      const c = g.vsReference;
      return [
        g.group,
        int(g.n),
        signed(g.nps),
        ci(g.ci),
        int(g.promoters),
        int(g.passives),
        int(g.detractors),
        c ? signed(c.difference) : '—',
        c ? ci(c.ci) : '—',
        c ? p(c.pValue) : '—',
        c ? p(c.pAdjusted) : '—',
        [c?.significant ? 'differs' : '', g.small ? 'small n' : ''].filter(Boolean).join(', '),
      ];
    }),
  );
}

function warnings(list: string[]): string[] {
  return list.length ? ['', 'Warnings:', ...list.map((w) => `  - ${w}`)] : [];
}

export function formatNps(r: NpsResult): string {
  const out: string[] = [`NPS of "${r.spec.score}" in "${r.spec.dataset}": ${headline(r.overall, r.level)}.`];
  if (r.mappingNote) out.push(`Mapping: ${r.mappingNote}`);
  // A doubt about the scale changes every number above, so it is said under the headline, not only with the warnings.
  if (r.suggestedMapping?.kind === 'rescale') out.push(`Check the scale: looks like a ${r.suggestedMapping.from[0]}–${r.suggestedMapping.from[1]} rating; rerun with --map rescale:${r.suggestedMapping.from[0]}-${r.suggestedMapping.from[1]} if it is (see the warnings).`);
  out.push('', 'Scores 0–10:', distribution(r.distribution));
  if (r.groups.length) {
    const by = r.spec.segmentation ? `segmentation "${r.spec.segmentation}"` : `"${r.spec.by}"`;
    out.push('', `By ${by} (compared with "${r.reference}"; groups under ${int(r.minN)} answers flagged small):`, groupRows(r.groups, 'vs ref.'));
  }
  if (r.test) out.push('', `Test: ${r.test.method}: statistic ${r.test.statistic.toFixed(2)}${r.test.df !== null ? `, df ${r.test.df}` : ''}, ${pIs(r.test.pValue)}.`, r.test.note);
  if (r.trend) {
    out.push(
      '',
      `Trend by ${r.spec.periodUnit ?? 'month'} of "${r.spec.period}":`,
      table(
        ['period', 'n', 'NPS', 'CI', ''],
        r.trend.map((t) => [t.period, int(t.n), signed(t.nps), ci(t.ci), t.small ? 'small n' : '']),
      ),
    );
  }
  return [...out, ...warnings(r.warnings)].join('\n');
}

export function formatNpsContext(r: NpsContextResult): string {
  const out: string[] = [`Collection-context check of "${r.spec.score}" in "${r.spec.dataset}" by ${r.context}.`, `Overall NPS ${headline(r.overall, r.level)}.`, '', r.summary];
  if (r.flags.length) pushAll(out, ['', 'Flagged:', ...r.flags.map((f) => `  - ${f.sentence}`)]);
  out.push('', `Each context against all other answers (p adj. = Holm-adjusted; groups under ${int(r.minN)} answers flagged small):`, groupRows(r.groups, 'vs rest'));
  if (r.test) out.push('', `Test: ${r.test.method}: statistic ${r.test.statistic.toFixed(2)}${r.test.df !== null ? `, df ${r.test.df}` : ''}, ${pIs(r.test.pValue)}.`, r.test.note);
  return [...out, ...warnings(r.warnings)].join('\n');
}
