/*
 * Disclosure control: the ONE place that decides what may leave the analyst's screen — presentation mode, every
 * export (HTML, PDF, PowerPoint) and the CLI's decks and report all pass through applyDisclosure. It judges the
 * neutral slide vocabulary of shared/decks.ts, where every number carries the people behind it (`base`), so it needs
 * to know nothing about the analysis that made a slide.
 *
 * THE RULES, and why
 * 1. Primary suppression. A figure with fewer than k people behind it (k = minCell, default 10, never below 5) is
 *    withheld: value → null, interval and base removed, `suppressed: 'primary'`. Counts, shares, means, NPS and
 *    rates alike. A group (table row, bar category, segment card, funnel step, scatter point) smaller than k has ALL
 *    its figures withheld, p-values, ratios and decimals included (rule 7): they describe the same few people. A
 *    group's size is its smallest count, else its smallest base; a figure with no base of its own is judged by its
 *    group's, and outside a group by the slide source's base (the people the result covers). Nothing known → withheld.
 *    Why: the UK ONS and NHS small-number practice — publish no statistic based on fewer than a handful of people
 *    (NHS Digital suppresses 1–7, ONS commonly uses 5 or 10), because a tiny group's figure describes identifiable
 *    individuals. 10 is the stricter common choice; 5 is the floor this app accepts.
 * 2. Secondary (complementary) suppression. A value withheld in a partition (a table or bar chart marked
 *    `partition`, partition cards) could come back as total − the others, or as its share × a known total. So in
 *    every partition where exactly one member is withheld, the smallest other member (by size) is withheld too,
 *    entirely, and this repeats until stable. The population total counts as known even when not shown (it is
 *    usually the dataset size). A count's share, and a share's count, are withheld together. Columns of rates and
 *    means follow the same rule (an overall NPS is a weighted mean of the groups'). A two-member partition with one
 *    small member therefore withholds both. Funnel steps are nested, not a partition, and get no complements.
 * 3. Two-way tables. Cross-tab cells and flow (Sankey) links are counts: every row, every column and the margins are
 *    partitions (a flow's rows are the nodes links leave, its columns the nodes they reach). Beyond "two withheld per
 *    line", a withheld cell is still recoverable when it is a bridge of the graph of withheld cells (two groups of
 *    withheld cells joined by it alone); such bridges are closed with the cheapest extra cells (secondary.ts).
 * 4. Rounding (roundTo 5, optional). Every shown count, and every base, is rounded to the nearest multiple of 5
 *    (`roundedTo: 5`); shares keep their value but are shown in whole percents (they are not recomputed from the
 *    rounded counts, so they may not add up exactly); the note says so.
 * 5. Personal data. Any text anywhere in the deck (titles, headlines, notes, cells, categories, card lines, labels,
 *    series names) holding a value of a personal or pseudonymised column has it replaced by "[withheld]"; a table
 *    row, bar or point labelled with one is dropped. Whole words, case-insensitive, values of 3+ characters (pii.ts
 *    says why shorter ones are exempt). Pseudonym tokens are withheld by their shape too.
 * 6. Row-level tables are refused: a table whose rows each describe at most one person (every based figure ≤ 1), or
 *    a table without figures with a row per person, is replaced by a sentence saying so.
 * 7. See rule 1.
 * 8. The report lists every withheld value {slide, slideTitle, what, reason} and every removal, and carries a short
 *    plain-language note (note.ts). Running text that repeats a withheld number is withheld sentence by sentence
 *    (text-guard.ts).
 * The input deck is never changed (the work is done on a deep copy), and the result depends only on the deck, the
 * settings and the personal values: the same input gives the same output.
 *
 * Limits: a deck is judged slide by slide; the same population split two ways on two slides is protected on each,
 * and complements are chosen by size then label so the same split makes the same choice, but the module does not
 * solve the equations of the whole deck at once. Numbers in free text are caught only when they equal a withheld
 * figure or its base.
 */
import type { Deck, DisclosureReport, DisclosureSettings, SafeDeck, Slide, Suppression } from '../../shared/decks';
import { disclosureSettingsSchema } from '../../shared/decks';
import { AppError } from '../../shared/errors';
import { isRowLevel, judgeBlock, ROW_LEVEL_TEXT } from './blocks';
import { SlideMarks } from './marks';
import { disclosureNote, roundSlide } from './note';
import { PiiMatcher } from './pii';
import { scrubSlide } from './pii-scrub';
import { guardSlideText } from './text-guard';

export { disclosureNote } from './note';
export { collectPiiValues, readDisclosureSettings, writeDisclosureSettings, DEFAULT_DISCLOSURE } from './store';
export { WITHHELD_TEXT } from './pii';

export interface DisclosureOptions {
  settings: DisclosureSettings;
  /** Every value of every personal or pseudonymised column (collectPiiValues). */
  piiValues: ReadonlySet<string>;
}

function processSlide(slide: Slide, n: number, settings: DisclosureSettings, pii: PiiMatcher): { suppressed: Suppression[]; removed: Suppression[] } {
  const removed: Suppression[] = [];
  const entry = (what: string, reason: string): Suppression => ({ slide: n, slideTitle: slide.title, what, reason });
  // Personal data first: the report's names for withheld values are then built from clean labels.
  const piiRemovals = scrubSlide(slide, pii);
  for (const r of piiRemovals) removed.push(entry(r.what, r.reason));

  const slideBase = slide.source ? slide.source.base : null;
  slide.body = slide.body.map((block) => {
    if (block.type !== 'table' || !isRowLevel(block, slideBase)) return block;
    removed.push(entry(block.caption ? `the table "${block.caption}"` : 'a table of individual records', "row-level tables are not shown outside the analyst's screen"));
    return { type: 'text', paragraphs: [ROW_LEVEL_TEXT] };
  });

  const marks = new SlideMarks(settings.minCell, slideBase);
  for (const block of slide.body) judgeBlock(block, marks);
  const applied = marks.commit(n, slide.title);
  for (const r of marks.removed) removed.push(entry(r.what, r.reason));
  for (const field of guardSlideText(slide, applied.numbers)) removed.push(entry(`a sentence of ${field}`, 'it cites a withheld figure'));

  if (settings.roundTo) {
    roundSlide(slide, settings.roundTo);
    if (slide.source) slide.source.base = Math.round(slide.source.base / settings.roundTo) * settings.roundTo;
  }
  return { suppressed: applied.suppressed, removed };
}

/** The deck as it may leave the screen, with the report of what was withheld and why. Never changes `deck`. */
export function applyDisclosure(deck: Deck, opts: DisclosureOptions): SafeDeck {
  const parsed = disclosureSettingsSchema.safeParse(opts.settings);
  if (!parsed.success) throw new AppError('BAD_ARGUMENTS', `Disclosure settings refused: ${parsed.error.issues.map((i) => i.message).join('; ')}.`);
  const settings = parsed.data;
  const pii = new PiiMatcher(opts.piiValues);
  const copy: Deck = structuredClone(deck);
  const suppressed: Suppression[] = [];
  const removed: Suppression[] = [];
  const name = pii.scrub(copy.name);
  if (name.changed) {
    copy.name = name.text;
    // Slide 0: the deck itself.
    removed.push({ slide: 0, slideTitle: '', what: 'personal data in the deck name', reason: 'personal data (a value of a personal or pseudonymised column) is never shown' });
  }
  copy.slides.forEach((slide, i) => {
    const r = processSlide(slide, i + 1, settings, pii);
    for (const s of r.suppressed) suppressed.push(s);
    for (const s of r.removed) removed.push(s);
  });
  const report: DisclosureReport = { settings, suppressed, removed, note: '' };
  report.note = disclosureNote(report);
  return { deck: copy, report };
}

