// Slides built from a workspace document rather than a saved result (a journey map): one entry per slide kind,
// refreshed by re-reading the document — nothing to re-run. refresh.ts asks here first; a new document kind adds
// its entry here and nowhere else.
import type { Slide, SlideRefresh } from '../../../shared/decks';
import type { RunContext } from '../analyses/types';
import { refreshJourneyMapSlide } from './journey-map-deck';
import { JOURNEY_MAP_SLIDE_KIND } from './journey-map-slide';

type Refresher = (ctx: RunContext, slide: Slide) => SlideRefresh;

const REFRESHERS: Record<string, Refresher> = {
  [JOURNEY_MAP_SLIDE_KIND]: (ctx, slide) => refreshJourneyMapSlide(ctx.db, slide),
};

/** How to refresh a slide of this kind from its document, or null for a result's (or a hand-written) slide. */
export function documentRefresher(kind: string): Refresher | null {
  return Object.hasOwn(REFRESHERS, kind) ? REFRESHERS[kind] : null;
}
