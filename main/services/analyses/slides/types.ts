// The slide registry's vocabulary: each analysis module lists the slide kinds its saved results can make
// (AnalysisModule.slides), each with a builder that turns the saved output and spec into a frozen snapshot in the
// neutral block vocabulary of shared/decks.ts. Builders are pure (no I/O): the deck service reads the result.
import type { SlideBlock, SlideSource } from '../../../../shared/decks';

/** What a builder makes: everything of a slide but its id, kind and source (the deck service adds those). */
export interface SlideContent {
  title: string;
  /** The "so what" in plain words, pre-filled; the analyst may edit it. */
  headline: string;
  notes: string;
  body: SlideBlock[];
  layout?: 'single' | 'grid';
}

export interface SlideKindDef<O = unknown, S = unknown> {
  /** "<result kind>.<view>", e.g. "nps.byGroup". */
  kind: string;
  label: string;
  /** Made when the whole result is added to a deck. */
  byDefault: boolean;
  /** Whether this result can make it at all (e.g. a k sweep needs kScores); default yes. */
  available?(output: O, spec: S): boolean;
  build(output: O, spec: S, source: SlideSource): SlideContent;
}
