// What an analysis kind declares once, so the saved-result store, re-run, the activity log and the CLI read it
// instead of each keeping its own switch (../shared/ARCHITECTURE.md "Analyses as plug-ins"). Prediction,
// monitoring and deck slides add kinds by adding a module to ./index.ts.
import type { z } from 'zod';
import type { Args, Result } from '../../../shared/api';
import type { Headline, ResultKind } from '../../../shared/results';
import type { JobRunner } from '../../jobs/runner';
import type { Db } from '../../workspace/db';
import type { SlideKindDef } from './slides/types';

/** The contract handlers that run an analysis: they take a jobId, a spec and an optional save. */
export type AnalysisHandler = 'segment.run' | 'journey.analyze' | 'nps.analyze' | 'nps.context' | 'drivers.analyze' | 'audit.run' | 'predict.train' | 'experiment.run' | 'drift.run' | 'cohorts.run';

export type SpecOf<H extends AnalysisHandler> = H extends 'segment.run' ? Args<'segment.run'>['params'] : Args<H> extends { spec: infer S } ? S : never;
/** The result without the `saved` reference the handler adds (what is stored and compared). */
export type OutputOf<H extends AnalysisHandler> = Omit<Result<H>, 'saved'>;

export interface RunContext {
  db: Db;
  path: string;
  jobs: JobRunner;
}

/**
 * A kind that keeps its result in its own tables (segmentation: cards, packed assignments, the analyst's edits);
 * its saved_results row only lists it (result NULL, `ownId` = its own row's id).
 */
export interface OwnStore {
  read(db: Db, ownId: number): unknown;
  /** Refuses when something else names it (a rename would break that). */
  assertRenamable(db: Db, currentName: string): void;
  rename(db: Db, ownId: number, name: string): void;
  remove(db: Db, ownId: number): void;
  /** Copy under `name` (inside the caller's transaction); the copy's own id. */
  copy(db: Db, ownId: number, name: string): number;
  /** Run the saved spec again into a scratch copy, read it and remove it; fields changed by hand are left out. */
  rerun(ctx: RunContext, jobId: string, spec: unknown, savedName: string, ownId: number): Promise<{ result: unknown; ignore: string[]; note: string }>;
}

export interface AnalysisModule<H extends AnalysisHandler = AnalysisHandler> {
  kind: ResultKind;
  handler: H;
  /** The spec's schema (the contract's), to check a stored spec before re-running it. */
  specSchema: z.ZodType;
  /** How the CLI runs it ("cxw nps …"), for help and messages. */
  cliCommand: string;
  /** Datasets it reads, the one it is about first: their import and row count are the result's data version. */
  inputs(spec: SpecOf<H>): string[];
  /** What was asked, in words: "NPS of customers.nps_score by region". */
  describe(spec: SpecOf<H>): string;
  /** A name for a saved result when the analyst gives none. */
  defaultName(spec: SpecOf<H>): string;
  /** The activity-log sentence for a finished run, e.g. "Measured NPS of … : 23.4 (n = 1,000)." */
  ranSentence(spec: SpecOf<H>, result: OutputOf<H>): string;
  /** Figures kept with the run in the activity log (small: no tables). */
  logFigures(result: OutputOf<H>): Record<string, unknown>;
  /** The numbers "what changed" shows before → after. */
  headline(result: OutputOf<H>): Headline[];
  /** Result fields that are not findings (names the analyst edits, run times): left out of the re-run comparison. */
  ignoreOnRerun: readonly string[];
  /** The same spec after a dataset it reads was renamed (saved results follow the rename). */
  renameDataset(spec: SpecOf<H>, from: string, to: string): SpecOf<H>;
  /** The spec with the defaults that depend on the workspace made explicit (saved, so a re-run asks the same). */
  resolveSpec?(db: Db, spec: SpecOf<H>): SpecOf<H>;
  /** Set for a kind that stores its result itself (see OwnStore). */
  ownStore?: OwnStore;
  /** The slide kinds a saved result of this kind can make for a deck, with their builders (./slides/<kind>.ts). */
  slides: SlideKindDef<OutputOf<H>, SpecOf<H>>[];
  /** Run it as a job (read-only kinds) — segmentation overrides the whole save path, see ./segmentation.ts. */
  run(ctx: RunContext, jobId: string, spec: SpecOf<H>): Promise<OutputOf<H>>;
}

export const n = (x: number) => x.toLocaleString('en-US');
/** renameDataset for a kind that reads one dataset, named by spec.dataset. */
export const renameOwnDataset = <S extends { dataset: string }>(spec: S, from: string, to: string): S => (spec.dataset === from ? { ...spec, dataset: to } : spec);
export const fixed = (x: number | null | undefined, digits: number) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
export const quoted = (s: string) => `“${s}”`;
/** A share as a percentage to one decimal, as people read it in a headline (null stays null). */
export const pct = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 10);
