// Side steps in the Journeys view (pure, unit-tested): which stages are left out of the funnel, toggling them,
// why a stage looks like a side step, and whether the first run of a dataset should leave the suggested ones out.
//
// A side step (spec.offFunnel) stays in steps, transitions, timing and satisfaction but is not a funnel stage. The
// analytics suggest one when its stage is reached (in any order) by under 80% of the journeys of a later funnel
// stage — as a funnel stage it would cap every later stage at its own reach (the demo's support contacts: 359
// journeys, while 760 review).
import type { JourneyResult, JourneyStage, JourneyStageSpec } from '../../../shared/journeys';

/** A stage is a side step when every one of its steps is left out of the funnel. */
export function isSideStage(stage: Pick<JourneyStageSpec, 'steps'>, offFunnel: readonly string[]): boolean {
  return stage.steps.length > 0 && stage.steps.every((s) => offFunnel.includes(s));
}

/** offFunnel with `steps` added (side = true) or removed; order kept, no duplicates. */
export function withSideSteps(offFunnel: readonly string[], steps: readonly string[], side: boolean): string[] {
  if (!side) return offFunnel.filter((s) => !steps.includes(s));
  return [...offFunnel, ...steps.filter((s) => !offFunnel.includes(s))];
}

export interface SideStepReason {
  stage: string;
  /** Journeys with any event in the stage (any order). */
  customers: number;
  /** The later funnel stage that the most journeys reach, and how many. */
  later: string;
  laterCustomers: number;
}

/**
 * Why the stages holding `steps` look like side steps: each with the later funnel stage reached by the most
 * journeys. Works on a result where they are still funnel stages (a suggestion) or already side steps.
 */
export function sideStepReasons(stages: readonly JourneyStage[], steps: readonly string[]): SideStepReason[] {
  const out: SideStepReason[] = [];
  stages.forEach((s, i) => {
    if (!s.steps.some((step) => steps.includes(step))) return;
    let best: JourneyStage | null = null;
    for (const t of stages.slice(i + 1)) if (t.inFunnel && !t.steps.some((step) => steps.includes(step)) && (best === null || t.customers > best.customers)) best = t;
    if (best) out.push({ stage: s.stage, customers: s.customers, later: best.stage, laterCustomers: best.customers });
  });
  return out;
}

/** "Support contact", "A and B", "A, B, C and 4 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * Leave the suggested side steps out on the first run of a dataset, so the funnel makes sense at once (a visible
 * note offers the undo): only when the analyst has not chosen side steps or stages yet and has not undone it before.
 */
export function shouldPreApply(result: JourneyResult, o: { firstRun: boolean; declined: boolean; offFunnel: readonly string[]; customStages: boolean }): boolean {
  return o.firstRun && !o.declined && o.offFunnel.length === 0 && !o.customStages && result.suggestedOffFunnel.length > 0;
}

/** Conversion to the end of the funnel (the last stage's share of the first), or null without a funnel. */
export function endConversion(result: JourneyResult): number | null {
  const last = result.funnel[result.funnel.length - 1];
  return last ? last.conversion : null;
}

// ------------------------------------------------------------------ side steps on a curve
// One rule for every curve over the stages (satisfaction along the journey, by segment or channel, the journey
// map's emotion curve on screen and in its PNG): the line joins the funnel stages only; a side step keeps its
// place in the stage order but is drawn apart, as an open diamond, so a support contact rated 2.5 does not read
// as a dip every journey goes through. (The map's HTML export, made in main, follows the same rule.)

/** Plotly marker of a side step: open diamond, larger than the line's dots so it stands out without a fill. */
export const SIDE_STEP_MARKER = { symbol: 'diamond-open', size: 14, lineWidth: 2.5 } as const;

/** Items in order, split into the funnel's (joined by the line) and the side steps (drawn apart). */
export function splitSideSteps<T>(items: readonly T[], isSide: (item: T) => boolean): { funnel: T[]; side: T[] } {
  return { funnel: items.filter((i) => !isSide(i)), side: items.filter(isSide) };
}

/**
 * Indices of a curve's points as drawn: `runs` are joined by the line (a funnel stage without a value breaks it;
 * a one-point run is a lone dot), `apart` are the side steps with a value. A side step neither joins nor breaks
 * the line: the funnel stages either side of it are joined, as on the satisfaction chart.
 */
export function curveParts(values: readonly (number | null)[], side: readonly boolean[]): { runs: number[][]; apart: number[] } {
  const runs: number[][] = [];
  const apart: number[] = [];
  let run: number[] = [];
  values.forEach((v, i) => {
    if (side[i]) {
      if (v !== null) apart.push(i);
      return;
    }
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push(i);
  });
  if (run.length) runs.push(run);
  return { runs, apart };
}
