import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

type Def = SlideKindDef<OutputOf<'segment.run'>, SpecOf<'segment.run'>>;
export const segmentationSlides: Def[] = [];
