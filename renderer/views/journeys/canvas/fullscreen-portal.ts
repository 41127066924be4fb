// Menus of the map canvas open in a portal. Outside full screen that is the page's body; in presentation mode the
// canvas is edited inside the full-screen element, and anything drawn outside it is invisible — so the menus open
// inside the full-screen element then.
export function fullscreenPortal(): { target?: HTMLElement } {
  const el = typeof document === 'undefined' ? null : document.fullscreenElement;
  return el instanceof HTMLElement ? { target: el } : {};
}
