// test/ mirrors the sources (issue 12), so the tests of a file are found where the file is:
// - test/<folder>/...        the tests of actions/lib/<folder>/... or scripts/<folder>/...
// - test/actions/<name>/     the tests of an action's glue, actions/<name>/main.ts
// - a few cross-cutting suites and the shared helpers, named below with the reason.
// A new test folder that matches none of these fails here, naming the folders it could mirror.
import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support/run-action.js';

/** Test folders that mirror no single source folder, and why. */
const CROSS_CUTTING: Record<string, string> = {
  e2e: 'the bundled actions (dist/) run as the runner runs them, against the emulator',
  'supply-chain': 'dependencies, licences and the bundle manifest',
  support: 'helpers shared by the tests',
  fixtures: 'documents the tests read',
};
/** Test files allowed directly under test/. */
const TOP_LEVEL_FILES = new Set(['dist.test.ts', 'layout.test.ts']);

const SOURCE_ROOTS = ['actions/lib', 'scripts'];

function dirs(abs: string): string[] {
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

function isSourceDir(rel: string): boolean {
  return SOURCE_ROOTS.some((root) => fs.existsSync(path.join(REPO_ROOT, root, rel)));
}

/** Every test folder (relative to test/) that mirrors nothing, with where it could go. */
export function strayTestFolders(testRoot: string): string[] {
  const stray: string[] = [];
  const walk = (rel: string): void => {
    for (const name of dirs(path.join(testRoot, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      // Fixture folders inside a mirrored folder hold documents, not tests.
      if (name === 'fixtures') continue;
      if (!isSourceDir(child)) {
        stray.push(child);
        continue;
      }
      walk(child);
    }
  };
  for (const top of dirs(testRoot)) {
    if (top in CROSS_CUTTING) continue;
    if (top === 'actions') {
      for (const action of dirs(path.join(testRoot, 'actions'))) {
        if (!fs.existsSync(path.join(REPO_ROOT, 'actions', action, 'main.ts'))) {
          stray.push(`actions/${action}`);
        }
      }
      continue;
    }
    if (!isSourceDir(top)) stray.push(top);
    else walk(top);
  }
  return stray;
}

describe('test/ mirrors the sources', () => {
  const testRoot = path.join(REPO_ROOT, 'test');

  it('every test folder is a folder of actions/lib or scripts, an action, or a named cross-cutting suite', () => {
    expect(strayTestFolders(testRoot)).toEqual([]);
  });

  it('no test file sits directly under test/ except the cross-cutting ones', () => {
    const files = fs
      .readdirSync(testRoot, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => e.name);
    expect(files.filter((f) => !TOP_LEVEL_FILES.has(f))).toEqual([]);
  });

  it('finds a folder that mirrors nothing (the check can fail)', () => {
    const tmp = fs.mkdtempSync(path.join(REPO_ROOT, '.layout-'));
    try {
      fs.mkdirSync(path.join(tmp, 'ssm'));
      fs.mkdirSync(path.join(tmp, 'ssm', 'no-such-folder'));
      fs.mkdirSync(path.join(tmp, 'misc'));
      fs.mkdirSync(path.join(tmp, 'actions', 'no-such-action'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 'e2e'));
      expect(strayTestFolders(tmp).sort()).toEqual([
        'actions/no-such-action',
        'misc',
        'ssm/no-such-folder',
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
