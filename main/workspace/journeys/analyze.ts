// The 'journey.analyze' job: load the event columns (load.ts) and run the pure analytics
// (main/analysis/journey). Read-only on the workspace.
import type { JourneyResult, JourneySpec } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';

export interface JourneyProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

export function runJourneyAnalysis(db: Db, spec: JourneySpec, ctx: JourneyProgress): JourneyResult {
  void db;
  void spec;
  void ctx;
  throw new AppError('INTERNAL', 'Journey analytics are being built.');
}
