// Placeholder until the NPS data path lands: loads the columns and runs main/analysis/nps|drivers.
import type { DriversResult, DriversSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';

export interface AnalysisProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

export function runDrivers(db: Db, spec: DriversSpec, ctx: AnalysisProgress): DriversResult {
  void db;
  void spec;
  void ctx;
  throw new AppError('INTERNAL', 'Not built yet.');
}
