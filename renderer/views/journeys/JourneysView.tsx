import { IconRoute } from '@tabler/icons-react';
import { ComingNext } from '../../components/ComingNext';

export function JourneysView() {
  return (
    <ComingNext
      icon={IconRoute}
      title="Journeys"
      summary="Turn an event log into measured customer journeys and a workshop-ready journey map."
      capabilities={[
        'See step frequencies, transitions as a Sankey, a funnel with drop-off per stage and the median time between steps.',
        'Find the most common paths, the satisfaction curve per stage and pain points (low satisfaction with high drop-off), by segment.',
        'Edit a journey map canvas (stages × lanes) seeded from the data, with each card marked as measured or assumed.',
        'Export the map as PNG or a self-contained HTML page.',
      ]}
      needs="import an event table and mark its Identifier, Timestamp and Journey step columns (and a Satisfaction / NPS column if you have one)."
    />
  );
}
