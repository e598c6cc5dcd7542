/**
 * The demo's scratch repository: a copy of what a user's repository holds (components, stacks,
 * workflows, and the actions' action.yml + dist, which is what `uses: ./actions/x` runs), as a git
 * repository with real commits, so `plan` diffs pushes exactly as it does on GitHub.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ZERO_SHA = '0'.repeat(40);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export interface Workspace {
  dir: string;
  head(): string;
  /** Commits every change with `message`; returns the push event payload from `before` to it. */
  commit(message: string): PushPayload;
  /** The commit HEAD is on, or undefined before the first commit. */
  current(): string | undefined;
  /**
   * Back to an earlier commit (work tree, and the next push's `before`), to restore a snapshot;
   * undefined: back to before the first commit, with the first commit's files uncommitted.
   */
  reset(sha: string | undefined): void;
}

export interface PushPayload {
  [key: string]: string | boolean | { message: string; id: string };
  ref: string;
  before: string;
  after: string;
  forced: boolean;
  head_commit: { message: string; id: string };
}

export function createWorkspace(repoRoot: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'imagebuilder-gitops-demo-'));
  for (const folder of ['components', 'stacks', '.github/workflows']) {
    cpSync(join(repoRoot, folder), join(dir, folder), { recursive: true });
  }
  for (const name of readdirSync(join(repoRoot, 'actions'))) {
    const from = join(repoRoot, 'actions', name);
    if (!existsSync(join(from, 'action.yml'))) continue;
    mkdirSync(join(dir, 'actions', name), { recursive: true });
    cpSync(join(from, 'action.yml'), join(dir, 'actions', name, 'action.yml'));
    cpSync(join(from, 'dist'), join(dir, 'actions', name, 'dist'), { recursive: true });
  }
  writeFileSync(
    join(dir, 'README.md'),
    '# A platform team repository (imagebuilder-gitops demo)\n',
  );
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Demo Platform Team');
  git(dir, 'config', 'user.email', 'platform@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  let last = ZERO_SHA;
  let root: string | undefined;
  return {
    dir,
    head: () => git(dir, 'rev-parse', 'HEAD'),
    commit(message: string): PushPayload {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', message);
      const after = git(dir, 'rev-parse', 'HEAD');
      root ??= after;
      const payload: PushPayload = {
        ref: 'refs/heads/main',
        before: last,
        after,
        forced: false,
        head_commit: { message, id: after },
      };
      last = after;
      return payload;
    },
    current: () => (last === ZERO_SHA ? undefined : last),
    reset(sha: string | undefined): void {
      const to = sha ?? root;
      if (!to) return;
      git(dir, 'reset', '-q', '--hard', to);
      git(dir, 'clean', '-q', '-fd');
      if (sha === undefined) git(dir, 'update-ref', '-d', 'HEAD');
      last = sha ?? ZERO_SHA;
    },
  };
}
