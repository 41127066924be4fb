// The data-quality slide of a dataset, from its profile: rows, columns, and each column's missing share, plus how
// many hygiene issues the audit found by severity. No values at all — no top values, minima, maxima or issue
// messages (those quote values, and a personal column's would single someone out): only counts and shares.
import type { SlideBlock, TableColumn } from '../../../../shared/decks';
import type { Db } from '../../../workspace/db';
import { getDataset } from '../../../workspace/datasets';
import { profileDataset } from '../../../workspace/profile';
import type { SlideContent } from './types';
import { count, plural, share } from './figures';

export const DATA_QUALITY_KIND = 'data.quality';

/** Whether a title, headline or notes text has the form this builder writes (a refresh replaces it; an edit stays). */
export function isDataQualityText(field: 'title' | 'headline' | 'notes', text: string): boolean {
  if (field === 'title') return /^Data quality: /.test(text);
  if (field === 'notes') return /^Profile of “.*”: [\d,]+ rows, \d+ columns\. The hygiene audit found \d+ issues/.test(text);
  return /^(“.*” is complete: no missing values in [\d,]+ columns? \(n = [\d,]+\)\.|[\d,]+ columns? of “.*” ha(s|ve) missing values; .* misses the most \([\d.]+%, n = [\d,]+\)\.)$/.test(text);
}

/**
 * Incomplete columns listed on the slide, the most incomplete first: with the big numbers and the caption, this many
 * rows fit a 16:9 slide at the projector theme's full size (body text ≥ 24 px at 1920 × 1080; 6 rows shrank it to 0.9).
 */
const MAX_COLUMNS = 5;

export function dataQualitySlide(db: Db, datasetName: string): SlideContent & { rows: number } {
  const profile = profileDataset(db, getDataset(db, datasetName));
  const rows = profile.rows;
  const worst = [...profile.columns].sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name));
  const complete = profile.columns.filter((c) => c.missing === 0).length;
  const bySeverity = (s: 'error' | 'warning' | 'info') => profile.issues.filter((i) => i.severity === s).length;
  const columns: TableColumn[] = [
    { key: 'column', label: 'Column' },
    { key: 'type', label: 'Type' },
    { key: 'missing', label: 'Missing', align: 'right' },
    { key: 'missingShare', label: 'Missing share', align: 'right' },
  ];
  const incompleteColumns = worst.filter((c) => c.missing > 0);
  const shown = incompleteColumns.slice(0, MAX_COLUMNS);
  const body: SlideBlock[] = [
    {
      type: 'figures',
      items: [
        { label: 'Rows', figure: count(rows) },
        { label: 'Complete columns', figure: { value: complete, format: 'count' }, note: `of ${plural(profile.columns.length, 'column')}` },
        { label: 'Issues found', figure: { value: profile.issues.length, format: 'count' }, note: `${bySeverity('error')} errors, ${bySeverity('warning')} warnings` },
      ],
    },
  ];
  if (shown.length) {
    body.push({
      type: 'table',
      columns,
      // Each row is one column's missing count over the whole dataset (not a split of people): no partition.
      rows: shown.map((c) => ({ column: c.name, type: c.type, missing: count(c.missing), missingShare: share(rows ? c.missing / rows : null, rows) })),
      caption:
        incompleteColumns.length > MAX_COLUMNS
          ? `The ${MAX_COLUMNS} least complete of ${incompleteColumns.length} columns with missing values; ${complete} columns are complete.`
          : `Columns with missing values, the least complete first; the other ${complete} are complete.`,
    });
  }
  const incomplete = profile.columns.length - complete;
  const top = worst[0];
  const headline =
    incomplete === 0
      ? `“${datasetName}” is complete: no missing values in ${plural(profile.columns.length, 'column')} (n = ${rows.toLocaleString('en-US')}).`
      : `${plural(incomplete, 'column')} of “${datasetName}” ${incomplete === 1 ? 'has' : 'have'} missing values; ${top.name} misses the most (${((100 * top.missing) / Math.max(rows, 1)).toFixed(1)}%, n = ${rows.toLocaleString('en-US')}).`;
  return {
    rows,
    title: `Data quality: ${datasetName}`,
    headline,
    notes: `Profile of “${datasetName}”: ${rows.toLocaleString('en-US')} rows, ${profile.columns.length} columns. The hygiene audit found ${profile.issues.length} issues (${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ${bySeverity('info')} notes); their details quote values and stay in the app.`,
    body,
  };
}
