// The journey set-up from a saved spec (opening a saved result): the inverse of toSpec.
import type { JourneySpec } from '../../../shared/journeys';
import type { JourneyForm } from './model';

export function fromJourneySpec(spec: JourneySpec, base: JourneyForm): JourneyForm {
  return {
    ...base,
    dataset: spec.dataset,
    customer: spec.customer,
    time: spec.time,
    step: spec.step,
    channel: spec.channel ?? '',
    satisfaction: spec.satisfaction ?? '',
    nps: spec.nps ?? '',
    precision: spec.precision ?? 'exact',
    stages: spec.stages ? spec.stages.map((s) => ({ name: s.name, steps: [...s.steps] })) : null,
    offFunnel: [...(spec.offFunnel ?? [])],
    segmentation: spec.segmentation ?? '',
    segments: [...(spec.filter?.segments ?? [])],
    channels: [...(spec.filter?.channels ?? [])],
    compareBy: spec.compareBy ?? '',
  };
}
