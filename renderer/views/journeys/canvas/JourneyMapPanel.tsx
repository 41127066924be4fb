// The journey map canvas panel (placeholder until the canvas lands): stages × lanes, seeded from the analytics.
import { Text } from '@mantine/core';
import type { JourneyResult, JourneySpec } from '../../../../shared/journeys';

export interface JourneyMapPanelProps {
  /** The analytics' spec and result currently shown (null before a run): "seed from data" uses them. */
  spec: JourneySpec | null;
  result: JourneyResult | null;
}

export function JourneyMapPanel(props: JourneyMapPanelProps) {
  void props;
  return <Text c="dimmed">The journey map canvas is not available yet.</Text>;
}
