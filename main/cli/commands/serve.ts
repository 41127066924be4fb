// cxw serve [--workspace FILE] [--port N] [--port-fallback]: the browser host on 127.0.0.1 with a per-run token.
// A busy --port is refused with a message naming it; `npm start` adds --port-fallback so that its default port,
// when taken (say by a second `npm start`), gives way to the next free one, and says which.
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
    options: {
      workspace: { type: 'string' },
      port: { type: 'string' },
      'port-fallback': { type: 'boolean' },
      'state-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535 (got "${values.port}").`);
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) throw new AppError('FILE_NOT_FOUND', `The app is not built (${dir} is missing). Run: npm run build`);
  const bus = new EventBus();
  const state = values['state-dir'] ?? stateDir();
  const services = createServices({ stateDir: state, emit: bus.emit });
  // Bind the port first, so a busy one is reported at once rather than after the first run builds the demo.
  let host: WebHost;
  try {
    host = await startWebHost({
      handlers: services.handlers,
      subscribe: (l) => bus.subscribe(l),
      rendererDir: dir,
      port,
      portFallback: values['port-fallback'] === true,
      uploadsDir: join(state, 'uploads'),
    });
  } catch (err) {
    services.dispose();
    throw err;
  }
  try {
    // A workspace that does not exist yet is created (an empty one), so `cxw serve --workspace new.cxw` just works.
    if (!values.workspace) services.handlers['workspace.openDemo']({});
    else if (existsSync(values.workspace)) services.handlers['workspace.open']({ path: values.workspace });
    else services.handlers['workspace.create']({ path: values.workspace });
  } catch (err) {
    await host.close();
    services.dispose();
    throw err;
  }
  if (host.port !== host.requestedPort && host.requestedPort !== 0 && !values.json) {
    process.stdout.write(`Port ${host.requestedPort} is busy (is CX Workbench already running there?), so this one uses port ${host.port}.\n`);
  }
  const stop = async () => {
    await host.close();
    services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return host;
}
