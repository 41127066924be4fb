import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const driversSlides: SlideKindDef<OutputOf<'drivers.analyze'>, SpecOf<'drivers.analyze'>>[] = [];
