// Fairness-audit slides: the summary (figures and the verdict of each check), the verdicts (audit-verdicts.ts), the
// groups (one table per protected attribute, its groups a partition of the audited rows, each with its n) and the
// disparity chart (each group's selection rate relative to its reference, against the four-fifths line). The
// verdicts' own findings quote group rates in free text that disclosure control cannot judge, so the slides state
// statuses and figures, not findings.
//
// Fit: a slide must hold its body at full size on the 16:9 page (body text ≥ 24 px at 1920 × 1080; the renderer
// shrinks an overfull body as a whole). Two attribute tables side by side get half the width each and wrap, so they
// share a slide only when both are short; otherwise each attribute gets its own page (the groups slide holds the
// first page, "more groups" the second, and the notes name what neither shows).
import { DISCLOSURE_DEFAULT_MIN_CELL, type SlideBlock, type TableColumn } from '../../../../shared/decks';
import type { AuditGroup } from '../../../../shared/audit';
import { DEFAULT_ALPHA, DEFAULT_MIN_GROUP_SIZE, RATIO_BAND, widestGap } from '../../../../shared/audit-gaps';
import type { OutputOf, SpecOf } from '../types';
import { auditVerdictsSlide, VERDICT_WORDS } from './audit-verdicts';
import { count, num, plural, ratio, share } from './figures';
import type { SlideKindDef } from './types';

type AOut = OutputOf<'audit.run'>;
type Def = SlideKindDef<AOut, SpecOf<'audit.run'>>;

/** Two attribute tables share a slide only when each has at most this many groups (a half-width table wraps). */
const MAX_ROWS_SIDE_BY_SIDE = 5;

const minGroup = (r: AOut) => r.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
const rateLabel = (r: AOut) => (r.spec.direction === 'punitive' ? 'Flag rate' : 'Selection rate');
const who = (r: AOut) => (r.spec.direction === 'punitive' ? 'flagged' : 'selected');
const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const decisionWords = (spec: SpecOf<'audit.run'>) => (spec.decision ? spec.decision : `${spec.score} ≥ ${spec.threshold}`);

function gap(r: AOut) {
  return widestGap({ groups: r.groups, disparities: r.disparities, minGroupSize: minGroup(r), alpha: r.spec.alpha ?? DEFAULT_ALPHA }, 'selectionRate');
}

function summaryHeadline(r: AOut): string {
  const fails = r.verdicts.filter((v) => v.status === 'fail').length;
  const checks = r.verdicts.filter((v) => v.status !== 'not applicable').length;
  const w = gap(r);
  const g = w ? r.groups.find((x) => x.attribute === w.attribute && x.group === w.group) : undefined;
  const widest =
    w && g && g.n >= DISCLOSURE_DEFAULT_MIN_CELL ? `; the widest gap: ${w.attribute} “${w.group}” ${(100 * w.rate).toFixed(1)}% vs ${(100 * w.referenceRate).toFixed(1)}% for “${w.reference}” (n = ${num(g.n)})` : '';
  return `${fails} of ${plural(checks, 'fairness check')} ${fails === 1 ? 'fails' : 'fail'}${widest}.`;
}

function attributeTable(r: AOut, attribute: string, groups: AuditGroup[]): SlideBlock {
  const withLabel = groups.some((g) => g.tpr);
  const failing = new Set(r.summary.byAttribute.find((a) => a.attribute === attribute)?.fourFifthsFailing ?? []);
  const ratioOf = new Map(r.disparities.filter((d) => d.metric === 'selectionRate' && d.attribute === attribute).map((d) => [d.group, d.ratio]));
  // Short labels (one line each at 24 px): the notes say what each column is.
  const columns: TableColumn[] = [
    { key: 'group', label: attribute },
    { key: 'n', label: 'People', align: 'right' },
    { key: 'rate', label: `${rateLabel(r)} (95% CI)`, align: 'right' },
    { key: 'ratio', label: 'Ratio', align: 'right' },
    ...(withLabel ? [{ key: 'tpr', label: 'TPR', align: 'right' as const }, { key: 'fpr', label: 'FPR', align: 'right' as const }] : []),
    // The four-fifths rule compares with the most favoured group, not with the reference.
    { key: 'note', label: 'Four-fifths' },
  ];
  const total = groups.reduce((s, g) => s + g.n, 0);
  return {
    type: 'table',
    columns,
    rows: groups.map((g) => ({
      group: g.isReference ? `${g.group} (reference)` : g.group,
      n: count(g.n),
      rate: share(g.selectionRate.value, g.selectionRate.denominator, g.selectionRate.ci),
      ratio: g.isReference ? ratio(1, g.n) : ratio(ratioOf.get(g.group) ?? null, g.n),
      ...(withLabel ? { tpr: g.tpr ? share(g.tpr.value, g.tpr.denominator, g.tpr.ci) : null, fpr: g.fpr ? share(g.fpr.value, g.fpr.denominator, g.fpr.ci) : null } : {}),
      note: g.n < minGroup(r) ? 'too few' : failing.has(g.group) ? 'below' : 'within',
    })),
    partition: true,
    total: { group: 'All audited', n: count(total) },
  };
}

function byAttribute(r: AOut): [string, AuditGroup[]][] {
  const m = new Map<string, AuditGroup[]>();
  for (const g of r.groups) m.set(g.attribute, [...(m.get(g.attribute) ?? []), g]);
  return [...m];
}

/**
 * The attributes page by page: the attribute of the widest reliable gap first (what the headline names), then the
 * rest in the audit's order; two share a page only when both are short and have no label columns.
 */
function attributePages(r: AOut): [string, AuditGroup[]][][] {
  const all = byAttribute(r);
  const first = gap(r)?.attribute;
  const ordered = [...all.filter(([a]) => a === first), ...all.filter(([a]) => a !== first)];
  const narrow = ([, gs]: [string, AuditGroup[]]) => gs.length <= MAX_ROWS_SIDE_BY_SIDE && !gs.some((g) => g.tpr);
  const pages: [string, AuditGroup[]][][] = [];
  for (const entry of ordered) {
    const last = pages.at(-1);
    if (last && last.length === 1 && narrow(last[0]) && narrow(entry)) last.push(entry);
    else pages.push([entry]);
  }
  return pages;
}

function groupsSlide(r: AOut, spec: SpecOf<'audit.run'>, page: number) {
  const pages = attributePages(r);
  const shown = pages[page] ?? [];
  const names = (i: number) => (pages[i] ?? []).map(([a]) => a).join(', ');
  const elsewhere = [
    page === 0 && pages.length > 1 ? `Also audited, on the next groups slide: ${names(1)}.` : '',
    page === 1 ? `On the previous groups slide: ${names(0)}.` : '',
    pages.length > 2 ? `Not on a slide (see the Audit view): ${pages.slice(2).map((_, i) => names(i + 2)).join(', ')}.` : '',
  ].filter(Boolean);
  const columnsNote = `Columns: the people in each group, the ${rateLabel(r).toLowerCase()} with its Wilson 95% interval, its ratio to the reference group, and the four-fifths rule against the most favoured group (below four fifths fails; groups under ${minGroup(r)} people are too few to judge).`;
  return {
    title: `Who is ${who(r)}: ${decisionWords(spec)}${pages.length > 1 ? ` (${names(page)})` : ''}`,
    headline: summaryHeadline(r),
    notes: [columnsNote, ...elsewhere].join(' '),
    body: shown.map(([attribute, groups]) => attributeTable(r, attribute, groups)),
  };
}

export const auditSlides: Def[] = [
  {
    kind: 'audit.summary',
    label: 'Audit summary',
    byDefault: true,
    build: (r, spec) => {
      const w = gap(r);
      const wg = w ? r.groups.find((x) => x.attribute === w.attribute && x.group === w.group) : undefined;
      const wr = w ? r.groups.find((x) => x.attribute === w.attribute && x.group === w.reference) : undefined;
      const columns: TableColumn[] = [
        { key: 'check', label: 'Check' },
        { key: 'status', label: 'Verdict' },
      ];
      return {
        title: `Fairness audit: ${decisionWords(spec)}`,
        headline: summaryHeadline(r),
        notes: `${sentence(r.decisionNote)} Audited ${num(r.rows)} rows by ${spec.protected.join(', ')}${r.excludedRows ? `; ${num(r.excludedRows)} left out` : ''}. ${r.adjustment} Groups under ${minGroup(r)} people are shown but not judged.`,
        body: [
          {
            type: 'figures',
            items: [
              { label: 'People audited', figure: count(r.rows) },
              { label: 'Checks failed', figure: { value: r.verdicts.filter((v) => v.status === 'fail').length, format: 'count' } },
              // The widest reliable gap, based on the smaller of its two groups (the audit's own demographic-parity
              // ratio spans every group, the tiniest included, so it is not put on a slide).
              // A short label (one line): the groups go in the note beneath, the attribute in the headline.
              ...(w && wg ? [{ label: 'Widest gap (ratio)', note: `“${w.group}” ÷ “${w.reference}”`, figure: ratio(w.ratio, Math.min(wg.n, wr?.n ?? wg.n)) }] : []),
            ],
          },
          { type: 'table', columns, rows: r.verdicts.map((v) => ({ check: v.metric, status: VERDICT_WORDS[v.status] })) },
        ],
      };
    },
  },
  auditVerdictsSlide,
  {
    kind: 'audit.groups',
    label: 'Audit verdicts by group',
    byDefault: true,
    build: (r, spec) => groupsSlide(r, spec, 0),
  },
  {
    kind: 'audit.groupsMore',
    label: 'Audit verdicts by group: more attributes',
    byDefault: true,
    available: (r) => attributePages(r).length > 1,
    build: (r, spec) => groupsSlide(r, spec, 1),
  },
  {
    kind: 'audit.disparity',
    label: 'Disparity chart',
    byDefault: true,
    available: (r) => r.groups.length > 1,
    build: (r, spec) => {
      // The attribute of the widest reliable gap (what the headline names), else the first protected attribute.
      const all = byAttribute(r);
      const [attribute, groups] = all.find(([a]) => a === gap(r)?.attribute) ?? all[0];
      const ratioOf = new Map(r.disparities.filter((d) => d.metric === 'selectionRate' && d.attribute === attribute).map((d) => [d.group, d.ratio]));
      const ref = groups.find((g) => g.isReference);
      return {
        title: `${rateLabel(r)} by ${attribute}`,
        headline: summaryHeadline(r),
        notes: `Each group's ${rateLabel(r).toLowerCase()} divided by that of the reference group${ref ? ` “${ref.group}”` : ''}; below ${RATIO_BAND[0]} fails the four-fifths rule. Decision: ${decisionWords(spec)}.`,
        body: [
          {
            type: 'chart',
            title: `Ratio to ${ref ? `“${ref.group}”` : 'the reference'}`,
            chart: {
              kind: 'bar',
              orientation: 'horizontal',
              categories: groups.map((g) => g.group),
              series: [{ name: 'Ratio to reference', values: groups.map((g) => ratio(g.isReference ? 1 : (ratioOf.get(g.group) ?? null), g.n)) }],
              valueAxis: `${rateLabel(r)} ÷ reference`,
              reference: { value: RATIO_BAND[0], label: 'four-fifths (0.8)' },
              partition: true,
            },
            summary: `${rateLabel(r)} of each ${attribute} group relative to the reference, with the four-fifths line.`,
          },
        ],
      };
    },
  },
];
