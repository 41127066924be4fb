// The map canvas's menus (journey-map cells and cards) open inside the full-screen element while presenting: a
// portal on the page body is not drawn over a full-screen element, so the menu would be invisible. Node has no DOM;
// a stand-in document and HTMLElement show the rule (the function reads only document.fullscreenElement).
import { afterEach, describe, expect, it } from 'vitest';
import { fullscreenPortal } from '../../../renderer/views/journeys/canvas/fullscreen-portal';

const g = globalThis as unknown as { document?: unknown; HTMLElement?: unknown };
const saved = { document: g.document, HTMLElement: g.HTMLElement };
afterEach(() => {
  g.document = saved.document;
  g.HTMLElement = saved.HTMLElement;
});

describe('fullscreenPortal', () => {
  it('targets the full-screen element while there is one', () => {
    class FakeElement {}
    const stage = new FakeElement();
    g.HTMLElement = FakeElement;
    g.document = { fullscreenElement: stage };
    expect(fullscreenPortal()).toEqual({ target: stage });
  });

  it('leaves the default portal (the body) outside full screen, and where there is no document', () => {
    class FakeElement {}
    g.HTMLElement = FakeElement;
    g.document = { fullscreenElement: null };
    expect(fullscreenPortal()).toEqual({});
    g.document = undefined;
    expect(fullscreenPortal()).toEqual({});
  });
});
