// The handler and event names the preload accepts, without importing shared/api at runtime: that module pulls in
// zod, which a sandboxed preload cannot require(). The type checks below fail the build if this list drifts.
import type { EventName, HandlerName } from '../../shared/api';

export const PRELOAD_HANDLER_NAMES = [
  'app.ping',
  'workspace.info',
  'workspace.create',
  'workspace.open',
  'workspace.openDemo',
  'workspace.saveAs',
  'workspace.recent',
  'workspace.activity',
  'files.list',
  'dataset.list',
  'dataset.preview',
  'dataset.import',
  'dataset.profile',
  'dataset.rows',
  'dataset.setColumn',
  'dataset.rename',
  'dataset.delete',
  'job.cancel',
  'segment.run',
  'segment.sweep',
  'segment.list',
  'segment.get',
  'segment.update',
  'segment.review',
  'segment.reassign',
  'segment.delete',
  'segment.score',
  'segment.migration',
  'segment.export',
  'segment.rfm',
  'journey.analyze',
  'journeyMap.list',
  'journeyMap.get',
  'journeyMap.save',
  'journeyMap.seed',
  'journeyMap.delete',
  'journeyMap.exportHtml',
  'nps.analyze',
  'nps.context',
  'drivers.analyze',
  'audit.run',
  'predict.train',
  'predict.score',
  'predict.explain',
  'predict.monitor',
  'predict.review',
  'predict.reviews',
  'predict.card',
  'predict.audit',
  'results.list',
  'results.get',
  'results.rename',
  'results.duplicate',
  'results.delete',
  'results.rerun',
  'workspace.exportActivity',
  'deck.list',
  'deck.get',
  'deck.create',
  'deck.save',
  'deck.rename',
  'deck.duplicate',
  'deck.delete',
  'deck.slideKinds',
  'deck.addSlides',
  'deck.addJourneyMap',
  'deck.refreshSlide',
  'deck.present',
  'deck.export',
  'disclosure.get',
  'disclosure.set',
  'experiment.run',
  'experiment.plan',
  'drift.run',
  'cohorts.run',
] as const satisfies readonly HandlerName[];

export const PRELOAD_EVENT_NAMES = ['job.progress', 'workspace.changed'] as const satisfies readonly EventName[];

// Compile-time exhaustiveness: a handler or event added to the contract but not listed here is a type error.
type Missing<All, Listed> = Exclude<All, Listed>;
const handlersComplete: [Missing<HandlerName, (typeof PRELOAD_HANDLER_NAMES)[number]>] extends [never] ? true : never = true;
const eventsComplete: [Missing<EventName, (typeof PRELOAD_EVENT_NAMES)[number]>] extends [never] ? true : never = true;
void handlersComplete;
void eventsComplete;

const handlerSet: ReadonlySet<string> = new Set(PRELOAD_HANDLER_NAMES);
const eventSet: ReadonlySet<string> = new Set(PRELOAD_EVENT_NAMES);

export function isKnownHandler(name: unknown): name is HandlerName {
  return typeof name === 'string' && handlerSet.has(name);
}

export function isKnownEvent(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
