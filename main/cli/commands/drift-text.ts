// `cxw drift` for people: the verdict, the columns (drifted first, then by distance), what was left out and why,
// and the NPS change beside its mix-adjusted change.
import type { DriftColumn, DriftResult } from '../../../shared/monitor-drift';
import { table } from '../format';

const num = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const p = (v: number) => (v < 0.0001 ? '<0.0001' : v.toFixed(4));
const share = (v: number) => `${(v * 100).toFixed(1)}%`;
const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);

export function sortByDrift(columns: readonly DriftColumn[]): DriftColumn[] {
  return [...columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.distance - a.distance || a.name.localeCompare(b.name));
}

export function formatDrift(r: DriftResult): string {
  const out: string[] = [];
  out.push(`Drift: ${r.reference.label} (${r.reference.rows.toLocaleString('en-US')} rows) → ${r.current.label} (${r.current.rows.toLocaleString('en-US')} rows)`);
  out.push(r.verdict, '');
  out.push(
    table(
      ['column', 'type', 'test', 'statistic', 'p', r.judgedBy === 'tests' ? 'p (BH)' : '', 'distance', 'PSI', 'band', 'missing Δ', 'drifted'],
      sortByDrift(r.columns).map((c) => [
        c.name,
        c.type,
        c.test === 'ks' ? 'KS' : `χ² (df ${c.df})`,
        num(c.statistic, c.test === 'ks' ? 4 : 2),
        p(c.pValue),
        r.judgedBy === 'tests' ? p(c.adjustedPValue) : '',
        `${num(c.distance)} ${c.distanceKind === 'wasserstein' ? 'W' : 'JS'}`,
        num(c.psi),
        c.psiBand,
        `${c.missingChange >= 0 ? '+' : ''}${(c.missingChange * 100).toFixed(1)} pt`,
        c.drifted ? 'DRIFTED' : '',
      ]),
    ),
  );
  const changes = r.columns.filter((c) => c.newCategories.length || c.vanishedCategories.length);
  for (const c of changes) {
    if (c.newCategories.length) out.push(`  ${c.name}: new in the current wave: ${c.newCategories.join(', ')}`);
    if (c.vanishedCategories.length) out.push(`  ${c.name}: gone from the current wave: ${c.vanishedCategories.join(', ')}`);
  }
  if (r.skipped.length) {
    out.push('', 'Not compared:');
    for (const s of r.skipped) out.push(`  ${s.name}: ${s.reason}`);
  }
  if (r.nps) {
    const n = r.nps;
    out.push('', `NPS of ${n.column}: ${n.reference.toFixed(1)} → ${n.current.toFixed(1)}`, n.verdict);
    if (n.groups.length) {
      out.push(
        '',
        table(
          [n.mix ?? 'group', 'share before', 'share now', 'NPS before', 'NPS now', 'change', 'CI'],
          n.groups.map((g) => [
            g.group,
            share(g.referenceShare),
            share(g.currentShare),
            g.reference === null ? '—' : g.reference.toFixed(1),
            g.current === null ? '—' : g.current.toFixed(1),
            signed(g.change),
            g.ci ? `${signed(g.ci[0])} to ${signed(g.ci[1])}` : '—',
          ]),
        ),
      );
    }
  }
  for (const w of r.warnings) out.push('', `Note: ${w}`);
  return out.join('\n');
}
