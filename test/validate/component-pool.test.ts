import { describe, expect, it } from '@jest/globals';
import { generateComponentDocument } from '../../actions/lib/awstoe/generate.js';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import {
  PARALLEL_THRESHOLD,
  validateComponents,
} from '../../actions/lib/validate/component-pool.js';

const items = Array.from({ length: PARALLEL_THRESHOLD + 10 }, (_, i) => ({
  file: `c${i}.yml`,
  text:
    i % 7 === 0
      ? generateComponentDocument(i).replace('action: ExecuteBash', 'action: ExecuteBashh')
      : generateComponentDocument(i),
}));
const expected = items.map((i) => validateComponent(i.text, i.file));

describe('validateComponents', () => {
  it('without a worker script, validates on this thread, in order', async () => {
    expect(await validateComponents(items, validateComponent, undefined)).toEqual(expected);
  });

  it('falls back to this thread when a worker cannot start, with the same results', async () => {
    const missing = new URL('file:///nonexistent/worker.js');
    expect(await validateComponents(items, validateComponent, missing, 3)).toEqual(expected);
  });

  it('keeps small sets on one thread', async () => {
    const few = items.slice(0, 5);
    const missing = new URL('file:///nonexistent/worker.js');
    expect(await validateComponents(few, validateComponent, missing, 4)).toEqual(
      expected.slice(0, 5),
    );
  });
});
