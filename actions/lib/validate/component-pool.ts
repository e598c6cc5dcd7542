/**
 * Validating many component documents is dominated by YAML parsing (the `yaml` package: about three
 * quarters of the time), so with hundreds of documents the work is shared with worker threads. The
 * pool is sized to the work: a worker costs tens of milliseconds to start, so one starts only for
 * every `DOCS_PER_WORKER` documents (none for a handful of files), and never more than the cores
 * beside this thread. Documents go out in batches of `BATCH` from one queue that this thread
 * drains too, so a worker that starts late or runs slow simply takes fewer batches. Where a worker
 * cannot start or fails, its batch is validated here: results are the same either way, in the
 * input's order.
 *
 * The worker script is a small entry of its own (the validate action's `worker.js`, which loads
 * only the component validator), not the whole program started again.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import type { Finding } from '../core/findings.js';

export interface ComponentItem {
  file: string;
  text: string;
}

/** Documents per message to a worker: small enough to balance, large enough to be cheap. */
export const BATCH = 32;
/** A worker starts only for this many documents: below it, starting one costs more than it saves. */
export const DOCS_PER_WORKER = 150;
/** Kept for callers that ask "would this run in parallel": fewer documents stay on one thread. */
export const PARALLEL_THRESHOLD = 2 * DOCS_PER_WORKER;

type Validate = (text: string, file: string) => Finding[];

interface BatchMessage {
  id: number;
  items: ComponentItem[];
}

/** In a worker thread: validate each batch the parent sends and post its findings back. */
export function serveComponentWorker(validate: Validate): void {
  parentPort!.on('message', (m: BatchMessage | null) => {
    if (m === null) parentPort!.close();
    else
      parentPort!.postMessage({ id: m.id, results: m.items.map((i) => validate(i.text, i.file)) });
  });
}

/** How many workers `n` documents are worth, beside this thread, with `cores` cores. */
export function poolSize(n: number, cores: number): number {
  return Math.max(0, Math.min(cores - 1, Math.floor(n / DOCS_PER_WORKER) - 1));
}

export async function validateComponents(
  items: ComponentItem[],
  validate: Validate,
  workerScript: URL | undefined,
  cores = Math.min(availableParallelism(), 4),
): Promise<Finding[][]> {
  const local = (chunk: ComponentItem[]) => chunk.map((i) => validate(i.text, i.file));
  const workers = workerScript ? poolSize(items.length, cores) : 0;
  if (workers === 0) return local(items);

  const batches: ComponentItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const results: Finding[][][] = [];
  const queue = batches.map((_, id) => id);
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const woken = () => new Promise<void>((resolve) => (wake = resolve));
  const notify = () => wake?.();

  const start = (): void => {
    let current: number | undefined;
    let done = false;
    const worker = new Worker(workerScript!);
    const send = () => {
      current = queue.shift();
      if (current === undefined) {
        done = true;
        worker.postMessage(null);
        return;
      }
      inFlight++;
      worker.postMessage({ id: current, items: batches[current]! } satisfies BatchMessage);
    };
    // A worker that fails hands its batch back to the queue; this thread picks it up.
    const fail = () => {
      if (done) return;
      done = true;
      if (current !== undefined) {
        queue.unshift(current);
        inFlight--;
      }
      current = undefined;
      void worker.terminate();
      notify();
    };
    worker.on('message', (m: { id: number; results: Finding[][] }) => {
      if (m.id !== current) return;
      results[m.id] = m.results;
      inFlight--;
      send();
      notify();
    });
    worker.once('error', fail);
    worker.once('exit', fail);
    send();
  };
  for (let w = 0; w < workers; w++) start();

  // This thread takes batches too, yielding between them so workers' results come in.
  for (;;) {
    const id = queue.shift();
    if (id !== undefined) {
      results[id] = local(batches[id]!);
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else if (inFlight > 0) await woken();
    else break;
  }
  return results.flat();
}
