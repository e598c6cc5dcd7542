/**
 * The demo's scratch repository: a consumer repository as docs/consumer-example/ describes it. It
 * holds only what a consumer holds: components/ (with the image definitions), its app stack
 * (stacks/app-*.yml) and the short workflows of docs/consumer-example/.github/workflows that call
 * this repository's reusable workflows; the actions and reusable workflows themselves come from
 * this checkout through the `uses: owner/imagebuilder-gitops/...@ref` lines, as GitHub fetches
 * them for a consumer. A git repository with real commits, so `plan` diffs pushes as on GitHub.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ZERO_SHA = '0'.repeat(40);
/** The consumer repository's own files (workflows, README), beside the sample components. */
export const CONSUMER_EXAMPLE = 'docs/consumer-example';
/** The single-image sample as it was before the image fleet (one definition, one architecture). */
export const SINGLE_IMAGE_DEFINITION = 'test/fixtures/definitions/web-server.yml';

/**
 * Leaves one image in a workspace's `components/images/`: the standalone web-server, on an
 * AWS-managed parent. For the suites that test one image's pipeline (e2e, chaos) without the
 * fleet's chain, which the demo and test/e2e/image-chain.test.ts cover. Call before the first commit.
 */
export function useSingleImage(workspaceDir: string, repoRoot: string): void {
  const images = join(workspaceDir, 'components/images');
  rmSync(images, { recursive: true, force: true });
  mkdirSync(images);
  cpSync(join(repoRoot, SINGLE_IMAGE_DEFINITION), join(images, 'web-server.yml'));
}

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
  const example = join(repoRoot, CONSUMER_EXAMPLE);
  cpSync(example, dir, { recursive: true });
  cpSync(join(repoRoot, 'components'), join(dir, 'components'), { recursive: true });
  mkdirSync(join(dir, 'stacks'));
  for (const f of readdirSync(join(repoRoot, 'stacks')).filter((f) => /^app-.*\.ya?ml$/.test(f)))
    cpSync(join(repoRoot, 'stacks', f), join(dir, 'stacks', f));
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
