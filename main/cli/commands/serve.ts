// cxw serve [--workspace FILE] [--port N]: the browser host on 127.0.0.1 with a per-run token.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseCli } from 'node:util';
import { AppError } from '../../../shared/errors';
import { EventBus } from '../../services/event-bus';
import { createServices } from '../../services/index';
import { startWebHost, type WebHost } from '../../web/server';
import { stateDir, UsageError } from '../args';

export function rendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

export async function serveCommand(argv: string[]): Promise<WebHost> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, port: { type: 'string' }, 'state-dir': { type: 'string' }, json: { type: 'boolean' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535 (got "${values.port}").`);
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) throw new AppError('FILE_NOT_FOUND', `The app is not built (${dir} is missing). Run: npm run build`);
  const bus = new EventBus();
  const services = createServices({ stateDir: values['state-dir'] ?? stateDir(), emit: bus.emit });
  // A workspace that does not exist yet is created (an empty one), so `cxw serve --workspace new.cxw` just works.
  if (!values.workspace) services.handlers['workspace.openDemo']({});
  else if (existsSync(values.workspace)) services.handlers['workspace.open']({ path: values.workspace });
  else services.handlers['workspace.create']({ path: values.workspace });
  const host = await startWebHost({ handlers: services.handlers, subscribe: (l) => bus.subscribe(l), rendererDir: dir, port });
  const stop = async () => {
    await host.close();
    services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return host;
}
