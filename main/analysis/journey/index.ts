// Journey analytics (pure: typed arrays in, plain JSON-safe objects out; no I/O). See each file:
//   analyze.ts        the pipeline and result assembly           group.ts       grouping by journey, sorting
//   step-order.ts     inferred step order (median positions)     stage-plan.ts  stages and tie-break ranks
//   walk.ts           funnel, transitions, variants in one walk  event-sums.ts  ratings, NPS, channels per step
//   pain-points.ts    drop-off × dissatisfaction ranking         variants.ts    top path variants
//   select.ts         quickselect type-7 quantiles               t-distribution.ts  t quantile, mean CI
//   funnel-plan.ts    funnel stages vs side steps (offFunnel) and the stages that look like side steps
export { analyzeJourney, DEFAULT_VARIANTS_LIMIT, TIMING_LIMIT, UNMATCHED_GROUP } from './analyze';
export { tQuantile, meanCiFromSums } from './t-distribution';
export { quantilesInPlace, selectInPlace } from '../select';
export { formatPercent } from './pain-points';
export type { JourneyInput } from './types';
