/** docs/actions.md is what `npm run docs:actions` generates from the action.yml files. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  readActionFiles,
  renderAction,
  renderActionReference,
  UPSTREAM_REPOSITORY,
} from '../../scripts/docs/action-reference.js';
import { REPO_ROOT } from '../support/run-action.js';

describe('docs/actions.md', () => {
  it('matches the action.yml files (run `npm run docs:actions` and commit it)', () => {
    const committed = readFileSync(join(REPO_ROOT, 'docs/actions.md'), 'utf8');
    expect(committed).toBe(renderActionReference(readActionFiles(REPO_ROOT), UPSTREAM_REPOSITORY));
  });

  it('documents every input and output of every action', () => {
    const files = readActionFiles(REPO_ROOT);
    expect(files.map((f) => f.name).sort()).toEqual([
      'build-image',
      'deploy-stack',
      'plan',
      'publish-ami',
      'scan-gate',
      'validate',
      'wait-image',
    ]);
    const doc = readFileSync(join(REPO_ROOT, 'docs/actions.md'), 'utf8');
    expect(doc).toContain('| `github-token` | no | `${{ github.token }}` |');
    expect(doc).toContain('| `matrix` |');
  });

  it('renders required flags, defaults and multi-line descriptions as one table row each', () => {
    const md = renderAction(
      {
        name: 'x',
        yml: "name: x\ndescription: Does x.\ninputs:\n  a:\n    description: >-\n      first\n      second | third\n    required: true\n  b:\n    default: ''\noutputs:\n  o:\n    description: out\nruns:\n  using: node24\n  main: dist/index.js\n",
      },
      'o/r',
    );
    expect(md).toContain('| `a` | yes |  | first second \\| third |');
    expect(md).toContain("| `b` | no | `''` |  |");
    expect(md).toContain('| `o` | out |');
    expect(md).toContain('`uses: o/r/actions/x@<sha> # v1.x.y` (runs on `node24`)');
  });
});
