// Which stages make the funnel, and which look like side steps.
//
// spec.offFunnel names steps (e.g. "Support contact") that stay everywhere else — steps, transitions, variants,
// timing, their own stage's satisfaction — but never move a journey along the funnel. A stage made only of such
// steps is a side step (JourneyStage.inFunnel = false) and is not a funnel stage; a stage mixing them with other
// steps stays in the funnel and is reached through its other steps only.
//
// Suggestions: in an "in this order" funnel, a stage reached (in any order) by clearly fewer journeys than a later
// stage caps every later stage at its own reach, so the funnel collapses there even though most journeys go on.
// That is what a side step does as a funnel stage (few journeys contact support; most still write a review).
// "Clearly fewer" is under SIDE_STEP_RATIO of the later stage's reach: a few journeys that skip a stage (Olist
// orders reviewed but never delivered: 3,898 delivered vs 3,972 reviewed) do not make it a side step.
import type { StagePlan } from './stage-plan';

/** A stage is suggested as a side step when it is reached by fewer than this share of a later stage's journeys. */
export const SIDE_STEP_RATIO = 0.8;

export interface FunnelPlan {
  /** Per stage of the plan: false for a stage made only of side steps. */
  inFunnel: boolean[];
  /** Funnel stage names, in stage order. */
  names: string[];
  /** Plan stage index per funnel stage. */
  stageOfFunnel: number[];
  /** Funnel stage index per step code; −1 for a side step or a step outside every stage. */
  funnelOfStep: Int32Array;
}

export function planFunnel(stepNames: readonly string[], plan: StagePlan, offFunnel: readonly string[] | undefined, specStageNames: readonly string[], warnings: string[]): FunnelPlan {
  const S = stepNames.length;
  const off = new Uint8Array(S);
  const wanted = new Set(offFunnel ?? []);
  const known = new Set<string>();
  stepNames.forEach((name, code) => {
    if (wanted.has(name)) {
      off[code] = 1;
      known.add(name);
    }
  });
  const unknown = [...wanted].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const stageNames = new Set(specStageNames);
    const described = unknown.slice(0, 10).map((name) => (stageNames.has(name) ? `"${name}" (a stage: list its steps instead)` : `"${name}"`));
    const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
    warnings.push(`Side steps not found in the step column: ${described.join(', ')}${more}. Check the spelling against the step values.`);
  }

  const inFunnel = plan.steps.map((codes) => codes.length === 0 || codes.some((s) => off[s] === 0));
  plan.steps.forEach((codes, k) => {
    const side = codes.filter((s) => off[s] === 1);
    if (inFunnel[k] && side.length > 0) {
      const rest = codes.filter((s) => off[s] === 0).map((s) => stepNames[s]);
      warnings.push(
        `Stage ${plan.names[k]} mixes side steps (${side.map((s) => stepNames[s]).join(', ')}) with funnel steps: it stays in the funnel, reached through ${rest.join(', ')} only.`,
      );
    }
  });

  const names: string[] = [];
  const stageOfFunnel: number[] = [];
  const funnelIndexOfStage = plan.names.map((name, k) => {
    if (!inFunnel[k]) return -1;
    names.push(name);
    stageOfFunnel.push(k);
    return names.length - 1;
  });
  if (plan.names.length > 0 && names.length === 0) warnings.push('Every stage is left out of the funnel as a side step, so there is no funnel to show.');

  const funnelOfStep = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    const k = plan.stageOfStep[s];
    if (k >= 0 && off[s] === 0) funnelOfStep[s] = funnelIndexOfStage[k];
  }
  return { inFunnel, names, stageOfFunnel, funnelOfStep };
}

/**
 * Funnel stages that look like side steps: reached (any order, through their funnel steps) by fewer than
 * SIDE_STEP_RATIO of the journeys of some later funnel stage. Returns their funnel steps' names, in stage order.
 */
export function suggestSideSteps(funnel: FunnelPlan, plan: StagePlan, stepNames: readonly string[], reach: Int32Array): string[] {
  const out: string[] = [];
  const F = funnel.names.length;
  let laterMax = 0;
  const suggested = new Array<boolean>(F).fill(false);
  for (let f = F - 1; f >= 0; f--) {
    if (reach[f] < SIDE_STEP_RATIO * laterMax) suggested[f] = true;
    if (reach[f] > laterMax) laterMax = reach[f];
  }
  for (let f = 0; f < F; f++) {
    if (!suggested[f]) continue;
    for (const s of plan.steps[funnel.stageOfFunnel[f]]) if (funnel.funnelOfStep[s] === f) out.push(stepNames[s]);
  }
  return out;
}
