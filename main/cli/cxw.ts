// Entry of the cxw command (built to out/main/cli.js; bin/cxw.js checks the Node version and loads it).
import { runCli } from './run';

const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
