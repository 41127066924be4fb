// What each kind's command prints as JSON, so `cxw rerun` prints the same `output` as re-typing that command.
import type { AuditResult } from '../../shared/audit';
import type { JourneyResult } from '../../shared/journeys';
import type { ResultKind } from '../../shared/results';
import type { SegmentationResult } from '../../shared/segments';
import { auditJson } from './commands/audit-json';
import { toJourneyJson } from './commands/journey';
import { toSegmentJson } from './commands/segment';
import { trainJson } from './commands/predict-json';
import type { PredictResult } from '../../shared/predict';

export const COMMAND_JSON: Record<ResultKind, (result: unknown) => unknown> = {
  segmentation: (r) => toSegmentJson(r as SegmentationResult),
  journey: (r) => toJourneyJson(r as JourneyResult),
  nps: (r) => r,
  npsContext: (r) => r,
  drivers: (r) => r,
  audit: (r) => auditJson(r as AuditResult),
  model: (r) => trainJson(r as PredictResult),
  experiment: (r) => r,
  cohorts: (r) => r,
  drift: (r) => r,
};
