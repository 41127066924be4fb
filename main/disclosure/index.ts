/*
 * Disclosure control: the ONE place that decides what may leave the analyst's screen — presentation mode, every
 * export (HTML, PDF, PowerPoint) and the CLI's decks and report all pass through applyDisclosure. It judges the
 * neutral slide vocabulary of shared/decks.ts, where every number carries the people behind it (`base`), so it needs
 * to know nothing about the analysis that made a slide.
 *
 * THE RULES, and why
 * 1. Primary suppression. A figure with fewer than k people behind it (k = minCell, default 10, never below 5) is
 *    withheld: value → null, interval and base removed, `suppressed: 'primary'`. Counts, shares, means, NPS and
 *    rates alike. A group (table row, bar category, segment card, funnel step, scatter point, the big numbers of a
 *    figures block) smaller than k has ALL its figures withheld, p-values, ratios and decimals included (rule 7):
 *    they describe the same few people. A figure with no base of its own is judged by its group's, and outside a
 *    group by the slide source's base (the people the result covers). Nothing known → withheld.
 *    Why: the UK ONS and NHS small-number practice — publish no statistic based on fewer than a handful of people
 *    (NHS Digital suppresses 1–7, ONS commonly uses 5 or 10), because a tiny group's figure describes identifiable
 *    individuals. 10 is the stricter common choice; 5 is the floor this app accepts. As in that practice, 0 is not
 *    small (a group of nobody singles nobody out; "0 of 300" is shown). A group's size is its largest count of
 *    people; smaller counts inside it (its promoters, its drop-outs) are judged one by one, and a share by the people
 *    it counts too (share × base: "6% of 50" is 3 people). A lone count without a base (5 columns, 2 checks) counts
 *    things, not people, and is judged by the slide's base.
 *    A group with any figure withheld is withheld as a whole: its figures are often functions of each other (an NPS
 *    of its promoters, detractors and answers; a share of a count; a drop-off of two stage counts), so one figure
 *    withheld among the others shown could be worked back.
 * 2. Secondary (complementary) suppression. A group withheld in a partition (a table or bar chart marked
 *    `partition`, partition cards) could come back as total − the others, or as its share × a known total. So in
 *    every partition where exactly one group is withheld, the smallest other group (by size, then label) is withheld
 *    too, entirely; and while the withheld groups together hold fewer than k people (their combined group is the
 *    total minus the others: 3 + 4 = 7 people is as small as what it hides), one more; until stable. The population total counts as known even when not shown (it is usually the
 *    dataset size), and so does every column's total (all promoters, the overall NPS). A two-member partition with
 *    one small member therefore withholds both. Funnel steps are nested, not a partition, and get no complements.
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
 *    plain-language note (note.ts). Running text (headline, notes, captions, summaries, card lines, paragraphs)
 *    that repeats a number withheld on any slide of the same saved result is withheld sentence by sentence
 *    (text-guard.ts).
 * The input deck is never changed (the work is done on a deep copy), and the result depends only on the deck, the
 * settings and the personal values: the same input gives the same output.
 *
 * The slides of one saved result agree: a group (by its label) withheld in one of their tables or charts is
 * withheld in every block of them that names it, and complements follow (a bar's bases could give back the
 * table's withheld counts). Limits: across results, complements are chosen by size then label so the same split
 * makes the same choice, but the module does not solve the equations of the whole deck at once. Numbers in free
 * text are caught only when they equal a withheld figure or its base. Totals are assumed known, and a flow link (or cross-tab cell) that is the only one of its
 * node (line) equals that total: it is withheld here, but if the total is published elsewhere (a funnel's stage
 * count), it and what it pins down can be worked out whatever this slide does. A share's complement (1 − share,
 * the people it does not count) is not judged on its own.
 */
import type { Deck, DisclosureReport, DisclosureSettings, SafeDeck, Slide, Suppression } from '../../shared/decks';
import { disclosureSettingsSchema } from '../../shared/decks';
import { AppError } from '../../shared/errors';
import { agreeOnGroups, finishBlocks, isRowLevel, judgeBlocks, ROW_LEVEL_TEXT } from './blocks';
import type { GridState } from './grid';
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

interface Judged {
  marks: SlideMarks;
  states: GridState[];
  removed: Suppression[];
}

const entryFor =
  (slide: Slide, n: number) =>
  (what: string, reason: string): Suppression => ({ slide: n, slideTitle: slide.title, what, reason });

/** Rules 5, 6, 1 and 7 on one slide, in place (figures are only marked: secondary rules and commit follow). */
function judgeSlide(slide: Slide, n: number, settings: DisclosureSettings, pii: PiiMatcher): Judged {
  const removed: Suppression[] = [];
  const entry = entryFor(slide, n);
  // Personal data first: the report's names for withheld values are then built from clean labels.
  for (const r of scrubSlide(slide, pii)) removed.push(entry(r.what, r.reason));

  const slideBase = slide.source ? slide.source.base : null;
  slide.body = slide.body.map((block) => {
    if (block.type !== 'table' || !isRowLevel(block, slideBase)) return block;
    removed.push(entry(block.caption ? `the table "${block.caption}"` : 'a table of individual records', "row-level tables are not shown outside the analyst's screen"));
    return { type: 'text', paragraphs: [ROW_LEVEL_TEXT] };
  });

  const marks = new SlideMarks(settings.minCell, slideBase);
  return { marks, states: judgeBlocks(slide.body, marks), removed };
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
  const judged = copy.slides.map((slide, i) => judgeSlide(slide, i + 1, settings, pii));
  // The slides of one saved result show the same groups and share their headline's numbers (the audit's widest gap
  // is on three of its slides): groups are withheld alike across them, and their running text is guarded against
  // the numbers withheld on any of them.
  const resultKey = (slide: Slide, i: number) => (slide.source ? `result ${slide.source.resultId}` : `slide ${i}`);
  const byResult = new Map<string, number[]>();
  copy.slides.forEach((slide, i) => byResult.set(resultKey(slide, i), (byResult.get(resultKey(slide, i)) ?? []).concat([i])));
  for (const slides of byResult.values()) agreeOnGroups(slides.flatMap((i) => judged[i].states));

  const committed = copy.slides.map((slide, i) => {
    finishBlocks(slide.body, judged[i].marks);
    for (const r of judged[i].marks.removed) judged[i].removed.push(entryFor(slide, i + 1)(r.what, r.reason));
    return judged[i].marks.commit(i + 1, slide.title);
  });
  copy.slides.forEach((slide, i) => {
    const entry = entryFor(slide, i + 1);
    const numbers = byResult.get(resultKey(slide, i))!.flatMap((j) => committed[j].numbers);
    for (const field of guardSlideText(slide, numbers)) judged[i].removed.push(entry(`a sentence of ${field}`, 'it cites a withheld figure'));
    if (settings.roundTo) {
      roundSlide(slide, settings.roundTo);
      if (slide.source) slide.source.base = Math.round(slide.source.base / settings.roundTo) * settings.roundTo;
    }
    for (const s of committed[i].suppressed) suppressed.push(s);
    for (const s of judged[i].removed) removed.push(s);
  });
  const report: DisclosureReport = { settings, suppressed, removed, note: '' };
  report.note = disclosureNote(report);
  return { deck: copy, report };
}
