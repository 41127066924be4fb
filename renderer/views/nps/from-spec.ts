// The NPS view's set-ups from a saved spec (opening a saved result): the inverse of toNpsSpec, toContextSpec and
// toDriversSpec, on top of the dataset's pre-filled form for what a spec leaves to the defaults.
import type { DriversSpec, NpsContextSpec, NpsSpec } from '../../../shared/nps';
import { DEFAULT_BINS, DEFAULT_BOOTSTRAP, DEFAULT_LEVEL, DEFAULT_MIN_N, DEFAULT_SEED, type ContextForm, type DriversForm, type NpsForm } from './model';

export function fromNpsSpec(spec: NpsSpec, base: NpsForm): NpsForm {
  return {
    ...base,
    dataset: spec.dataset,
    score: spec.score,
    groupKind: spec.by ? 'column' : spec.segmentation ? 'segmentation' : 'none',
    by: spec.by ?? '',
    segmentation: spec.segmentation ?? '',
    period: spec.period ?? '',
    periodUnit: spec.periodUnit ?? base.periodUnit,
    level: spec.level ?? DEFAULT_LEVEL,
    minN: spec.minN ?? DEFAULT_MIN_N,
    reference: spec.reference ?? '',
    mapping: spec.mapping ?? null,
  };
}

export function fromContextSpec(spec: NpsContextSpec, base: ContextForm): ContextForm {
  const d = spec.delay;
  return {
    ...base,
    dataset: spec.dataset,
    score: spec.score,
    mode: d ? 'delay' : 'column',
    context: spec.context ?? '',
    surveyTime: d?.surveyTime ?? base.surveyTime,
    events: d?.events ?? base.events,
    customer: d?.customer ?? base.customer,
    time: d?.time ?? base.time,
    step: d?.step ?? base.step,
    stepValue: d?.stepValue ?? base.stepValue,
    bins: d?.bins ? d.bins.join(', ') : DEFAULT_BINS,
    level: spec.level ?? DEFAULT_LEVEL,
    minN: spec.minN ?? DEFAULT_MIN_N,
    mapping: spec.mapping ?? null,
  };
}

export function fromDriversSpec(spec: DriversSpec, base: DriversForm): DriversForm {
  const model = spec.model ?? 'auto';
  return {
    ...base,
    dataset: spec.dataset,
    target: spec.target,
    drivers: [...spec.drivers],
    model,
    positive: spec.positive ?? '',
    missingCodes: spec.missingCodes ? spec.missingCodes.join(', ') : '',
    // The detractor / promoter models carry their own direction; keep the pre-filled one for the form.
    direction: spec.direction ?? base.direction,
    directionAsked: spec.direction !== undefined,
    missing: spec.missing ?? 'exclude',
    autoDrivers: false,
    bootstrap: spec.bootstrap ?? DEFAULT_BOOTSTRAP,
    level: spec.level ?? DEFAULT_LEVEL,
    seed: spec.seed ?? DEFAULT_SEED,
    compareWith: spec.compareWith,
  };
}
