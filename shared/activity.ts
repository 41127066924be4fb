// What each activity-log action is called for a person (the log shows these, never the handler ids it stores).
const ACTION_LABELS: Record<string, string> = {
  'workspace.create': 'Workspace',
  'workspace.saveAs': 'Workspace',
  'dataset.import': 'Import',
  'dataset.setColumn': 'Column',
  'dataset.rename': 'Dataset',
  'dataset.delete': 'Dataset',
  'segment.run': 'Segmentation',
  'segment.score': 'Scoring',
  'segment.update': 'Segment edit',
  'segment.reassign': 'Review',
  'segment.delete': 'Segmentation',
  'segment.rfm': 'RFM',
  'journey.analyze': 'Journeys',
  'journeyMap.save': 'Journey map',
  'journeyMap.seed': 'Journey map',
  'journeyMap.delete': 'Journey map',
  'nps.analyze': 'NPS',
  'nps.context': 'Collection context',
  'drivers.analyze': 'Key drivers',
  'audit.run': 'Audit',
  'results.rerun': 'Re-run',
  'results.rename': 'Saved result',
  'results.duplicate': 'Saved result',
  'results.delete': 'Saved result',
  'segment.rename': 'Segmentation',
  'key.create': 'Key',
  'key.migrate': 'Key',
  'key.export': 'Key',
  'key.import': 'Key',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? 'Other';
}
