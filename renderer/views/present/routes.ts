// The Present view's addresses: "#/present?deck=NAME" opens one deck in the editor (Add to deck links here), and
// "#/presenter?deck=NAME" is the presenter window — a second browser tab, or a second Electron window on the same
// route — which shows no shell, only the presenter view.
export function deckFromHash(hash: string): string | null {
  const q = hash.indexOf('?');
  if (!/^#\/?present(\?|$)/.test(hash) || q < 0) return null;
  return new URLSearchParams(hash.slice(q + 1)).get('deck');
}

export function presenterDeckFromHash(hash: string): string | null {
  if (!/^#\/?presenter(\?|$)/.test(hash)) return null;
  const q = hash.indexOf('?');
  return q < 0 ? '' : (new URLSearchParams(hash.slice(q + 1)).get('deck') ?? '');
}

export function presentHash(deck: string): string {
  return `#/present?${new URLSearchParams({ deck }).toString()}`;
}

export function presenterHash(deck: string): string {
  return `#/presenter?${new URLSearchParams({ deck }).toString()}`;
}

/** Go to a deck in the Present view (from Add to deck's confirmation). */
export function openDeck(deck: string): void {
  window.location.hash = presentHash(deck);
}
