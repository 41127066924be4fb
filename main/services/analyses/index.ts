// The analysis registry: one module per kind of saved result. The saved-result store, re-run, the activity log and
// the CLI's results/rerun commands read it; a new analysis kind is one more module here.
import type { ResultKind } from '../../../shared/results';
import { auditModule, journeyModule } from './journey-audit';
import { segmentationModule } from './segmentation';
import { driversModule, npsContextModule, npsModule } from './survey';
import { modelModule } from './predict';
import { experimentModule } from './experiment';
import { cohortsModule } from './cohorts';
import { driftModule } from './drift';
import type { AnalysisHandler, AnalysisModule } from './types';

export const ANALYSES = {
  segmentation: segmentationModule,
  journey: journeyModule,
  nps: npsModule,
  npsContext: npsContextModule,
  drivers: driversModule,
  audit: auditModule,
  model: modelModule,
  experiment: experimentModule,
  cohorts: cohortsModule,
  drift: driftModule,
} satisfies Record<ResultKind, AnalysisModule>;

export function moduleOf(kind: ResultKind): AnalysisModule {
  return ANALYSES[kind] as unknown as AnalysisModule;
}

export function moduleForHandler<H extends AnalysisHandler>(handler: H): AnalysisModule<H> {
  const m = Object.values(ANALYSES).find((x) => x.handler === handler);
  if (!m) throw new Error(`no analysis module runs ${handler}`);
  return m as unknown as AnalysisModule<H>;
}

export type { AnalysisHandler, AnalysisModule } from './types';
