#!/usr/bin/env -S npx tsx
/**
 * Writes docs/actions.md from every actions/<name>/action.yml (`npm run docs:actions`); `--check`
 * exits 1 when the committed file differs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  readActionFiles,
  renderActionReference,
  UPSTREAM_REPOSITORY,
} from './docs/action-reference.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs/actions.md');
const text = renderActionReference(readActionFiles(root), UPSTREAM_REPOSITORY);
if (process.argv.includes('--check')) {
  if ((existsSync(out) ? readFileSync(out, 'utf8') : '') !== text) {
    process.stderr.write('docs/actions.md is stale: run `npm run docs:actions` and commit it.\n');
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out}\n`);
}
