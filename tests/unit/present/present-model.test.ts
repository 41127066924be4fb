// The Present view's pure pieces: moving a slide in the sorter, the routes of the deck editor and the presenter
// window, and the text of a text slide written in one box. Expected values are worked by hand from the inputs.
import { describe, expect, it } from 'vitest';
import type { Slide } from '../../../shared/decks';
import { moveSlide } from '../../../renderer/views/present/useDeckEditor';
import { deckFromHash, presentHash, presenterDeckFromHash, presenterHash } from '../../../renderer/views/present/routes';
import { bodyOfText, textOf } from '../../../renderer/views/present/slide-text';

const slide = (id: string): Slide => ({ id, kind: 'text', title: id, headline: '', notes: '', source: null, body: [] });
const ids = (s: Slide[]) => s.map((x) => x.id).join(',');

describe('moveSlide', () => {
  const deck = ['aaaa', 'bbbb', 'cccc', 'dddd'].map(slide);
  it('moves down and up by one, as Alt+↓ / Alt+↑ do', () => {
    expect(ids(moveSlide(deck, 0, 1))).toBe('bbbb,aaaa,cccc,dddd');
    expect(ids(moveSlide(deck, 3, 2))).toBe('aaaa,bbbb,dddd,cccc');
  });
  it('moves across the deck, as a drop does', () => {
    expect(ids(moveSlide(deck, 0, 3))).toBe('bbbb,cccc,dddd,aaaa');
    expect(ids(moveSlide(deck, 3, 0))).toBe('dddd,aaaa,bbbb,cccc');
  });
  it('clamps past the ends and returns the same array when nothing moves', () => {
    expect(ids(moveSlide(deck, 1, 99))).toBe('aaaa,cccc,dddd,bbbb');
    expect(moveSlide(deck, 0, -1)).toBe(deck);
    expect(moveSlide(deck, 2, 2)).toBe(deck);
    expect(moveSlide(deck, 7, 0)).toBe(deck);
  });
  it('never changes the input', () => {
    moveSlide(deck, 0, 3);
    expect(ids(deck)).toBe('aaaa,bbbb,cccc,dddd');
  });
});

describe('routes', () => {
  it('round-trips deck names with spaces, quotes, & and ?', () => {
    for (const name of ['Workshop deck', 'Q4 “board” & review?', 'a=b#c']) {
      expect(deckFromHash(presentHash(name))).toBe(name);
      expect(presenterDeckFromHash(presenterHash(name))).toBe(name);
    }
  });
  it('tells the editor, the presenter and other views apart', () => {
    expect(deckFromHash('#/present')).toBeNull();
    expect(deckFromHash('#/presenter?deck=X')).toBeNull();
    expect(presenterDeckFromHash('#/present?deck=X')).toBeNull();
    expect(presenterDeckFromHash('#/data')).toBeNull();
    expect(presenterDeckFromHash('#/presenter')).toBe('');
  });
});

describe('text slides', () => {
  it('splits paragraphs at blank lines, joins wrapped lines, and takes "- " lines as bullets', () => {
    expect(bodyOfText('First idea\ncontinues here.\n\nSecond.\n\n- one\n- two\n•  three')).toEqual([
      { type: 'text', paragraphs: ['First idea continues here.', 'Second.'], bullets: ['one', 'two', 'three'] },
    ]);
  });
  it('keeps prose and bullets of one chunk apart (no duplicates)', () => {
    expect(bodyOfText('Intro\n- a\n- b')).toEqual([{ type: 'text', paragraphs: ['Intro'], bullets: ['a', 'b'] }]);
  });
  it('reads back what it wrote', () => {
    const s = { ...slide('tttt'), body: bodyOfText('Why?\n\n- price\n- delivery') };
    expect(textOf(s)).toBe('Why?\n\n- price\n\n- delivery');
    expect(bodyOfText(textOf(s))).toEqual(s.body);
  });
  it('is empty for a slide without a text block', () => {
    expect(textOf(slide('xxxx'))).toBe('');
  });
});
