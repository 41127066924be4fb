// cxw predict monitor --workspace W --model M --current DATASET [--reference DATASET] [--json]
// A saved model on a new wave: how far its scores moved (PSI on the reference's deciles, KS, Wasserstein) and, where
// the wave has the outcome, its AUC (DeLong CI), Brier and ECE beside the reference's, with the AUC change tested.
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { ModelMonitor, WaveFit } from '../../../shared/predict';
import { requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function monitorCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<ModelMonitor>> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, model: { type: 'string' }, current: { type: 'string' }, reference: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = requireWorkspace(values.workspace);
  if (!values.model?.trim()) throw new UsageError('--model is required: the saved model (cxw results --kind model lists them).');
  if (!values.current?.trim()) throw new UsageError('--current is required: the new wave of data to check the model on.');
  const args = parseContract('predict.monitor', { jobId: cliJobId(), model: values.model.trim(), current: values.current.trim(), ...(values.reference ? { reference: values.reference.trim() } : {}) });
  const out = await withServices(workspace, progress, (h) => Promise.resolve(h['predict.monitor'](args)), { checkWhileRunning: true, runsJob: true });
  return { json: out, text: formatMonitor(out) };
}

function wave(w: WaveFit): string {
  const fit = w.auc === null ? 'no outcome to measure AUC' : `AUC ${f3(w.auc)} (95% CI ${f3(w.aucCi![0])}–${f3(w.aucCi![1])}), Brier ${f3(w.brier)}, ECE ${f3(w.ece)}`;
  return `“${w.dataset}” (${w.rowsKind === 'test rows' ? `its ${w.rows.toLocaleString('en-US')} test rows` : `${w.rows.toLocaleString('en-US')} rows`}): mean probability ${pct(w.meanProbability)}, flagged ${pct(w.flaggedShare)}; ${fit}`;
}

export function formatMonitor(m: ModelMonitor): string {
  const lines = [`Model “${m.model}”`, `Reference ${wave(m.reference)}`, `Current   ${wave(m.current)}`];
  lines.push(`Score drift: PSI ${m.scoreDrift.psi.toFixed(3)} (${m.scoreDrift.band}), KS ${m.scoreDrift.ks.toFixed(3)} (p = ${m.scoreDrift.pValue.toPrecision(2)}), normalised Wasserstein ${m.scoreDrift.distance.toFixed(3)}`);
  lines.push('', m.verdict);
  for (const w of m.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}
