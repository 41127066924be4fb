// Rule 5 applied to a slide (a private copy): rows, categories and points labelled with a personal value are
// dropped; every other text has the value replaced by "[withheld]". The walk covers every string of the slide
// except the structural ones (ids, kinds, formats, column keys), so a new block field is covered without a change
// here.
import type { ChartSpec, Slide, SlideBlock } from '../../shared/decks';
import type { PiiMatcher } from './pii';

export interface Removal {
  what: string;
  reason: string;
}

const PII_REASON = 'personal data (a value of a personal or pseudonymised column) is never shown';

/** Fields that hold vocabulary, identifiers or dates, never text a person wrote or data a dataset held. */
const STRUCTURAL = new Set(['id', 'kind', 'type', 'format', 'suppressed', 'orientation', 'layout', 'tone', 'align', 'key', 'resultKind', 'snapshotAt', 'createdAt', 'updatedAt']);

function dropLabelled(block: SlideBlock, pii: PiiMatcher, removed: Removal[]): void {
  if (block.type === 'table') {
    const keep = block.rows.filter((row) => !Object.values(row).some((cell) => typeof cell === 'string' && pii.equals(cell)));
    const dropped = block.rows.length - keep.length;
    if (dropped) removed.push({ what: `${dropped} table row${dropped === 1 ? '' : 's'} labelled with personal data`, reason: PII_REASON });
    block.rows = keep;
    return;
  }
  if (block.type !== 'chart') return;
  const chart: ChartSpec = block.chart;
  if (chart.kind === 'bar') {
    const keepIdx = chart.categories.map((c, i) => (pii.equals(c) ? -1 : i)).filter((i) => i >= 0);
    const dropped = chart.categories.length - keepIdx.length;
    if (!dropped) return;
    removed.push({ what: `${dropped} bar${dropped === 1 ? '' : 's'} labelled with personal data`, reason: PII_REASON });
    chart.categories = keepIdx.map((i) => chart.categories[i]);
    for (const s of chart.series) s.values = keepIdx.map((i) => s.values[i]);
  } else if (chart.kind === 'scatter') {
    const keep = chart.points.filter((p) => !pii.equals(p.label));
    const dropped = chart.points.length - keep.length;
    if (dropped) removed.push({ what: `${dropped} point${dropped === 1 ? '' : 's'} labelled with personal data`, reason: PII_REASON });
    chart.points = keep;
  }
}

/** Replace personal values in every string under `node`; `field` names where a change was made. */
function scrubTree(node: unknown, pii: PiiMatcher, field: string, changed: Set<string>): unknown {
  if (typeof node === 'string') {
    const r = pii.scrub(node);
    if (r.changed) changed.add(field);
    return r.text;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = scrubTree(node[i], pii, field, changed);
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (STRUCTURAL.has(key)) continue;
      if (key === 'rows' || key === 'total') scrubRows(obj[key], pii, key, changed);
      else obj[key] = scrubTree(obj[key], pii, key, changed);
    }
  }
  return node;
}

/** Table rows are keyed by column keys, any of which may look structural ("type", "id"): every string cell is text. */
function scrubRows(value: unknown, pii: PiiMatcher, field: string, changed: Set<string>): void {
  const rows = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  for (const row of rows as Record<string, unknown>[]) {
    for (const key of Object.keys(row)) {
      const cell = row[key];
      if (typeof cell !== 'string') continue;
      const r = pii.scrub(cell);
      if (r.changed) changed.add(field);
      row[key] = r.text;
    }
  }
}

const FIELD_NAMES: Record<string, string> = {
  rows: 'a table',
  total: "a table's total row",
  paragraphs: 'a text paragraph',
  bullets: 'a bullet',
  lines: 'a card line',
  categories: 'a chart category',
  nodes: 'a flow node',
  rowKeys: 'a cross-tab row',
  columnKeys: 'a cross-tab column',
};

/** Apply rule 5 to one slide in place; returns what was removed or masked (never the value itself). */
export function scrubSlide(slide: Slide, pii: PiiMatcher): Removal[] {
  const removed: Removal[] = [];
  for (const block of slide.body) dropLabelled(block, pii, removed);
  const changed = new Set<string>();
  scrubTree(slide, pii, 'slide', changed);
  for (const field of [...changed].sort()) removed.push({ what: `personal data in ${FIELD_NAMES[field] ?? `the ${field}`}`, reason: PII_REASON });
  return removed;
}
