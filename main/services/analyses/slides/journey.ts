import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const journeySlides: SlideKindDef<OutputOf<'journey.analyze'>, SpecOf<'journey.analyze'>>[] = [];
