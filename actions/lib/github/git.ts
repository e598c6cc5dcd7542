/**
 * Changed files between two commits, from git (the I/O edge of `plan`). Never throws: when git
 * cannot answer, the result is 'unknown' with the reason, and `plan` builds everything.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { errorMessage } from '../core/errors.js';
import { isZeroSha } from './event.js';

const run = promisify(execFile);

export interface ChangedFiles {
  files: string[] | 'unknown';
  /** Why `files` is 'unknown'. */
  reason?: string;
}

const SHA = /^[0-9a-f]{7,64}$/i;

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  try {
    await git(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

/**
 * `git diff --name-only` between `base` and `head` in the repository at `cwd`. With `mergeBase`
 * (pull requests) it diffs from where the branch left `base` (`base...head`), so commits that
 * landed on the base branch meanwhile do not count. Renames list both paths.
 */
export async function changedFilesFromGit(
  cwd: string,
  base: string | undefined,
  head: string | undefined,
  opts: { mergeBase?: boolean } = {},
): Promise<ChangedFiles> {
  if (!base || isZeroSha(base))
    return {
      files: 'unknown',
      reason: 'first push of this branch: there is no previous commit to compare with',
    };
  if (!head) return { files: 'unknown', reason: 'the event names no head commit' };
  for (const sha of [base, head]) {
    // Only hex shas reach git's command line: nothing from the event can become an option.
    if (!SHA.test(sha)) return { files: 'unknown', reason: `'${sha}' is not a commit sha` };
  }
  for (const sha of [base, head]) {
    if (!(await hasCommit(cwd, sha))) {
      return {
        files: 'unknown',
        reason: `commit ${short(sha)} is not in this clone's history (rewritten by a force-push, or a shallow checkout: set fetch-depth: 0 on actions/checkout)`,
      };
    }
  }
  const range = opts.mergeBase ? [`${base}...${head}`] : [base, head];
  try {
    const out = await git(cwd, ['diff', '--name-only', '--no-renames', '-z', ...range, '--']);
    return { files: out.split('\0').filter((f) => f !== '') };
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    return { files: 'unknown', reason: `git diff failed: ${stderr || errorMessage(e)}` };
  }
}
