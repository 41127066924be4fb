// The slide registry: which slide kinds a saved result can make, and building them. Each analysis module declares
// its own kinds (AnalysisModule.slides, builders in this folder); the data-quality slide of the result's dataset
// is offered for every result (it reads the dataset's profile, so it is built here, with the database).
import { randomBytes } from 'node:crypto';
import type { Slide, SlideKindInfo, SlideSource } from '../../../../shared/decks';
import { AppError } from '../../../../shared/errors';
import type { SavedResultSummary } from '../../../../shared/results';
import type { Db } from '../../../workspace/db';
import { moduleOf } from '../index';
import { DATA_QUALITY_KIND, dataQualitySlide } from './data-quality';
import type { SlideContent, SlideKindDef } from './types';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A random url-safe slide id of 12 characters (64 symbols: 72 bits). */
export function newSlideId(): string {
  return [...randomBytes(12)].map((b) => URL_SAFE[b & 63]).join('');
}

function defsOf(summary: SavedResultSummary): SlideKindDef[] {
  return moduleOf(summary.kind).slides as unknown as SlideKindDef[];
}

/** The kinds this result can make, in the module's order, then the data-quality slide of its dataset. */
export function slideKindsOf(summary: SavedResultSummary, output: unknown): SlideKindInfo[] {
  const own = defsOf(summary)
    .filter((d) => !d.available || d.available(output, summary.spec))
    .map((d) => ({ kind: d.kind, label: d.label, byDefault: d.byDefault }));
  return [...own, { kind: DATA_QUALITY_KIND, label: `Data quality of “${summary.dataset}”`, byDefault: false }];
}

export function sourceOf(summary: SavedResultSummary, output: unknown, now = new Date()): SlideSource {
  return { resultId: summary.id, resultName: summary.name, resultKind: summary.kind, dataset: summary.dataset, base: populationOf(output), snapshotAt: now.toISOString() };
}

/** The people a result covers: the base of figures that carry none. Every result kind states it under one of these names. */
function populationOf(output: unknown): number {
  const o = output as { rows?: number; customers?: number; n?: number; overall?: { n?: number } };
  return o.overall?.n ?? o.customers ?? o.n ?? o.rows ?? 0;
}

/** Build one slide kind of a saved result (a fresh snapshot; the id is new unless given). */
export function buildSlide(db: Db, summary: SavedResultSummary, output: unknown, kind: string, id = newSlideId(), now = new Date()): Slide {
  const source = sourceOf(summary, output, now);
  let content: SlideContent;
  if (kind === DATA_QUALITY_KIND) {
    const dq = dataQualitySlide(db, summary.dataset);
    content = dq;
    source.base = dq.rows;
  } else {
    const def = defsOf(summary).find((d) => d.kind === kind);
    if (!def || (def.available && !def.available(output, summary.spec))) {
      const known = slideKindsOf(summary, output).map((k) => k.kind);
      throw new AppError('BAD_ARGUMENTS', `The saved result “${summary.name}” cannot make a “${kind}” slide; it can make ${known.join(', ')}.`, { kind, known });
    }
    content = def.build(output, summary.spec, source);
  }
  return { id, kind, title: content.title, headline: content.headline, notes: content.notes, source, body: content.body, ...(content.layout ? { layout: content.layout } : {}) };
}
