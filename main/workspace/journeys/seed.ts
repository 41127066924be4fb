// A journey map seeded from the analytics: one column per stage in funnel order and measured cards (each with the
// n it rests on) in the lanes the data can speak to. Customer actions, opportunities and backstage stay empty:
// they are the workshop's to fill, and a guessed card there would pass a person's opinion off as a finding.
// A side step (a stage left out of the funnel, e.g. support contacts) gets a column after the funnel's, with its
// touchpoints (marked as a side step), emotions and channels, but no funnel KPI or pain point: it has no drop-off.
// After, not between: the map's columns read as the funnel, then what some journeys do on the side.
import { SIDE_STEP_COLUMN_SUFFIX, type JourneyCard, type JourneyLane, type JourneyMap, type JourneyPersona, type JourneyResult, type JourneySpec, type JourneyStage } from '../../../shared/journeys';
import { count, duration, percent, rating, signed } from './map-format';

export interface SeedInput {
  name: string;
  result: JourneyResult;
  spec: JourneySpec;
  persona?: JourneyPersona | null;
  now?: Date;
}

/** Most channels named on a card; the rest are summed as "other" so the card stays readable on a projector. */
const CHANNELS_SHOWN = 4;

export function seedJourneyMap({ name, result, spec, persona, now = new Date() }: SeedInput): JourneyMap {
  const ordered = stagesInFunnelOrder(result);
  // A side step's column says so in its name, so the emotion curve's point there is not read as a funnel stage.
  const stages = ordered.map((s, i) => ({ id: `s${i + 1}`, name: s.inFunnel ? s.stage : `${s.stage}${SIDE_STEP_COLUMN_SUFFIX}` }));
  const stageId = new Map(ordered.map((s, i) => [s.stage, `s${i + 1}`]));
  const funnelIndex = new Map(result.funnel.map((f, i) => [f.stage, i]));
  const scale = emotionScale(result.satisfactionScale);

  const cards: JourneyCard[] = [];
  const add = (lane: JourneyLane, stage: string, text: string, n: number, value?: number): void => {
    cards.push({ id: `c${cards.length + 1}`, lane, stageId: stageId.get(stage)!, text, evidence: 'measured', n, ...(value !== undefined ? { value } : {}) });
  };

  for (const stage of ordered) {
    // Touchpoints: the stage's steps, most-travelled first.
    const steps = result.steps.filter((s) => s.stage === stage.stage).sort((a, b) => b.customers - a.customers || a.step.localeCompare(b.step));
    const side = stage.inFunnel ? '' : '; a side step, left out of the funnel';
    for (const step of steps) {
      add('touchpoints', stage.stage, `${step.step}: ${journeys(step.customers)} (${percent(step.customers / result.customers)} of all)${side}`, step.customers);
    }

    // Emotions: the stage's mean satisfaction is the curve's point; NPS rides along when measured.
    const sat = stage.satisfaction;
    const nps = stage.nps ? `NPS ${signed(stage.nps.nps)} (95% CI ${signed(stage.nps.ci[0])} to ${signed(stage.nps.ci[1])}, n = ${count(stage.nps.n)})` : null;
    if (sat) {
      const ci = sat.ci ? ` (95% CI ${rating(sat.ci[0])}–${rating(sat.ci[1])})` : '';
      const text = `Satisfaction ${rating(sat.mean)} on ${rating(scale[0])}–${rating(scale[1])}${ci}${nps ? `; ${nps}` : ''}`;
      add('emotions', stage.stage, text, sat.n, sat.mean);
    } else if (stage.nps && nps) {
      add('emotions', stage.stage, nps, stage.nps.n);
    }

    // Pain points: ranked by the analytics; only those with drop-off and dissatisfaction to speak of.
    const fi = funnelIndex.get(stage.stage);
    for (const p of result.painPoints) {
      if (p.stage !== stage.stage || !(p.score > 0) || fi === undefined || fi === 0) continue;
      add('painPoints', stage.stage, p.explanation, result.funnel[fi - 1].customers);
    }

    // Channels: the mix of the stage's events.
    const total = stage.channels.reduce((sum, c) => sum + c.events, 0);
    if (total > 0) {
      const shown = stage.channels.slice(0, CHANNELS_SHOWN).map((c) => `${c.channel} ${percent(c.events / total)}`);
      const rest = stage.channels.slice(CHANNELS_SHOWN).reduce((sum, c) => sum + c.events, 0);
      if (rest > 0) shown.push(`other ${percent(rest / total)}`);
      add('channels', stage.stage, shown.join(' · '), total);
    }

    // KPIs: reach and drop-off (n = the journeys at risk, the drop-off's denominator), then time to the next stage.
    if (fi !== undefined) {
      const f = result.funnel[fi];
      if (fi === 0) {
        add('kpis', stage.stage, `${journeys(f.customers)} ${f.customers === 1 ? 'enters' : 'enter'} the funnel here`, f.customers);
      } else {
        const prev = result.funnel[fi - 1];
        add(
          'kpis',
          stage.stage,
          `${journeys(f.customers)} ${f.customers === 1 ? 'reaches' : 'reach'} this stage in order (${percent(f.conversion)} of entrants); ${percent(f.dropOffRate)} drop off after ${prev.stage}`,
          prev.customers,
        );
      }
      const next = result.funnel[fi + 1];
      if (next && stage.medianSecondsToNext !== null) {
        add('kpis', stage.stage, `Median time to ${next.stage}: ${duration(stage.medianSecondsToNext)}`, next.customers);
      }
    }
  }

  return {
    name,
    stages,
    cards,
    persona: persona ?? null,
    emotionScale: scale,
    seededFrom: spec,
    version: 0,
    updatedAt: now.toISOString(),
  };
}

function journeys(n: number): string {
  return `${count(n)} ${n === 1 ? 'journey' : 'journeys'}`;
}

/** The funnel's order first; the stages the funnel does not list (side steps) follow in their stage order. */
function stagesInFunnelOrder(result: JourneyResult): JourneyStage[] {
  const byName = new Map(result.stages.map((s) => [s.stage, s]));
  const ordered = result.funnel.map((f) => byName.get(f.stage)).filter((s): s is JourneyStage => s !== undefined);
  const listed = new Set(ordered.map((s) => s.stage));
  return [...ordered, ...result.stages.filter((s) => !listed.has(s.stage))];
}

/** The satisfaction scale when measured; a one-value scale (every rating equal) is widened so the curve can be drawn. */
function emotionScale(observed: [number, number] | null): [number, number] {
  if (!observed) return [1, 5];
  const [lo, hi] = observed;
  return lo < hi ? [lo, hi] : [lo - 1, lo + 1];
}
