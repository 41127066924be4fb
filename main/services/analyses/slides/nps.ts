import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const npsSlides: SlideKindDef<OutputOf<'nps.analyze'>, SpecOf<'nps.analyze'>>[] = [];
export const npsContextSlides: SlideKindDef<OutputOf<'nps.context'>, SpecOf<'nps.context'>>[] = [];
