// The activity-log sentence for a deck save: what changed between the stored deck and the saved one, in words
// ("Saved the deck “Q3 workshop” as version 4: 6 slides; added 1, edited 2, reordered.").
import type { Deck, Slide } from '../../../shared/decks';

const slidesWord = (n: number) => `${n} slide${n === 1 ? '' : 's'}`;

function sameSlide(a: Slide, b: Slide): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeDeckChange(before: Deck | null, saved: Deck): string {
  const head = `Saved the deck “${saved.name}” as version ${saved.version}: ${slidesWord(saved.slides.length)}`;
  if (!before) return `${head} (new deck).`;
  const old = new Map(before.slides.map((s) => [s.id, s]));
  const now = new Set(saved.slides.map((s) => s.id));
  const added = saved.slides.filter((s) => !old.has(s.id)).length;
  const removed = before.slides.filter((s) => !now.has(s.id)).length;
  const edited = saved.slides.filter((s) => old.has(s.id) && !sameSlide(old.get(s.id) as Slide, s)).length;
  const keptBefore = before.slides.map((s) => s.id).filter((id) => now.has(id));
  const keptAfter = saved.slides.map((s) => s.id).filter((id) => old.has(id));
  const reordered = keptBefore.some((id, i) => keptAfter[i] !== id);
  const parts = [added ? `added ${added}` : '', removed ? `removed ${removed}` : '', edited ? `edited ${edited}` : '', reordered ? 'reordered' : ''].filter(Boolean);
  return `${head}; ${parts.length ? parts.join(', ') : 'no change to the slides'}.`;
}
