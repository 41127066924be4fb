// A headline pre-filled in plain words ("North trails at +12 from 8 answers") can repeat a number that suppression
// withheld. Every sentence of a slide's running text that cites a withheld figure's value (as it would be written)
// or its base is withheld. Conservative: an unrelated sentence that happens to use the same number is withheld too,
// and the report says so. Titles and labels are not touched (they name things; they are not the findings).
import type { Slide } from '../../shared/decks';
import { formatValue } from '../../shared/slides/format';
import type { WithheldNumber } from './marks';

export const WITHHELD_SENTENCE = '[withheld: it cites a suppressed figure]';
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

function key(n: number): string {
  return Math.abs(n).toFixed(6);
}

function numbersIn(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((t) => key(Number(t.replace(/,/g, ''))));
}

/**
 * The ways a withheld number could be written: with the figure's digits and with its format's default (how the
 * slide builders write headlines: "+15.8", "34.7%"). Coarser roundings are not tried: "4" for a mean of 3.96
 * would withhold every sentence with a 4 in it.
 */
export function writtenForms(numbers: readonly WithheldNumber[]): Set<string> {
  const forms = new Set<string>();
  for (const n of numbers) {
    if (n.value !== null && Number.isFinite(n.value)) {
      for (const v of [formatValue(n.value, n.format, n.digits), formatValue(n.value, n.format)]) for (const k of numbersIn(v)) forms.add(k);
    }
    if (n.base !== undefined) forms.add(key(n.base));
  }
  return forms;
}

function guard(text: string, forms: Set<string>): { text: string; changed: boolean } {
  let changed = false;
  // Sentences end at . ! ? ; followed by white space, or at a line break; a decimal point is not an end. The
  // separators are kept (odd positions of the split) so the text reads as before.
  const parts = text.split(/((?<=[.!?;])\s+|\n+)/);
  for (let i = 0; i < parts.length; i += 2) {
    if (!numbersIn(parts[i]).some((k) => forms.has(k))) continue;
    parts[i] = WITHHELD_SENTENCE;
    changed = true;
  }
  return changed ? { text: parts.join(''), changed } : { text, changed };
}

/** Guard a slide's running text in place; returns the fields changed (for the report). */
export function guardSlideText(slide: Slide, numbers: readonly WithheldNumber[]): string[] {
  const forms = writtenForms(numbers);
  const changed: string[] = [];
  if (forms.size === 0) return changed;
  const run = (text: string, field: string): string => {
    const r = guard(text, forms);
    if (r.changed) changed.push(field);
    return r.text;
  };
  slide.headline = run(slide.headline, 'the headline');
  slide.notes = run(slide.notes, 'the speaker notes');
  for (const block of slide.body) {
    if ((block.type === 'table' || block.type === 'crosstab') && block.caption) block.caption = run(block.caption, 'a caption');
    if (block.type === 'chart') block.summary = run(block.summary, 'a chart summary');
    if (block.type === 'figures') for (const it of block.items) if (it.note) it.note = run(it.note, 'a figure note');
    if (block.type === 'cards') for (const c of block.cards) c.lines = c.lines.map((l) => run(l, 'a card line'));
    if (block.type === 'text') {
      block.paragraphs = block.paragraphs.map((p) => run(p, 'a paragraph'));
      if (block.bullets) block.bullets = block.bullets.map((b) => run(b, 'a bullet'));
    }
  }
  return [...new Set(changed)];
}
