// The Predict set-up's label made from an event log (renderer/views/predict/event-label-form.ts and its use in
// model.ts), and its columns from another dataset (JoinedPicker, model.ts). Hand-made datasets: a customer table (customer_id with role id, plan, churned_flag) and an event log
// (customer_id, ts datetime); the log's profile spans 2025-01-01 … 2025-12-10. Expected values are worked out by hand
// from the rules: the latest cut-off for 90 days is 2025-12-10 − 90 days = 2025-09-11; the direction is never
// pre-chosen; the spec sent carries the label and the positive value "yes", and passes the contract's schema.
import { describe, expect, it } from 'vitest';
import { predictSpecSchema } from '../../../shared/api';
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import { chooseEventLog, eventLabelProblem, eventLabelSentence, eventLogOptions, latestCutoff, logSpan, NO_EVENT_LABEL } from '../../../renderer/views/predict/event-label-form';
import { formProblem, fromSpec, prefill, setOutcomeFromEvents, toSpec } from '../../../renderer/views/predict/model';
import { joinIdColumn } from '../../../renderer/views/predict/JoinedPicker';

const col = (index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role']): ColumnMeta => ({ index, name, originalName: name, type, role, piiAction: 'keep' });
const ds = (name: string, columns: ColumnMeta[]): DatasetSummary => ({ id: 1, name, rows: 100, sourceFile: `${name}.csv`, importedAt: '2026-01-01T00:00:00Z', columns });
const customers = ds('customers', [col(0, 'customer_id', 'text', 'id'), col(1, 'plan', 'text', 'category'), col(2, 'churned_flag', 'boolean', 'outcome')]);
const events = ds('events', [col(0, 'customer_id', 'text', 'id'), col(1, 'ts', 'datetime', 'timestamp'), col(2, 'step', 'text', 'category')]);
const survey = ds('survey', [col(0, 'score', 'integer', 'nps')]);
const profile: ColumnProfile[] = [{ name: 'ts', min: '2025-01-01T08:00:00.000Z', max: '2025-12-10T17:30:00.000Z' } as ColumnProfile];
const span = { first: '2025-01-01', last: '2025-12-10' };

describe('event-log label helpers', () => {
  it('offers other datasets with a date column as logs, and pre-chooses the id and date columns', () => {
    expect(eventLogOptions([customers, events, survey], 'customers').map((d) => d.name)).toEqual(['events']);
    expect(chooseEventLog(NO_EVENT_LABEL, events, 'customer_id')).toMatchObject({ events: 'events', customer: 'customer_id', time: 'ts', positiveWhen: '' });
    expect(logSpan(profile, 'ts')).toEqual(span);
    expect(latestCutoff('2025-12-10', 90)).toBe('2025-09-11');
  });

  it('asks for the direction, and refuses a window the log does not cover or a name that is a column', () => {
    const f = { ...chooseEventLog(NO_EVENT_LABEL, events, 'customer_id'), on: true, cutoff: '2025-08-31' };
    expect(eventLabelProblem(f, 'churned', customers, 'customer_id', [events], span)).toMatch(/^Say which is the outcome/);
    const g = { ...f, positiveWhen: 'no-event' as const };
    expect(eventLabelProblem(g, 'churned', customers, 'customer_id', [events], span)).toBeNull();
    expect(eventLabelProblem({ ...g, cutoff: '2025-09-12' }, 'churned', customers, 'customer_id', [events], span)).toBe(
      'The log ends on 2025-12-10, so the 90-day window after 2025-09-12 is not complete: choose a cut-off on or before 2025-09-11.',
    );
    expect(eventLabelProblem({ ...g, cutoff: '2025-02-30' }, 'churned', customers, 'customer_id', [events], span)).toMatch(/^Enter the cut-off day/);
    expect(eventLabelProblem(g, 'Churned_flag', customers, 'customer_id', [events], span)).toMatch(/already has a column “churned_flag”/);
    expect(eventLabelProblem(g, 'churned', customers, '', [events], span)).toMatch(/has no id column/);
    expect(eventLabelSentence(g, 'churned')).toBe('Predicting: churned = yes — no event in “events” in the 90 days after 2025-08-31');
  });

  it('the form: switching to an event log names the label, and the spec sent carries it (and round-trips)', () => {
    let f = setOutcomeFromEvents({ ...prefill(customers), features: ['plan'] }, customers, null, true);
    expect(f).toMatchObject({ target: 'churned', positive: 'yes' });
    f = { ...f, label: { ...chooseEventLog(f.label, events, 'customer_id'), cutoff: '2025-08-31', positiveWhen: 'no-event' } };
    expect(formProblem(f, customers, null, { logs: [events], span })).toBeNull();
    const spec = toSpec(f);
    expect(spec).toMatchObject({ target: 'churned', positive: 'yes', label: { events: 'events', customer: 'customer_id', time: 'ts', cutoff: '2025-08-31', horizonDays: 90, positiveWhen: 'no-event' } });
    expect(predictSpecSchema.parse(spec)).toEqual(spec);
    expect(toSpec(fromSpec(spec, prefill(customers)))).toEqual(spec);
    // Back to a column: the label's choices are kept for later, the target is a column again.
    const back = setOutcomeFromEvents(f, customers, null, false);
    expect(back.label).toMatchObject({ on: false, events: 'events', cutoff: '2025-08-31' });
    expect(toSpec({ ...back, target: 'churned_flag', positive: 'Yes' }).label).toBeUndefined();
  });

  it('the contract refuses a label with another positive value', () => {
    const spec = { dataset: 'customers', target: 'churned', positive: 'no', features: ['plan'], label: { events: 'events', customer: 'customer_id', time: 'ts', cutoff: '2025-08-31', horizonDays: 90, positiveWhen: 'no-event' } };
    expect(predictSpecSchema.safeParse(spec).success).toBe(false);
  });
});

describe('columns from another dataset', () => {
  const rfm = ds('RFM', [col(0, 'customer_id', 'text', 'id'), col(1, 'r', 'integer', 'feature'), col(2, 'last_order', 'date', 'timestamp')]);
  const crm = ds('CRM', [col(0, 'cid', 'text', 'id'), col(1, 'tier', 'text', 'category')]);

  it('pre-chooses its id column by the name of the table’s id, else its id column', () => {
    expect(joinIdColumn(rfm, 'customer_id')).toBe('customer_id');
    expect(joinIdColumn(crm, 'customer_id')).toBe('cid');
  });

  it('a join without columns stops the run; with columns the spec carries it and round-trips', () => {
    const f = { ...prefill(customers), target: 'churned_flag', positive: 'Yes', features: ['plan'], joined: [{ dataset: 'RFM', id: 'customer_id', columns: [] as string[] }] };
    expect(formProblem(f, customers, null)).toBe('Choose the columns of “RFM” to use (or remove it).');
    const g = { ...f, joined: [{ dataset: 'RFM', id: 'customer_id', columns: ['r'] }] };
    expect(formProblem(g, customers, null)).toBeNull();
    const spec = toSpec(g);
    expect(spec.joined).toEqual([{ dataset: 'RFM', id: 'customer_id', columns: ['r'] }]);
    expect(predictSpecSchema.parse(spec)).toEqual(spec);
    expect(toSpec(fromSpec(spec, prefill(customers)))).toEqual(spec);
  });
});
