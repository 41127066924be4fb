// The stage order and grouping editor's operations (pure, unit-tested). A draft is the list of stages in order,
// each with its steps; every operation returns a new draft and never loses or duplicates a step.
//
// Side steps (stages left out of the funnel) keep their place in the draft but are listed apart in the editor, so
// the moves and merges take an optional `skip`: the neighbour of a stage is the nearest stage that is not skipped,
// and a side step sitting between two funnel stages stays where it is.
import type { JourneyStage, JourneyStageSpec } from '../../../shared/journeys';

export type StageDraft = JourneyStageSpec[];

/** The stages a run used (inferred or the analyst's), as an editable draft. */
export function draftFromResult(stages: JourneyStage[]): StageDraft {
  return stages.map((s) => ({ name: s.stage, steps: [...s.steps] }));
}

type Skip = (stage: JourneyStageSpec) => boolean;
const never: Skip = () => false;

/** The nearest stage after (dir 1) or before (dir −1) `index` that is not skipped, or −1. */
export function neighbour(draft: StageDraft, index: number, dir: -1 | 1, skip: Skip = never): number {
  for (let i = index + dir; i >= 0 && i < draft.length; i += dir) if (!skip(draft[i])) return i;
  return -1;
}

export function moveStage(draft: StageDraft, index: number, dir: -1 | 1, skip: Skip = never): StageDraft {
  const to = neighbour(draft, index, dir, skip);
  if (index < 0 || index >= draft.length || to < 0) return draft;
  const next = [...draft];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

function stageOf(draft: StageDraft, step: string): number {
  return draft.findIndex((s) => s.steps.includes(step));
}

/**
 * Moves one step into the neighbouring stage (the stage above gets it last, the stage below first, so the step
 * stays where it was in the overall order). A stage left without steps disappears.
 */
export function moveStep(draft: StageDraft, step: string, dir: -1 | 1, skip: Skip = never): StageDraft {
  const from = stageOf(draft, step);
  const to = from < 0 ? -1 : neighbour(draft, from, dir, skip);
  if (from < 0 || to < 0) return draft;
  const next = draft.map((s) => ({ ...s, steps: [...s.steps] }));
  next[from].steps = next[from].steps.filter((x) => x !== step);
  if (dir < 0) next[to].steps.push(step);
  else next[to].steps.unshift(step);
  return next.filter((s) => s.steps.length > 0);
}

/** Merges a whole stage into its neighbour (which keeps its name). */
export function mergeStage(draft: StageDraft, index: number, dir: -1 | 1, skip: Skip = never): StageDraft {
  const to = index < 0 || index >= draft.length ? -1 : neighbour(draft, index, dir, skip);
  if (to < 0) return draft;
  const next = draft.map((s) => ({ ...s, steps: [...s.steps] }));
  next[to].steps = dir < 0 ? [...next[to].steps, ...next[index].steps] : [...next[index].steps, ...next[to].steps];
  next.splice(index, 1);
  return next;
}

/** Takes a step out of a shared stage into a stage of its own, placed right after it (named after the step). */
export function splitStep(draft: StageDraft, step: string): StageDraft {
  const from = stageOf(draft, step);
  if (from < 0 || draft[from].steps.length < 2) return draft;
  const next = draft.map((s) => ({ ...s, steps: [...s.steps] }));
  next[from].steps = next[from].steps.filter((x) => x !== step);
  next.splice(from + 1, 0, { name: uniqueName(next, step), steps: [step] });
  return next;
}

export function renameStage(draft: StageDraft, index: number, name: string): StageDraft {
  if (index < 0 || index >= draft.length) return draft;
  return draft.map((s, i) => (i === index ? { ...s, name } : s));
}

function uniqueName(draft: StageDraft, base: string): string {
  const taken = new Set(draft.map((s) => s.name.trim().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Same stages, same names, same steps in the same order. */
export function sameDraft(a: StageDraft | null, b: StageDraft | null): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  return a.every((s, i) => s.name.trim() === b[i].name.trim() && s.steps.length === b[i].steps.length && s.steps.every((x, j) => x === b[i].steps[j]));
}

