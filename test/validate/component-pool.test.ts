import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateComponentDocument } from '../../actions/lib/awstoe/generate.js';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import {
  BATCH,
  DOCS_PER_WORKER,
  PARALLEL_THRESHOLD,
  poolSize,
  validateComponents,
} from '../../actions/lib/validate/component-pool.js';
import { REPO_ROOT } from '../support/run-action.js';

const items = Array.from({ length: PARALLEL_THRESHOLD + 10 }, (_, i) => ({
  file: `c${i}.yml`,
  text:
    i % 7 === 0
      ? generateComponentDocument(i).replace('action: ExecuteBash', 'action: ExecuteBashh')
      : generateComponentDocument(i),
}));
const expected = items.map((i) => validateComponent(i.text, i.file));
// The validate action's bundled worker entry (actions/validate/worker.ts), as the action starts it.
const bundledWorker = pathToFileURL(join(REPO_ROOT, 'actions/validate/dist/worker.js'));

describe('poolSize', () => {
  it('starts no worker for a handful of documents, one per DOCS_PER_WORKER beyond the first share, at most the other cores', () => {
    expect(poolSize(5, 4)).toBe(0);
    expect(poolSize(2 * DOCS_PER_WORKER - 1, 4)).toBe(0);
    expect(poolSize(2 * DOCS_PER_WORKER, 4)).toBe(1);
    expect(poolSize(4 * DOCS_PER_WORKER, 4)).toBe(3);
    expect(poolSize(100 * DOCS_PER_WORKER, 2)).toBe(1);
    expect(poolSize(100 * DOCS_PER_WORKER, 1)).toBe(0);
  });
});

describe('validateComponents', () => {
  it('without a worker script, validates on this thread, in order', async () => {
    expect(await validateComponents(items, validateComponent, undefined)).toEqual(expected);
  });

  it('with the bundled worker, gives the same findings in the same order', async () => {
    expect(items.length).toBeGreaterThan(4 * BATCH);
    expect(await validateComponents(items, validateComponent, bundledWorker, 3)).toEqual(expected);
  });

  it('falls back to this thread when a worker cannot start, with the same results', async () => {
    const missing = new URL('file:///nonexistent/worker.js');
    expect(await validateComponents(items, validateComponent, missing, 3)).toEqual(expected);
  });

  // A worker that finds nothing: where its answers show up, a worker was used.
  const blind = new URL(
    `data:text/javascript,${encodeURIComponent(
      "import { parentPort } from 'node:worker_threads';" +
        "parentPort.on('message', (m) => m === null ? parentPort.close() : parentPort.postMessage({ id: m.id, results: m.items.map(() => []) }));",
    )}`,
  );

  it("uses workers for many documents (the blind worker's empty answers show up)", async () => {
    const got = await validateComponents(items, validateComponent, blind, 2);
    expect(got).toHaveLength(items.length);
    expect(got.filter((f) => f.length === 0).length).toBeGreaterThan(
      expected.filter((f) => f.length === 0).length,
    );
  });

  it('keeps small sets on one thread (the blind worker is never asked)', async () => {
    const few = items.slice(0, 5);
    expect(await validateComponents(few, validateComponent, blind, 4)).toEqual(
      expected.slice(0, 5),
    );
  });
});
