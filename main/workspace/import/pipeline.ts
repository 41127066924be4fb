// Two-thread import: a parse worker reads, decodes, parses, converts and pseudonymises chunk N+1 while the
// SQLite thread binds and inserts chunk N. It is only an optimisation: the worker runs convertRows (rows.ts),
// the same code the in-thread path runs, and its errors come back as the same AppError (file/line/column).
//
// runImport is synchronous (it runs inside a job worker, or in-process), so the SQLite side does not use the
// event loop: it takes messages with receiveMessageOnPort and sleeps on a SharedArrayBuffer counter with
// Atomics.wait. Memory stays bounded: the worker blocks once MAX_AHEAD chunks wait unconsumed.
import { builtEntry } from '../../jobs/built-entry';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AppError, deserializeError, type SerializedError, serializeError } from '../../../shared/errors';
import { BatchWriter, type WireBatch } from './batch';
import { Converter, type Misfits, type NonFinite } from './convert';
import { Pseudonymizer } from './pii';
import { BatchPseudonymizer } from './pii-batch';
import type { CommitColumn } from './plan';
import { convertRows, type RowCounts, type RowSpec } from './rows';

/** Chunks (DEFAULT_CHUNK_BYTES of CSV each) the worker may run ahead of the inserts. */
const MAX_AHEAD = 8;
/** Control words in the shared Int32Array. */
const POSTED = 0;
const TAKEN = 1;
const STOP = 2;
const STARTED = 3;
const EXITED = 4;

export const PARSE_WORKER_FILE = 'import-parser.js';

/** The built parse worker beside this bundle (out/main/import-parser.js), or null (e.g. vitest on TS sources). */
export function builtParseWorkerPath(): string | null {
  return builtEntry(PARSE_WORKER_FILE);
}

export interface ParseWorkerInput {
  spec: RowSpec;
  columns: CommitColumn[];
  /** The workspace secret, only when a column is pseudonymised. */
  secret: Uint8Array | null;
  control: SharedArrayBuffer;
  port: MessagePort;
}

type WorkerMessage =
  | { type: 'batch'; batch: WireBatch }
  | { type: 'end'; counts: RowCounts; misfits: (Misfits | null)[]; nonFinite: (NonFinite | null)[] }
  | { type: 'error'; error: SerializedError };

class Stopped extends Error {}

// ------------------------------------------------------------------ worker side

export function runParseWorker(input: ParseWorkerInput): void {
  const ctl = new Int32Array(input.control);
  const port = input.port;
  Atomics.store(ctl, STARTED, 1);
  let posted = 0;
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
    port.postMessage(m, transfer);
    Atomics.store(ctl, POSTED, ++posted);
    Atomics.notify(ctl, POSTED);
  };
  let tokenBatch: BatchPseudonymizer | null = null;
  let converters: Converter[] = [];
  const postBatch = (w: BatchWriter, bytesRead: number): void => {
    // The kernel hashes the values this batch queued; the memos learn their tokens before the next batch.
    const tokens = tokenBatch ? tokenBatch.take() : '';
    for (const c of converters) c.settleTokens(tokens);
    const b = w.take(bytesRead, tokens);
    post({ type: 'batch', batch: b }, [b.tags.buffer, b.nums.buffer, b.spans.buffer]);
  };
  try {
    const pseudo = input.secret ? new Pseudonymizer(Buffer.from(input.secret)) : null;
    tokenBatch = pseudo ? BatchPseudonymizer.create(pseudo) : null;
    converters = input.columns.map((c) => new Converter(c, pseudo, tokenBatch));
    const ncols = converters.length;
    const sources = converters.map((c) => c.source);
    const w = new BatchWriter();
    const counts = convertRows(input.spec, converters, {
      row: (values, fields, parser) => {
        // A batch's raw spans point into one parser text, so a batch ends with its chunk (chunk() below posts it).
        // A row of a new text joining a batch would be a bug — and could not be mended here: this row's tokens are
        // already queued with the batch's, so posting first would hand them to the wrong batch.
        if (w.rows > 0 && w.raw !== parser.text) throw new AppError('INTERNAL', 'The import parser mixed two chunks in one batch.');
        w.row(values, ncols, sources, fields, parser);
      },
      chunk: (done) => {
        if (w.rows > 0) postBatch(w, done);
        for (;;) {
          if (Atomics.load(ctl, STOP) !== 0) throw new Stopped();
          const taken = Atomics.load(ctl, TAKEN);
          if (posted - taken < MAX_AHEAD) break;
          Atomics.wait(ctl, TAKEN, taken);
        }
      },
    });
    if (w.rows > 0) postBatch(w, input.spec.input.size);
    post({ type: 'end', counts, misfits: converters.map((c) => c.misfits), nonFinite: converters.map((c) => c.nonFinite) });
  } catch (err) {
    if (!(err instanceof Stopped)) post({ type: 'error', error: serializeError(err) });
  } finally {
    port.close();
    Atomics.store(ctl, EXITED, 1);
    Atomics.notify(ctl, EXITED);
  }
}

// ------------------------------------------------------------------ SQLite side

export interface PipelineHandlers {
  /** Insert one chunk's rows. */
  batch(b: WireBatch): void;
  /** Called at least every 100 ms while waiting for the worker: throw to abort (cancellation). */
  idle(): void;
}

/**
 * Run the parse worker over the file and hand each converted chunk to `h.batch`, in file order. Returns the
 * row counts and leaves each converter's misfits and non-finite counts as the in-thread path would.
 */
export function pipelinedRows(workerPath: string, spec: RowSpec, converters: Converter[], secret: Buffer, h: PipelineHandlers): RowCounts {
  const control = new SharedArrayBuffer(4 * 8);
  const ctl = new Int32Array(control);
  const { port1, port2 } = new MessageChannel();
  const needsSecret = converters.some((c) => c.column.piiAction === 'pseudonymize');
  const input: ParseWorkerInput = { spec, columns: converters.map((c) => c.column), secret: needsSecret ? new Uint8Array(secret) : null, control, port: port2 };
  const worker = new Worker(workerPath, { workerData: input, transferList: [port2] });
  worker.unref();
  const t0 = Date.now();
  try {
    for (;;) {
      const seen = Atomics.load(ctl, POSTED);
      const got = receiveMessageOnPort(port1) as { message: WorkerMessage } | undefined;
      if (got === undefined) {
        h.idle();
        // A worker that never starts (a broken build) cannot report it synchronously: give up after a while.
        if (Atomics.load(ctl, STARTED) === 0 && Date.now() - t0 > 20_000) {
          throw new AppError('INTERNAL', 'The import parser thread did not start.');
        }
        Atomics.wait(ctl, POSTED, seen, 100);
        continue;
      }
      const m = got.message;
      if (m.type === 'batch') {
        // Acknowledge first, so the worker parses the next chunk while this one is inserted.
        Atomics.add(ctl, TAKEN, 1);
        Atomics.notify(ctl, TAKEN);
        h.batch(m.batch);
      } else if (m.type === 'end') {
        m.misfits.forEach((mf, i) => (converters[i].misfits = mf));
        m.nonFinite.forEach((nf, i) => (converters[i].nonFinite = nf));
        return m.counts;
      } else throw deserializeError(m.error);
    }
  } finally {
    // Stop a worker that is still reading (error, cancellation) and wait briefly for it to let go of the file
    // descriptor, which the caller closes next.
    Atomics.store(ctl, STOP, 1);
    Atomics.add(ctl, TAKEN, 1 << 20);
    Atomics.notify(ctl, TAKEN);
    if (Atomics.load(ctl, STARTED) === 1) Atomics.wait(ctl, EXITED, 0, 5_000);
    port1.close();
    void worker.terminate();
  }
}
