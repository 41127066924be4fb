// Entry of the prediction training's helper thread (built to out/main/predict-helper.js, started by
// main/workspace/predict/importance-helper.ts): permutation importance while the job's thread scores the test rows.
import { runImportanceHelper } from '../workspace/predict/importance-helper';

runImportanceHelper();
