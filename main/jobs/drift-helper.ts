// Entry of the drift helper thread (built to out/main/drift-helper.js, started by
// main/workspace/monitor/drift/wave-helper.ts): reads and reduces the current wave while the job's thread does the
// reference wave.
import { runDriftHelper } from '../workspace/monitor/drift/wave-helper';

runDriftHelper();
