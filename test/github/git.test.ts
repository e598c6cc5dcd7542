import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedFilesFromGit } from '../../actions/lib/github/git.js';
import { git, write } from '../definitions/helpers.js';

let dir: string;
const shas: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'components/a.yml', 'a: 1\n');
  write(dir, 'docs/readme.md', '# hi\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'one');
  shas.one = git(dir, 'rev-parse', 'HEAD');
  write(dir, 'components/a.yml', 'a: 2\n');
  write(dir, 'components/with space.yml', 'b: 1\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'two');
  shas.two = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'mv', 'docs/readme.md', 'docs/guide.md');
  git(dir, 'commit', '-q', '-m', 'three');
  shas.three = git(dir, 'rev-parse', 'HEAD');
  // A side branch from `one`, for merge-base (pull request) diffs.
  git(dir, 'checkout', '-q', '-b', 'feature', shas.one!);
  write(dir, 'components/feature.yml', 'f: 1\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'feature');
  shas.feature = git(dir, 'rev-parse', 'HEAD');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('changedFilesFromGit against a real repository', () => {
  it('lists the files changed between two commits, names with spaces intact', async () => {
    expect(await changedFilesFromGit(dir, shas.one, shas.two)).toEqual({
      files: ['components/a.yml', 'components/with space.yml'],
    });
  });

  it('lists both paths of a rename', async () => {
    expect(await changedFilesFromGit(dir, shas.two, shas.three)).toEqual({
      files: ['docs/guide.md', 'docs/readme.md'],
    });
  });

  it('pull requests diff from the merge base: base-branch commits do not count', async () => {
    expect(await changedFilesFromGit(dir, shas.three, shas.feature, { mergeBase: true })).toEqual({
      files: ['components/feature.yml'],
    });
    const twoDot = await changedFilesFromGit(dir, shas.three, shas.feature);
    expect(twoDot.files).toContain('components/a.yml');
  });

  it('first push (all-zero before) → unknown with the reason', async () => {
    const r = await changedFilesFromGit(dir, '0000000000000000000000000000000000000000', shas.two);
    expect(r).toEqual({
      files: 'unknown',
      reason: 'first push of this branch: there is no previous commit to compare with',
    });
  });

  it('a before commit that is not in history (force-push) → unknown naming it', async () => {
    const r = await changedFilesFromGit(dir, 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', shas.two);
    expect(r.files).toBe('unknown');
    expect(r.reason).toContain("commit deadbeefdead is not in this clone's history");
    expect(r.reason).toContain('fetch-depth: 0');
  });

  it('something that is not a sha never reaches git', async () => {
    expect(await changedFilesFromGit(dir, '--output=/tmp/x', shas.two)).toEqual({
      files: 'unknown',
      reason: "'--output=/tmp/x' is not a commit sha",
    });
  });

  it('outside a repository → unknown, not a throw', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plan-nogit-'));
    try {
      const r = await changedFilesFromGit(empty, shas.one, shas.two);
      expect(r.files).toBe('unknown');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
