// cxw profile --workspace W --dataset N
import { parseArgs as parseCli } from 'node:util';
import type { DatasetProfile } from '../../../shared/domain';
import { createServices } from '../../services/index';
import { requireWorkspace, stateDir, UsageError } from '../args';
import { formatProfile } from '../format';
import type { CommandOutput } from '../run';

export async function profileCommand(argv: string[]): Promise<CommandOutput<DatasetProfile>> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, dataset: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = requireWorkspace(values.workspace);
  if (!values.dataset) throw new UsageError('--dataset NAME is required.');
  const services = createServices({ stateDir: stateDir(), emit: () => undefined, workspacePath: workspace });
  try {
    const profile = await services.handlers['dataset.profile']({ dataset: values.dataset });
    return { json: profile, text: formatProfile(profile) };
  } finally {
    services.dispose();
  }
}
