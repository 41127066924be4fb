// The journey job's phases in words for the progress bar; a phase the services add later is shown as sent.
const PHASES: Record<string, string> = {
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
};

export function phaseLabel(phase: string): string {
  const known = PHASES[phase];
  if (known) return known;
  const words = phase.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Working';
}
