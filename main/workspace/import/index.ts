// CSV/TSV import engine: previewImport proposes a plan from a sample, runImport streams the whole file into a
// typed dataset table in one transaction. See commit.ts for the transaction and speed notes.
import type { ImportResult } from '../../../shared/domain';
import { type ImportRunContext, type RunImportArgs, runImportTuned } from './commit';

export { previewImport } from './preview';
export type { ImportRunContext, RunImportArgs, ImportTuning } from './commit';

export function runImport(ctx: ImportRunContext, args: RunImportArgs): ImportResult {
  return runImportTuned(ctx, args);
}
