// The session memory of analysis set-ups: one memory per kind, keyed by workspace and dataset; pre-fill when
// nothing is remembered (with the other datasets, for pre-fills that guess from them); the revise step on recall.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import { clearFormMemory, formMemory } from '../../../renderer/lib/analysis-memory';

interface Form {
  dataset: string;
  column: string;
  others: number;
}

function dataset(name: string, columns: string[]): DatasetSummary {
  const meta = columns.map((c, index): ColumnMeta => ({ index, name: c, originalName: c, type: 'real', role: 'feature', piiAction: 'keep' }));
  return { id: 1, name, rows: 10, columns: meta, sourceFile: `${name}.csv`, importedAt: '2024-01-01T00:00:00Z' };
}

const prefill = (d: DatasetSummary | null, all: DatasetSummary[]): Form => ({ dataset: d?.name ?? '', column: d?.columns[0]?.name ?? '', others: all.length });
const survey = dataset('survey', ['score', 'price']);
const events = dataset('events', ['step']);

afterEach(() => clearFormMemory());

describe('formMemory', () => {
  it('pre-fills a dataset nothing was remembered for, and with no dataset', () => {
    const m = formMemory('a', prefill);
    expect(m.recall('/w.cxw', survey, [survey, events])).toEqual({ dataset: 'survey', column: 'score', others: 2 });
    expect(m.recall('/w.cxw', null)).toEqual({ dataset: '', column: '', others: 0 });
  });

  it('recalls the last form per workspace and dataset, and keeps kinds apart', () => {
    const a = formMemory('a', prefill);
    const b = formMemory('b', prefill);
    a.remember('/w.cxw', { dataset: 'survey', column: 'price', others: 7 });
    expect(a.recall('/w.cxw', survey)).toEqual({ dataset: 'survey', column: 'price', others: 7 });
    expect(a.recall('/other.cxw', survey)).toEqual({ dataset: 'survey', column: 'score', others: 0 });
    expect(a.recall('/w.cxw', events)).toEqual({ dataset: 'events', column: 'step', others: 0 });
    expect(b.recall('/w.cxw', survey)).toEqual({ dataset: 'survey', column: 'score', others: 0 });
    // No workspace open yet is a key of its own.
    expect(a.recall(undefined, survey).column).toBe('score');
  });

  it('does not remember a form with no dataset chosen', () => {
    const m = formMemory('a', prefill);
    m.remember('/w.cxw', { dataset: '', column: 'x', others: 1 });
    expect(m.recall('/w.cxw', dataset('', ['y'])).column).toBe('y');
  });

  it('revises a remembered form against the dataset as it is now', () => {
    const revise = (saved: Form, d: DatasetSummary): Form => (d.columns.some((c) => c.name === saved.column) ? saved : { ...saved, column: prefill(d, []).column });
    const m = formMemory('a', prefill, revise);
    m.remember('/w.cxw', { dataset: 'survey', column: 'price', others: 3 });
    expect(m.recall('/w.cxw', survey).column).toBe('price');
    expect(m.recall('/w.cxw', dataset('survey', ['score', 'cost']))).toEqual({ dataset: 'survey', column: 'score', others: 3 });
  });

  it('forgets everything on clear', () => {
    const m = formMemory('a', prefill);
    m.remember('/w.cxw', { dataset: 'survey', column: 'price', others: 3 });
    clearFormMemory();
    expect(m.recall('/w.cxw', survey).column).toBe('score');
  });
});
