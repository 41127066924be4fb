// Drift slides: the verdict with the columns that drifted (each figure's base is the smaller wave's values in that
// column, so disclosure control can withhold a column read from too few people), and the NPS change beside its
// change at the reference wave's mix, with each group's share and NPS (bases: the groups' answers).
import type { TableColumn } from '../../../../shared/decks';
import type { OutputOf, SpecOf } from '../types';
import { decimal, npsFigure, pValue, share } from './figures';
import type { SlideKindDef } from './types';

type DOut = OutputOf<'drift.run'>;
type Def = SlideKindDef<DOut, SpecOf<'drift.run'>>;

const present = (c: DOut['columns'][number]) => Math.min(c.reference.rows - c.reference.missing, c.current.rows - c.current.missing);

export const driftSlides: Def[] = [
  {
    kind: 'drift.columns',
    label: 'Drift: columns that changed',
    byDefault: true,
    build: (r) => {
      const shown = [...r.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.distance - a.distance).slice(0, 12);
      const columns: TableColumn[] = [
        { key: 'column', label: 'Column' },
        { key: 'distance', label: 'Distance', align: 'right' },
        { key: 'psi', label: 'PSI', align: 'right' },
        { key: 'p', label: r.judgedBy === 'tests' ? 'p (BH)' : 'p', align: 'right' },
        { key: 'drifted', label: 'Drifted' },
      ];
      return {
        title: `What changed: ${r.reference.label} → ${r.current.label}`,
        headline: `${r.drifted} of ${r.total} columns drifted${r.datasetDrifted ? ': the data has drifted' : ''}.`,
        notes: `${r.verdict} Distances: normalised Wasserstein for numbers, Jensen–Shannon (base 2) for categories; PSI bands < ${r.thresholds.psiModerate} stable, to ${r.thresholds.psiMajor} moderate, above major.${r.total > shown.length ? ` The ${shown.length} most changed of ${r.total} columns are shown.` : ''}`,
        body: [
          {
            type: 'table',
            columns,
            rows: shown.map((c) => ({
              column: c.name,
              distance: { ...decimal(c.distance, 3), base: present(c) },
              psi: { ...decimal(c.psi, 3), base: present(c) },
              p: pValue(r.judgedBy === 'tests' ? c.adjustedPValue : c.pValue, present(c)),
              drifted: c.drifted ? 'yes' : 'no',
            })),
          },
        ],
      };
    },
  },
  {
    kind: 'drift.nps',
    label: 'Drift: NPS change and mix',
    byDefault: true,
    available: (r) => r.nps !== undefined,
    build: (r) => {
      const n = r.nps!;
      const base = Math.min(n.referenceN, n.currentN);
      return {
        title: `NPS: ${r.reference.label} → ${r.current.label}`,
        headline: n.verdict,
        notes: 'The change at the reference mix is direct standardisation: the current wave’s NPS of each group reweighted to the reference wave’s group shares, minus the reference NPS.',
        body: [
          {
            type: 'figures',
            items: [
              { label: 'NPS change', figure: npsFigure(n.change, base, n.changeCi) },
              ...(n.mixAdjustedChange !== null ? [{ label: `At the reference mix of ${n.mix}`, figure: npsFigure(n.mixAdjustedChange, base) }] : []),
            ],
          },
          ...(n.groups.length
            ? [
                {
                  type: 'table' as const,
                  columns: [
                    { key: 'group', label: n.mix ?? 'Group' },
                    { key: 'before', label: 'Share before', align: 'right' as const },
                    { key: 'now', label: 'Share now', align: 'right' as const },
                    { key: 'npsBefore', label: 'NPS before', align: 'right' as const },
                    { key: 'npsNow', label: 'NPS now', align: 'right' as const },
                  ],
                  rows: n.groups.map((g) => ({
                    group: g.group,
                    before: share(g.referenceShare, g.referenceN),
                    now: share(g.currentShare, g.currentN),
                    npsBefore: npsFigure(g.reference, g.referenceN),
                    npsNow: npsFigure(g.current, g.currentN),
                  })),
                },
              ]
            : []),
        ],
      };
    },
  },
];
