// cxw results --workspace W [--kind K] [--json]        the saved results, newest first
//   JSON: {results:[{id, name, kind, dataset, createdAt, spec, …}]}
// cxw rerun --workspace W --result ID_OR_NAME [--json]  run a saved result again and compare field by field
//   JSON: {result:{id, name, kind}, identical, differences:[{path, before, after}], output:{…that kind's command JSON}}
// cxw activity --workspace W [--format csv|json]       the activity log, oldest first, as CSV or JSON on stdout
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { RESULT_KIND_LABELS, RESULT_KINDS, type RerunOutcome, type ResultKind, type SavedResultSummary } from '../../../shared/results';
import { assertKnown, requireWorkspace, UsageError } from '../args';
import { fmtNumber, table } from '../format';
import { COMMAND_JSON } from '../result-output';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';

function formatResults(list: SavedResultSummary[]): string {
  if (list.length === 0) return 'No saved results in this workspace yet. Add --save NAME to cxw nps, drivers, journey or audit; every cxw segment is saved.';
  const rows = list.map((r) => [String(r.id), r.name, RESULT_KIND_LABELS[r.kind], r.dataset, r.createdAt.slice(0, 16).replace('T', ' '), r.headline.map((h) => `${h.label} ${fmtNumber(h.value)}`).join(', ')]);
  return table(['id', 'name', 'kind', 'dataset', 'created (UTC)', 'headline'], rows);
}

export async function resultsCommand(argv: string[]): Promise<CommandOutput<{ results: SavedResultSummary[] }>> {
  const { values } = parseCli({ args: argv, options: { workspace: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } } });
  const workspace = requireWorkspace(values.workspace);
  const kind = values.kind === undefined ? undefined : assertKnown(values.kind, RESULT_KINDS, '--kind');
  const results = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['results.list']({ kind })));
  return { json: { results }, text: formatResults(results) };
}

function formatRerun(r: RerunOutcome): string {
  const lines = [r.message];
  if (r.headline.length) lines.push('', table(['', 'saved', 're-run'], r.headline.map((h) => [h.label, fmtNumber(h.before), fmtNumber(h.after)])));
  if (!r.identical) {
    lines.push('', 'Fields that differ:');
    for (const d of r.differences.slice(0, 20)) lines.push(`  ${d.path}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`);
    const more = r.differences.length - 20 + r.moreDifferences;
    if (more > 0) lines.push(`  … and ${more} more (--json lists the first 50)`);
  }
  return lines.join('\n');
}

export async function rerunCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<RerunOutcome>> {
  const { values } = parseCli({ args: argv, options: { workspace: { type: 'string' }, result: { type: 'string' }, json: { type: 'boolean' } } });
  const workspace = requireWorkspace(values.workspace);
  if (!values.result?.trim()) throw new UsageError('--result ID_OR_NAME is required (cxw results --workspace W lists them).');
  const ref = values.result.trim();
  const outcome = await withServices(workspace, progress, async (h) => {
    const all = await h['results.list']({});
    // An exact name first (names may be digits), then an id.
    const hit = all.find((r) => r.name === ref) ?? (/^\d+$/.test(ref) ? all.find((r) => r.id === Number(ref)) : undefined);
    if (!hit) throw new AppError('NOT_FOUND', `No saved result is named or numbered "${ref}". List them with cxw results --workspace ${workspace}.`, { result: ref });
    return h['results.rerun'](parseContract('results.rerun', { jobId: cliJobId(), id: hit.id }));
  });
  const kind: ResultKind = outcome.result.kind;
  const shown = { ...outcome, output: COMMAND_JSON[kind](outcome.output) };
  return { json: shown, text: formatRerun(outcome) };
}

export async function activityCommand(argv: string[]): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({ args: argv, options: { workspace: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } } });
  const workspace = requireWorkspace(values.workspace);
  const format = values.json ? 'json' : assertKnown(values.format ?? 'csv', ['csv', 'json'] as const, '--format');
  const out = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['workspace.exportActivity']({ format })));
  return { json: format === 'json' ? (JSON.parse(out.text) as unknown) : { csv: out.text }, text: out.text.trimEnd() };
}
