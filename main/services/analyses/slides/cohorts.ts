// Cohort slides (filled in with the deck step; none yet).
import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const cohortSlides: SlideKindDef<OutputOf<'cohorts.run'>, SpecOf<'cohorts.run'>>[] = [];
