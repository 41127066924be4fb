// Opening a saved result restores its set-up: for each analysis view, the form made from a saved spec (fromSpec, on
// top of an unrelated pre-fill) gives back exactly that spec through the view's own toSpec. Specs are written here
// by hand to use every field each form can express (and the CLI's key order, which the stale check must ignore).
import { describe, expect, it } from 'vitest';
import type { AuditSpec } from '../../../shared/audit';
import type { JourneySpec } from '../../../shared/journeys';
import type { DriversSpec, NpsContextSpec, NpsSpec } from '../../../shared/nps';
import { fromAuditSpec } from '../../../renderer/views/audit/from-spec';
import { prefill as prefillAudit, toSpec as toAuditSpec } from '../../../renderer/views/audit/model';
import { fromJourneySpec } from '../../../renderer/views/journeys/from-spec';
import { prefill as prefillJourney, toSpec as toJourneySpec } from '../../../renderer/views/journeys/model';
import { fromContextSpec, fromDriversSpec, fromNpsSpec } from '../../../renderer/views/nps/from-spec';
import { prefillContext, prefillDrivers, prefillNps, toContextSpec, toDriversSpec, toNpsSpec } from '../../../renderer/views/nps/model';

describe('a saved spec restores the set-up that asks for it', () => {
  it('NPS: grouping by column or segmentation, trend, level, min n, reference and mapping', () => {
    const byColumn: NpsSpec = { dataset: 'survey', score: 'ltr', by: 'region', period: 'answered', periodUnit: 'quarter', level: 0.9, minN: 50, reference: 'North', mapping: { kind: 'rescale', from: [1, 10] } };
    expect(toNpsSpec(fromNpsSpec(byColumn, prefillNps(null)))).toEqual(byColumn);
    const bySegments: NpsSpec = { dataset: 'survey', score: 'ltr', segmentation: 'Q3 segments', level: 0.95, minN: 30 };
    expect(toNpsSpec(fromNpsSpec(bySegments, prefillNps(null)))).toEqual(bySegments);
  });

  it('collection context: a column, or the delay since an event with its bins', () => {
    const column: NpsContextSpec = { dataset: 'survey', score: 'ltr', context: 'how', level: 0.95, minN: 30 };
    expect(toContextSpec(fromContextSpec(column, prefillContext(null, [])))).toEqual(column);
    const delay: NpsContextSpec = {
      dataset: 'survey',
      score: 'ltr',
      delay: { surveyTime: 'answered', events: 'events', customer: 'id', time: 'ts', step: 'step', stepValue: 'Delivery', bins: [0, 2, 14] },
      level: 0.99,
      minN: 20,
      mapping: { kind: 'round' },
    };
    expect(toContextSpec(fromContextSpec(delay, prefillContext(null, [])))).toEqual(delay);
  });

  it('key drivers: model, positive value, missing codes, direction, missing handling, bootstrap, seed and level', () => {
    const spec: DriversSpec = {
      dataset: 'telco',
      target: 'Churn',
      drivers: ['tenure', 'MonthlyCharges', 'TotalCharges'],
      model: 'logistic',
      positive: 'Yes',
      missingCodes: [0, 99],
      direction: 'higher-is-worse',
      missing: 'impute',
      bootstrap: 200,
      seed: 7,
      level: 0.9,
    };
    expect(toDriversSpec(fromDriversSpec(spec, prefillDrivers(null)))).toEqual(spec);
  });

  it('audit: a score with a threshold, a label, intersections, references, population shares and proxies', () => {
    const spec: AuditSpec = {
      dataset: 'applicants',
      protected: ['gender', 'age_band'],
      score: 'risk',
      threshold: 0.5,
      label: 'defaulted',
      labelPositive: 'Yes',
      intersect: true,
      reference: { gender: 'Male' },
      direction: 'punitive',
      minGroupSize: 50,
      missing: 'exclude',
      proxyColumns: ['postcode_area'],
      proxySegmentations: ['Q3 segments'],
      population: { gender: { Female: 0.51, Male: 0.49 } },
    };
    const back = toAuditSpec(fromAuditSpec(spec, prefillAudit(null)));
    expect(back).toEqual(spec);
  });

  it('journeys: optional columns, precision, stages, side steps, segment and channel filters, comparison', () => {
    const spec: JourneySpec = {
      dataset: 'events',
      customer: 'customer_id',
      time: 'ts',
      step: 'step',
      channel: 'channel',
      satisfaction: 'csat',
      nps: 'ltr',
      precision: 'day',
      stages: [
        { name: 'Browse', steps: ['Visit', 'Browse'] },
        { name: 'Buy', steps: ['Checkout'] },
      ],
      offFunnel: ['Support contact'],
      segmentation: 'Q3 segments',
      filter: { segments: [0, 2], channels: ['web'] },
      compareBy: 'segment',
    };
    expect(toJourneySpec(fromJourneySpec(spec, prefillJourney(null)))).toEqual(spec);
  });
});
