// The audit set-up from a saved spec (opening a saved result): the inverse of toSpec, on top of the dataset's
// pre-filled form for what the spec leaves to the defaults.
import type { AuditSpec } from '../../../shared/audit';
import { DEFAULT_MIN_GROUP, type AuditForm } from './model';

export function fromAuditSpec(spec: AuditSpec, base: AuditForm): AuditForm {
  const population: AuditForm['population'] = {};
  for (const [attribute, shares] of Object.entries(spec.population ?? {})) {
    // Fractions back to the percentages the form holds (toSpec divides by their total).
    population[attribute] = Object.fromEntries(Object.entries(shares).map(([g, v]) => [g, Math.round(v * 1e6) / 1e4]));
  }
  return {
    ...base,
    dataset: spec.dataset,
    mode: spec.decision ? 'decision' : 'score',
    decision: spec.decision ?? '',
    favorable: spec.favorable ?? '',
    score: spec.score ?? '',
    threshold: spec.threshold ?? '',
    label: spec.label ?? '',
    labelPositive: spec.labelPositive ?? '',
    protected: [...spec.protected],
    intersect: spec.intersect ?? false,
    reference: { ...(spec.reference ?? {}) },
    direction: spec.direction ?? 'assistive',
    minGroupSize: spec.minGroupSize ?? DEFAULT_MIN_GROUP,
    missing: spec.missing ?? 'group',
    population,
    proxyColumns: spec.proxyColumns ? [...spec.proxyColumns] : null,
    proxySegmentations: spec.proxySegmentations ? [...spec.proxySegmentations] : [],
  };
}
