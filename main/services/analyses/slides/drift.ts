// Drift slides: the verdict with the columns that drifted, and the NPS change beside its mix-adjusted change.
import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const driftSlides: SlideKindDef<OutputOf<'drift.run'>, SpecOf<'drift.run'>>[] = [];
