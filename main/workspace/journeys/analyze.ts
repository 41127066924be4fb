// The 'journey.analyze' job: load the event columns (load.ts) and run the pure analytics
// (main/analysis/journey). Read-only on the workspace. CXW_TIMINGS=1 prints the phases to stderr.
import type { JourneyResult, JourneySpec } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import { analyzeJourney } from '../../analysis/journey/index';
import type { Db } from '../db';
import { phaseTimer } from '../segments/timings';
import { loadJourney } from './load';

export interface JourneyProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

export function runJourneyAnalysis(db: Db, spec: JourneySpec, ctx: JourneyProgress): JourneyResult {
  const timer = phaseTimer();
  const loaded = loadJourney(db, spec, {
    isCancelled: ctx.isCancelled,
    onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }),
  });
  timer.mark(`load (${loaded.scanPath})`);
  ctx.onProgress({ phase: 'analyze', done: 0, total: loaded.input.n });
  let result: JourneyResult;
  try {
    result = analyzeJourney(loaded.input, spec, ctx.isCancelled);
  } catch (err) {
    // The pure analytics stop with a plain error when the flag is set; report it as the contract's CANCELLED.
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while analysing the journeys.');
    throw err;
  }
  timer.mark('analyze');
  ctx.onProgress({ phase: 'analyze', done: loaded.input.n, total: loaded.input.n });
  timer.report('journey.analyze');
  return { ...result, skippedEvents: loaded.skippedEvents, warnings: [...loaded.warnings, ...result.warnings] };
}
