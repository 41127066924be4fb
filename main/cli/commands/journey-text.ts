// `cxw journey` for people: the funnel first (what an analyst asks first), then stages, steps, the most travelled
// transitions, pain points, segment/channel comparisons; path variants and time between steps on request.
import type { JourneyResult, MeanCi, NpsCi } from '../../../shared/journeys';
import { table } from '../format';
import { pushAll } from '../../../shared/extent';

const TRANSITIONS_SHOWN = 20;
const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const fixed = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** Seconds as the unit a person reads: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(seconds: number | null): string {
  if (seconds === null || Number.isNaN(seconds)) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (s < 90) return `${sign}${s < 10 ? s.toFixed(1).replace(/\.0$/, '') : Math.round(s)} s`;
  if (s < 90 * 60) return `${sign}${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${sign}${(s / 3600).toFixed(1)} h`;
  return `${sign}${(s / 86400).toFixed(1)} d`;
}

function meanCi(m: MeanCi | null): string {
  if (!m) return '—';
  return m.ci ? `${m.mean.toFixed(2)} [${m.ci[0].toFixed(2)}, ${m.ci[1].toFixed(2)}] n=${int(m.n)}` : `${m.mean.toFixed(2)} n=${int(m.n)}`;
}

function nps(n: NpsCi | null): string {
  return n ? `${n.nps.toFixed(0)} [${n.ci[0].toFixed(0)}, ${n.ci[1].toFixed(0)}] n=${int(n.n)}` : '—';
}

const REASONS_SHOWN = 5;

/** Each suggested side step's stage with the later funnel stage that the most journeys reach (the reason for it). */
export function sideStepReasons(r: JourneyResult): { stage: string; customers: number; later: string; laterCustomers: number }[] {
  const suggested = new Set(r.suggestedOffFunnel);
  const out: { stage: string; customers: number; later: string; laterCustomers: number }[] = [];
  // mostReachedAfter[i]: the in-funnel stage after i with the most journeys (the earliest on ties), in one backward
  // pass; scanning every later stage for each one took 12 s at 300k stages.
  type Stage = (typeof r.stages)[number];
  const mostReachedAfter: (Stage | null)[] = new Array<Stage | null>(r.stages.length).fill(null);
  for (let i = r.stages.length - 2; i >= 0; i--) {
    const next = r.stages[i + 1];
    const best = mostReachedAfter[i + 1];
    mostReachedAfter[i] = next.inFunnel && (best === null || next.customers >= best.customers) ? next : best;
  }
  r.stages.forEach((s, i) => {
    if (!s.inFunnel || !s.steps.some((step) => suggested.has(step))) return;
    const best = mostReachedAfter[i];
    if (best) out.push({ stage: s.stage, customers: s.customers, later: best.stage, laterCustomers: best.customers });
  });
  return out;
}

export function formatJourney(r: JourneyResult, show: { variants: boolean; timing: boolean }): string {
  const out: string[] = [];
  const skipped = r.skippedEvents ? ` (${int(r.skippedEvents)} events left out)` : '';
  out.push(`Journeys in "${r.spec.dataset}": ${int(r.customers)} journeys, ${int(r.events)} events${skipped}, ${r.steps.length} steps in ${r.stages.length} stages.`);
  out.push(`Order: ${r.orderNote}`);
  if (r.satisfactionScale) out.push(`Satisfaction ("${r.spec.satisfaction}") observed from ${r.satisfactionScale[0]} to ${r.satisfactionScale[1]}.`);

  const stageOf = new Map(r.stages.map((s) => [s.stage, s]));
  const sideSteps = r.stages.filter((s) => !s.inFunnel);
  out.push('', `Funnel: journeys reaching each stage after every earlier stage, in order${sideSteps.length ? ` (side steps left out: ${sideSteps.map((s) => s.stage).join(', ')})` : ''}`);
  out.push(
    table(
      ['stage', 'customers', 'drop-off', 'drop-off %', 'conversion', 'satisfaction', 'NPS', 'median to next'],
      r.funnel.map((f, i) => {
        const st = stageOf.get(f.stage);
        return [f.stage, int(f.customers), i === 0 ? '—' : int(f.dropOff), i === 0 ? '—' : pct(f.dropOffRate), pct(f.conversion), meanCi(st?.satisfaction ?? null), nps(st?.nps ?? null), duration(st?.medianSecondsToNext ?? null)];
      }),
    ),
  );

  if (r.suggestedOffFunnel.length) {
    const steps = r.suggestedOffFunnel;
    const reasons = sideStepReasons(r);
    const one = steps.length === 1;
    out.push(
      '',
      `Side steps? ${one ? 'This step looks like a side step, not a funnel stage' : 'These steps look like side steps, not funnel stages'}: as ${one ? 'a funnel stage it cuts' : 'funnel stages they cut'} the funnel short.`,
    );
    for (const x of reasons.slice(0, REASONS_SHOWN)) {
      out.push(`  ${x.stage}: ${int(x.customers)} journeys, under 80% of the ${int(x.laterCustomers)} that reach ${x.later} (in any order)`);
    }
    if (reasons.length > REASONS_SHOWN) out.push(`  … and ${reasons.length - REASONS_SHOWN} more`);
    out.push(`  To leave ${one ? 'it' : 'them'} out of the funnel (kept everywhere else): --off-funnel "${steps.join(',')}"`);
  }

  out.push('', 'Stages: journeys with any event in the stage (in any order)');
  out.push(
    table(
      ['stage', 'steps', 'customers', 'events', 'funnel', 'channels (events)'],
      r.stages.map((s) => [
        s.stage,
        s.steps.join(', '),
        int(s.customers),
        int(s.events),
        s.inFunnel ? 'yes' : 'side step',
        s.channels.slice(0, 4).map((c) => `${c.channel} ${int(c.events)}`).join(', ') || '—',
      ]),
    ),
  );
  // Side steps are not in the funnel table above, so their satisfaction and NPS are listed here.
  if (sideSteps.some((s) => s.satisfaction || s.nps)) {
    out.push('', 'Side steps: satisfaction and NPS');
    out.push(table(['stage', 'satisfaction', 'NPS'], sideSteps.map((s) => [s.stage, meanCi(s.satisfaction), nps(s.nps)])));
  }

  out.push('', 'Steps');
  out.push(
    table(
      ['step', 'stage', 'customers', 'events', 'median position', 'mean satisfaction'],
      r.steps.map((s) => [s.step, s.stage, int(s.customers), int(s.events), fixed(s.medianPosition, 1), fixed(s.meanSatisfaction)]),
    ),
  );

  const transitions = [...r.transitions].sort((a, b) => b.customers - a.customers || b.events - a.events);
  const shown = transitions.slice(0, TRANSITIONS_SHOWN);
  out.push('', `Transitions (directly follows)${transitions.length > shown.length ? `: the ${shown.length} most travelled of ${int(transitions.length)} (--json lists all)` : ''}`);
  out.push(
    table(
      ['from', 'to', 'customers', 'events', 'median time', 'p90 time'],
      shown.map((t) => [t.from, t.to, int(t.customers), int(t.events), duration(t.medianSeconds), duration(t.p90Seconds)]),
    ),
  );

  if (r.painPoints.length) {
    out.push('', 'Pain points (drop-off rate × dissatisfaction, worst first)');
    r.painPoints.forEach((p, i) => out.push(`  ${i + 1}. ${p.stage} (score ${p.score.toFixed(3)}): ${p.explanation}`));
  }

  if (r.segments) {
    out.push('', `Segments of "${r.spec.segmentation}" (index as in --segments)`);
    out.push(table(['index', 'segment', 'journeys'], r.segments.map((s) => [String(s.index), s.name, int(s.customers)])));
    if (r.unmatchedCustomers) out.push(`${int(r.unmatchedCustomers)} journeys have an id that is not in the segmentation.`);
  }

  if (r.groups && r.groups.length) {
    out.push('', `Funnel by ${r.spec.compareBy ?? 'group'}: journeys reaching each stage (conversion from the first stage)`);
    const stages = r.funnel.map((f) => f.stage);
    out.push(
      table(
        ['stage', ...r.groups.map((g) => `${g.group} (${int(g.customers)})`)],
        stages.map((stage) => [
          stage,
          ...r.groups!.map((g) => {
            const f = g.funnel.find((x) => x.stage === stage);
            return f ? `${int(f.customers)} (${pct(f.conversion)})` : '—';
          }),
        ]),
      ),
    );
  }

  if (show.variants) {
    out.push('', `Path variants: the ${r.variants.length} most common of ${int(r.variantCount)}`);
    out.push(table(['customers', 'share', 'path'], r.variants.map((v) => [int(v.customers), pct(v.share), v.path.join(' → ')])));
  }
  if (show.timing) {
    out.push('', 'Time between consecutive events (most frequent transitions)');
    out.push(
      table(
        ['from', 'to', 'n', 'min', 'q1', 'median', 'q3', 'p90', 'max'],
        r.timing.map((t) => [t.from, t.to, int(t.n), duration(t.min), duration(t.q1), duration(t.median), duration(t.q3), duration(t.p90), duration(t.max)]),
      ),
    );
  }
  if (!show.variants || !show.timing) out.push('', `More: ${[!show.variants ? '--variants [N] (common paths)' : '', !show.timing ? '--timing (time between steps)' : ''].filter(Boolean).join(', ')}, --json (everything).`);
  if (r.warnings.length) pushAll(out, ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)]);
  return out.join('\n');
}
