import { IconPresentation } from '@tabler/icons-react';
import { ComingNext } from '../../components/ComingNext';

export function PresentView() {
  return (
    <ComingNext
      icon={IconPresentation}
      title="Present"
      summary="Full-screen slides for workshops, safe to show to a room."
      capabilities={[
        'Segment cards, the journey map, NPS and the audit summary as full-screen slides with keyboard navigation.',
        'Small cells (n below 10 by default) suppressed and personal data never shown.',
        'Export a self-contained HTML report or PDF, and CSV of any table guarded against formula injection.',
      ]}
      needs="run an analysis first; presentations are built from saved segmentations, journeys, NPS results and audits."
    />
  );
}
