// Worker-thread entry for the import's parse stage (built to out/main/import-parser.js; see pipeline.ts).
import { workerData } from 'node:worker_threads';
import { type ParseWorkerInput, runParseWorker } from './pipeline';

runParseWorker(workerData as ParseWorkerInput);
