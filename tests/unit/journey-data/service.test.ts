// journey.analyze through the services (in-process jobs): the data path's skipped events and warnings in the
// result, progress in phases, the analysis recorded in the activity log with the spec that reproduces it, and a
// cancel honoured during the load.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain';
import type { Harness } from '../segment-service/helpers';
import { harness } from '../segment-service/helpers';
import { EVENTS, SPEC } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

describe('journey.analyze', () => {
  it('returns the analysis with the left-out events, reports progress and logs the run', async () => {
    h = await harness();
    await h.services.handlers['dataset.import']({ jobId: 'imp', path: h.csv('events.csv', `${EVENTS}\n`), name: 'events' });
    const spec = { ...SPEC, stages: [{ name: 'Look', steps: ['visit', 'search'] }, { name: 'Buy', steps: ['buy'] }] };
    const r = await h.services.handlers['journey.analyze']({ jobId: 'j1', spec });
    expect(r.customers).toBe(4); // C1, C2, C3 (one complete event: a buy) and "10"
    expect(r.events).toBe(6);
    expect(r.skippedEvents).toBe(3);
    expect(r.funnel.map((f) => [f.stage, f.customers])).toEqual([
      ['Look', 3], // C1, C2, 10 (C3 never looked)
      ['Buy', 1], // C2
    ]);
    expect(r.warnings[0]).toBe('3 events were left out: 1 without a customer ("customer_id"), 1 without a time ("ts"), 1 without a step ("step").');
    const phases = h.events.filter((e) => e.event === 'job.progress' && (e.payload as JobProgress).jobId === 'j1').map((e) => (e.payload as JobProgress).phase);
    expect(phases[0]).toBe('load');
    expect(phases.at(-1)).toBe('analyze');
    const [entry] = await h.services.handlers['workspace.activity']({ limit: 1 });
    expect(entry.action).toBe('journey.analyze');
    expect(entry.summary).toBe('Mapped the journeys in “events”: 4 journeys, 6 events, 2 stages; 33.3% reach Buy.');
    expect(entry.params).toMatchObject({ spec, journeys: 4, events: 6, skippedEvents: 3 });
  });

  it('stops with CANCELLED when the job is cancelled while loading', async () => {
    h = await harness((event, payload, services) => {
      if (event === 'job.progress' && (payload as JobProgress).phase === 'load') void services.handlers['job.cancel']({ jobId: 'j2' });
    });
    await h.services.handlers['dataset.import']({ jobId: 'imp', path: h.csv('events.csv', `${EVENTS}\n`), name: 'events' });
    await expect(h.services.handlers['journey.analyze']({ jobId: 'j2', spec: SPEC })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
