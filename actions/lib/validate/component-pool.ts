/**
 * Validating many component documents is dominated by YAML parsing (the `yaml` package: about three
 * quarters of the time), so with hundreds of documents the work is split across the machine's cores:
 * worker threads take a share each while this thread validates its own. Below the threshold, without
 * a worker script, or where a worker cannot start, everything runs on this thread: results are the
 * same either way, in the input's order.
 *
 * The worker script is the program's own entry (the action's bundle, or the CLI), started again in a
 * worker thread where it calls `serveComponentWorker` instead of its main: bundlers copy a separate
 * worker file as an unbundled asset, so one self-contained bundle serves both roles.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding } from '../core/findings.js';

export interface ComponentItem {
  file: string;
  text: string;
}

/** Fewer documents than this are validated on one thread: a worker costs ~50 ms to start. */
export const PARALLEL_THRESHOLD = 150;

/** In a worker thread: validate the documents given as workerData and post the findings back. */
export function serveComponentWorker(validate: (text: string, file: string) => Finding[]): void {
  const items = workerData as ComponentItem[];
  parentPort!.postMessage(items.map((i) => validate(i.text, i.file)));
}

function inWorker(script: URL, items: ComponentItem[]): Promise<Finding[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: items });
    worker.once('message', (result: Finding[][]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once(
      'exit',
      (code) => code !== 0 && reject(new Error(`component worker exited with ${code}`)),
    );
  });
}

export async function validateComponents(
  items: ComponentItem[],
  validate: (text: string, file: string) => Finding[],
  workerScript: URL | undefined,
  threads = Math.min(availableParallelism(), 4),
): Promise<Finding[][]> {
  const local = (chunk: ComponentItem[]) => chunk.map((i) => validate(i.text, i.file));
  if (!workerScript || items.length < PARALLEL_THRESHOLD || threads < 2) return local(items);
  const size = Math.ceil(items.length / threads);
  const chunks = Array.from({ length: threads }, (_, t) => items.slice(t * size, (t + 1) * size));
  // Workers start first; this thread validates the first chunk meanwhile.
  const remote = chunks
    .slice(1)
    .map((chunk) => inWorker(workerScript, chunk).catch(() => local(chunk)));
  const mine = local(chunks[0]!);
  return [mine, ...(await Promise.all(remote))].flat();
}
