// Refreshing a slide: re-run the saved result it came from (the results re-run path: same spec, data as it is now),
// build the slide again from the fresh output and say what changed — nothing is saved; the Present view shows the
// changes and saves the deck if the analyst accepts. The analyst's own words are kept: a title, headline or notes
// that differ from what the builder pre-filled from the saved result were edited, and stay.
import type { Deck, Figure, Slide, SlideBlock, SlideRefresh } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { formatFigure } from '../../../shared/slides/format';
import { DATA_QUALITY_KIND, isDataQualityText } from '../analyses/slides/data-quality';
import { buildSlide } from '../analyses/slides/index';
import type { RunContext } from '../analyses/types';
import { rerunResult } from '../results/rerun';
import { documentRefresher } from './document-slides';
import { readSavedResult } from './read';

const MAX_CHANGES = 20;

/** Every figure of a slide body under a readable label, in order ("NPS", "North · NPS", "Stage 3 · customers"). */
export function labelledFigures(body: SlideBlock[]): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const put = (label: string, f: Figure) => {
    let key = label;
    for (let i = 2; out.has(key); i++) key = `${label} (${i})`;
    out.set(key, f);
  };
  for (const b of body) {
    if (b.type === 'figures') for (const it of b.items) put(it.label, it.figure);
    else if (b.type === 'table') {
      const rowLabel = (r: Record<string, unknown>) => String(Object.values(r).find((c) => typeof c === 'string') ?? '');
      for (const r of b.rows) for (const c of b.columns) if (r[c.key] && typeof r[c.key] === 'object') put(`${rowLabel(r)} · ${c.label}`, r[c.key] as Figure);
    } else if (b.type === 'cards') {
      for (const c of b.cards) if (c.figure) put(c.title, c.figure);
    } else if (b.type === 'crosstab') {
      b.counts.forEach((row, i) => row.forEach((f, j) => put(`${b.rowKeys[i]} → ${b.columnKeys[j]}`, f)));
    } else if (b.type === 'chart') {
      const ch = b.chart;
      if (ch.kind === 'bar') for (const s of ch.series) s.values.forEach((f, i) => put(`${ch.categories[i]} · ${s.name}`, f));
      else if (ch.kind === 'line') for (const s of ch.series) s.values.forEach((f, i) => put(`${s.name} at ${ch.x[i]}`, f));
      else if (ch.kind === 'funnel') for (const s of ch.steps) put(s.label, s.figure);
      else if (ch.kind === 'flow') for (const l of ch.links) put(`${l.from} → ${l.to}`, l.figure);
      else if (ch.kind === 'scatter') for (const p of ch.points) put(p.label, p.y);
    }
  }
  return out;
}

function figureChanges(before: SlideBlock[], after: SlideBlock[]): SlideRefresh['changes'] {
  const a = labelledFigures(before);
  const b = labelledFigures(after);
  const changes: SlideRefresh['changes'] = [];
  for (const [label, f] of a) {
    const g = b.get(label);
    const was = formatFigure(f);
    const now = g ? formatFigure(g) : 'gone';
    if (was !== now) changes.push({ label, before: was, after: now });
  }
  for (const [label, g] of b) if (!a.has(label)) changes.push({ label, before: 'absent', after: formatFigure(g) });
  return changes;
}

/**
 * A segmentation re-run fits again and suggests names; the names (and personas) the analyst gave the saved segments
 * are edits, not findings (the re-run comparison leaves them out too), so the refreshed slide keeps them, segment by
 * segment, when the fit has the same number of segments.
 */
function keepSegmentNames(saved: unknown, fresh: unknown): unknown {
  const a = saved as { segments?: { name: string; persona: string }[] };
  const b = fresh as { segments?: { name: string; persona: string }[] };
  if (!a.segments || !b.segments || a.segments.length !== b.segments.length) return fresh;
  return { ...b, segments: b.segments.map((s, i) => ({ ...s, name: a.segments![i].name, persona: a.segments![i].persona })) };
}

export async function refreshSlide(ctx: RunContext, jobId: string, deck: Deck, slideId: string): Promise<SlideRefresh> {
  const slide = deck.slides.find((s) => s.id === slideId);
  if (!slide) throw new AppError('NOT_FOUND', `The deck “${deck.name}” has no slide ${slideId}; it may have been deleted. Reload the deck.`, { name: deck.name, slideId });
  const fromDocument = documentRefresher(slide.kind);
  if (fromDocument) return fromDocument(ctx, slide);
  if (!slide.source) throw new AppError('BAD_ARGUMENTS', `“${slide.title || 'This slide'}” is a ${slide.kind} slide: it was written by hand, so there is nothing to refresh.`, { slideId });
  let saved: ReturnType<typeof readSavedResult>;
  try {
    saved = readSavedResult(ctx.db, slide.source.resultId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', `The saved result “${slide.source.resultName}” this slide came from was deleted, so the slide cannot be refreshed; it keeps its snapshot.`, {
        slideId,
        resultId: slide.source.resultId,
      });
    }
    throw e;
  }
  let built: Slide;
  let prefilled: Pick<Slide, 'title' | 'headline' | 'notes'> | null = null;
  let keep: (field: 'title' | 'headline' | 'notes') => boolean;
  let runMessage: string;
  if (slide.kind === DATA_QUALITY_KIND) {
    // Built from the dataset's profile as it is now, not from the result: nothing to re-run, and the words the
    // builder pre-filled at the time cannot be rebuilt, so they are recognised by their form.
    built = buildSlide(ctx.db, saved.summary, saved.output, slide.kind, slide.id);
    keep = (field) => !isDataQualityText(field, slide[field]);
    runMessage = `Read the profile of “${saved.summary.dataset}” as it is now.`;
  } else {
    const outcome = await rerunResult(ctx, jobId, saved.summary.id);
    // What the builder made from the saved result: the analyst's words differ from it where they were edited.
    const first = buildSlide(ctx.db, saved.summary, saved.output, slide.kind, slide.id);
    prefilled = first;
    built = buildSlide(ctx.db, saved.summary, keepSegmentNames(saved.output, outcome.output), slide.kind, slide.id);
    keep = (field) => slide[field] !== first[field];
    runMessage = outcome.message;
  }
  const edited = (['title', 'headline', 'notes'] as const).filter(keep);
  const fresh: Slide = {
    ...built,
    title: keep('title') ? slide.title : built.title,
    headline: keep('headline') ? slide.headline : built.headline,
    notes: keep('notes') ? slide.notes : built.notes,
    ...(slide.layout ? { layout: slide.layout } : {}),
  };
  const changes = figureChanges(slide.body, fresh.body);
  if (fresh.headline !== slide.headline) changes.unshift({ label: 'Headline', before: slide.headline, after: fresh.headline });
  else if (keep('headline') && prefilled && built.headline !== prefilled.headline) changes.unshift({ label: 'Suggested headline (yours is kept)', before: prefilled.headline, after: built.headline });
  const identical = changes.length === 0 && JSON.stringify(slide.body) === JSON.stringify(fresh.body);
  const kept = edited.length ? ` Your edited ${edited.join(' and ')} ${edited.length === 1 ? 'is' : 'are'} kept.` : '';
  const message = identical
    ? `Refreshed “${slide.title}”: nothing changed. ${runMessage}`
    : `Refreshed “${slide.title}”: ${changes.length} change${changes.length === 1 ? '' : 's'}.${kept} ${runMessage}`;
  return { slide: fresh, identical, message, changes: changes.slice(0, MAX_CHANGES) };
}
