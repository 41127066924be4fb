// Stages: the analyst's grouping of steps (spec.stages) or one stage per step, and the rank each step uses to
// break ties between events at the same time.
//
// With spec.stages, a listed step ranks as its stage's index; steps the analyst did not list keep a stage of
// their own after the listed ones, in the inferred order (step-order.ts). Without it, every step with events is
// its own stage, named after the step, in the inferred order.
import type { JourneyStageSpec } from '../../../shared/journeys';

export interface StagePlan {
  names: string[];
  /** Step codes per stage, in display order. */
  steps: number[][];
  /** Stage index per step code; −1 for a step outside every stage (one without events, unlisted). */
  stageOfStep: Int32Array;
  /** Tie-break rank per step code (the stage index; unranked steps last). */
  rankOfStep: Int32Array;
  /** True when the stages came from spec.stages. */
  fromSpec: boolean;
}

export function planStages(stepNames: readonly string[], inferredOrder: readonly number[], specStages: readonly JourneyStageSpec[] | undefined, warnings: string[]): StagePlan {
  const S = stepNames.length;
  const stageOfStep = new Int32Array(S).fill(-1);
  const names: string[] = [];
  const steps: number[][] = [];
  const codeOf = new Map<string, number>();
  stepNames.forEach((name, code) => {
    if (!codeOf.has(name)) codeOf.set(name, code);
  });
  const fromSpec = specStages !== undefined && specStages.length > 0;
  if (fromSpec) {
    const missing: string[] = [];
    for (const stage of specStages) {
      const k = names.length;
      names.push(stage.name);
      const codes: number[] = [];
      for (const stepName of stage.steps) {
        const code = codeOf.get(stepName);
        if (code === undefined) {
          missing.push(`"${stepName}" (stage ${stage.name})`);
          continue;
        }
        if (stageOfStep[code] !== -1) {
          warnings.push(`Step "${stepName}" is listed in stages ${names[stageOfStep[code]]} and ${stage.name}; it counts in ${names[stageOfStep[code]]} only.`);
          continue;
        }
        stageOfStep[code] = k;
        codes.push(code);
      }
      steps.push(codes);
    }
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).join(', ');
      warnings.push(`Stage steps not found in the step column: ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}. Check the spelling against the step values.`);
    }
  }
  for (const code of inferredOrder) {
    if (stageOfStep[code] !== -1) continue;
    if (fromSpec && names.includes(stepNames[code])) {
      warnings.push(`Step "${stepNames[code]}" is in no stage but shares its name with a stage; add it to that stage to count them together.`);
    }
    stageOfStep[code] = names.length;
    names.push(stepNames[code]);
    steps.push([code]);
  }
  const rankOfStep = new Int32Array(S);
  for (let s = 0; s < S; s++) rankOfStep[s] = stageOfStep[s] === -1 ? names.length : stageOfStep[s];
  return { names, steps, stageOfStep, rankOfStep, fromSpec };
}
