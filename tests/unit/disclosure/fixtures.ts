// Hand-made decks for the disclosure tests: small builders so each test states its numbers in full.
import type { Cell, Deck, Figure, Slide, SlideBlock } from '../../../shared/decks';
import { applyDisclosure } from '../../../main/disclosure';

export const count = (n: number, base?: number): Figure => ({ value: n, format: 'count', base: base ?? n });
export const share = (v: number, base: number): Figure => ({ value: v, format: 'share', base });
export const nps = (v: number, base: number): Figure => ({ value: v, format: 'nps', base, ci: [v - 5, v + 5] });

export function slide(body: SlideBlock[], over: Partial<Slide> = {}): Slide {
  return {
    id: `s-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'nps.byGroup',
    title: 'A slide',
    headline: '',
    notes: '',
    source: { resultId: 1, resultName: 'result', resultKind: 'nps', dataset: 'customers', base: 1000, snapshotAt: '2026-01-01T00:00:00.000Z' },
    body,
    ...over,
  };
}

export function deck(slides: Slide[], name = 'Workshop'): Deck {
  return { name, slides, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

/** A partition table of groups: label column "Region" and a count column "Customers" (base = the count). */
export function countTable(labels: string[], counts: number[], extra: Record<string, (i: number) => Cell> = {}): Extract<SlideBlock, { type: 'table' }> {
  const extraCols = Object.keys(extra).map((k) => ({ key: k, label: k }));
  return {
    type: 'table',
    columns: [{ key: 'region', label: 'Region' }, { key: 'n', label: 'Customers' }, ...extraCols],
    rows: labels.map((l, i) => ({ region: l, n: count(counts[i]), ...Object.fromEntries(Object.entries(extra).map(([k, f]) => [k, f(i)])) })),
    partition: true,
  };
}

export function disclose(d: Deck, minCell = 10, roundTo: 0 | 5 = 0, pii: string[] = []) {
  return applyDisclosure(d, { settings: { minCell, roundTo }, piiValues: new Set(pii) });
}

/** The values a table column shows (null when withheld). */
export function column(block: SlideBlock, key: string): (number | null)[] {
  if (block.type !== 'table') throw new Error(`not a table: ${block.type}`);
  return block.rows.map((r) => (r[key] as Figure).value);
}

export function states(block: SlideBlock, key: string): (string | undefined)[] {
  if (block.type !== 'table') throw new Error(`not a table: ${block.type}`);
  return block.rows.map((r) => (r[key] as Figure).suppressed);
}
