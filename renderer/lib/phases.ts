// A job's phase in words for its progress bar: the view's own names first; a phase the services add later is shown
// as sent, made readable ("loadTimes" → "Load Times", "load_times" → "Load times").
export function phaseLabeller(known: Record<string, string>): (phase: string) => string {
  return (phase) => {
    const named = known[phase];
    if (named) return named;
    const words = phase.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
    return words ? words[0].toUpperCase() + words.slice(1) : 'Working';
  };
}
