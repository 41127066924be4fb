// The journey job's phases in words for the progress bar; a phase the services add later is shown as sent.
import { phaseLabeller } from '../../lib/phases';

export const phaseLabel = phaseLabeller({
  load: 'Reading events',
  analyze: 'Ordering events and measuring journeys',
  read: 'Reading events',
  order: 'Ordering events in each journey',
  sort: 'Ordering events in each journey',
  join: 'Joining the segmentation',
  segments: 'Joining the segmentation',
  steps: 'Counting steps and transitions',
  transitions: 'Counting steps and transitions',
  funnel: 'Building the funnel',
  timing: 'Measuring time between steps',
  variants: 'Finding common paths',
  satisfaction: 'Measuring satisfaction per stage',
  compare: 'Comparing groups',
  groups: 'Comparing groups',
  finalize: 'Finishing',
});
