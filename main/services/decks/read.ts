// Reading a saved result for a deck: its output (a segmentation's from its own tables) and slide snapshots of it.
import type { Slide } from '../../../shared/decks';
import type { SavedResultSummary } from '../../../shared/results';
import type { Db } from '../../workspace/db';
import { getStored } from '../../workspace/results/store';
import { moduleOf } from '../analyses/index';
import { buildSlide, slideKindsOf } from '../analyses/slides/index';
import { listSegmentations } from '../results/save';

/** A saved result with its output, as deck slides are built from it. */
export function readSavedResult(db: Db, id: number): { summary: SavedResultSummary; output: unknown } {
  listSegmentations(db);
  const { summary, result, segmentationId: ownId } = getStored(db, id);
  const own = moduleOf(summary.kind).ownStore;
  return { summary, output: own && ownId !== null ? own.read(db, ownId) : result };
}

/** Snapshot slides of a saved result: the kinds asked for, or the result's default kinds. */
export function slidesOfResult(db: Db, id: number, kinds?: string[], now = new Date()): { summary: SavedResultSummary; slides: Slide[] } {
  const { summary, output } = readSavedResult(db, id);
  const chosen = kinds ?? slideKindsOf(summary, output).filter((k) => k.byDefault).map((k) => k.kind);
  return { summary, slides: [...new Set(chosen)].map((kind) => buildSlide(db, summary, output, kind, undefined, now)) };
}
