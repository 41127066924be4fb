import type { OutputOf, SpecOf } from '../types';
import type { SlideKindDef } from './types';

export const auditSlides: SlideKindDef<OutputOf<'audit.run'>, SpecOf<'audit.run'>>[] = [];
