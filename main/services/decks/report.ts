// The standard report (`cxw report`): a deck made on the fly from every saved result — a title slide, the data-quality
// slide of each dataset the results read, then each result's default slides, oldest result first (the order the
// work was done). It is not stored; it goes through the same disclosure control and exporters as a saved deck.
import { basename, extname } from 'node:path';
import type { Deck, Slide } from '../../../shared/decks';
import { RESULT_KIND_LABELS } from '../../../shared/results';
import type { Db } from '../../workspace/db';
import { listResults } from '../../workspace/results/store';
import { DATA_QUALITY_KIND } from '../analyses/slides/data-quality';
import { buildSlide, newSlideId } from '../analyses/slides/index';
import { listSegmentations } from '../results/save';
import { readSavedResult, slidesOfResult } from './read';

export interface ReportDeck {
  deck: Deck;
  results: number;
}

export function buildReportDeck(db: Db, workspacePath: string, now = new Date()): ReportDeck {
  listSegmentations(db);
  const results = listResults(db).reverse();
  const name = `Report: ${basename(workspacePath, extname(workspacePath))}`;
  const at = now.toISOString();
  const kinds = [...new Set(results.map((r) => RESULT_KIND_LABELS[r.kind]))];
  const title: Slide = {
    id: newSlideId(),
    kind: 'section',
    title: name,
    headline: results.length ? `${results.length} saved result${results.length === 1 ? '' : 's'}: ${kinds.join(', ')}.` : 'No saved results yet.',
    notes: `Made by cxw report on ${at.slice(0, 10)} from every saved result of the workspace, with disclosure control applied.`,
    source: null,
    body: [{ type: 'text', paragraphs: [results.length ? `Results: ${results.map((r) => `“${r.name}”`).join(', ')}.` : 'Save an analysis (--save NAME) to report it.'] }],
  };
  const slides: Slide[] = [title];
  // One data-quality slide per dataset, from the first result that read it.
  const seen = new Set<string>();
  for (const r of results) {
    if (seen.has(r.dataset)) continue;
    seen.add(r.dataset);
    const { summary, output } = readSavedResult(db, r.id);
    slides.push(buildSlide(db, summary, output, DATA_QUALITY_KIND, undefined, now));
  }
  for (const r of results) for (const s of slidesOfResult(db, r.id, undefined, now).slides) slides.push(s);
  return { deck: { name, slides, version: 0, createdAt: at, updatedAt: at }, results: results.length };
}
