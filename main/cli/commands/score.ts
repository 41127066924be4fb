// cxw score --workspace W --segmentation SEG --dataset N [--name NEW]
// Scores a dataset into a saved segmentation (its preprocessing and centroids) and saves the result as a new
// segmentation, so `cxw assignments` and the app's migration matrix can use it.
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import { requireWorkspace, UsageError } from '../args';
import { table } from '../format';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';

export interface ScoreJson {
  segmentation: string;
  scoredFrom: string;
  dataset: string;
  k: number;
  rows: number;
  excludedRows: number;
  segments: { index: number; name: string; size: number }[];
}

export async function scoreCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<ScoreJson>> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, segmentation: { type: 'string' }, dataset: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = requireWorkspace(values.workspace);
  if (!values.segmentation) throw new UsageError('--segmentation NAME is required (the saved segmentation to score into).');
  if (!values.dataset) throw new UsageError('--dataset NAME is required (the data to score).');
  // The contract's schema, so the CLI accepts exactly what the app accepts.
  const args = parseContract('segment.score', {
    jobId: cliJobId(),
    segmentation: values.segmentation,
    dataset: values.dataset,
    ...(values.name !== undefined ? { name: values.name } : {}),
  });
  const result = await withServices(workspace, progress, async (h) => {
    const summary = await h['segment.score'](args);
    return h['segment.get']({ segmentation: summary.name });
  });
  const segments = [...result.segments].sort((a, b) => a.index - b.index).map((s) => ({ index: s.index, name: s.name, size: s.size }));
  const json: ScoreJson = {
    segmentation: result.name,
    scoredFrom: values.segmentation,
    dataset: result.dataset,
    k: result.k,
    rows: result.rows,
    excludedRows: result.excludedRows,
    segments,
  };
  const text = [
    `Scored ${result.rows.toLocaleString('en-US')} customers of "${result.dataset}" into "${values.segmentation}"; saved as segmentation "${result.name}"${result.excludedRows ? ` (${result.excludedRows} rows with missing values left out)` : ''}.`,
    '',
    table(
      ['#', 'name', 'size', 'share'],
      segments.map((s) => [String(s.index + 1), s.name, s.size.toLocaleString('en-US'), `${((100 * s.size) / Math.max(1, result.rows)).toFixed(1)}%`]),
    ),
  ].join('\n');
  return { json, text };
}
