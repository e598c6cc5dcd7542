/**
 * The plan action's bundle as a process, as the runner starts it, on a pull_request event: its
 * @actions/github client reaches the local stand-in of the GitHub REST API through GITHUB_API_URL,
 * creates the plan comment, and edits it on the next run. Proves the bundle carries Octokit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../definitions/helpers.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { REPO_ROOT, runAction } from '../support/run-action.js';

const REPO = 'platform-team/golden-amis';
let api: GitHubApiStandIn;
let dir: string;

beforeAll(async () => {
  api = await startGitHubApi();
  api.tokens.set('ghs_write', 'write');
  dir = mkdtempSync(join(tmpdir(), 'plan-comment-e2e-'));
  for (const f of ['components', 'stacks'])
    cpSync(join(REPO_ROOT, f), join(dir, f), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(number: number, errors: string) {
  const base = git(dir, 'rev-parse', 'HEAD~0');
  const eventPath = join(dir, '..', `${dir.split('/').pop()}-event.json`);
  writeFileSync(
    eventPath,
    JSON.stringify({
      number,
      repository: { full_name: REPO },
      pull_request: {
        number,
        base: { sha: base, repo: { full_name: REPO } },
        head: { sha: base, repo: { full_name: REPO } },
      },
    }),
  );
  return runAction(
    'plan',
    { 'github-token': 'ghs_write', 'validation-errors': errors, 'validation-warnings': '0' },
    {
      cwd: dir,
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: REPO,
      },
    },
  );
}

describe('plan bundle on a pull request', () => {
  it('creates the comment, then edits the same one', async () => {
    const first = await plan(21, '0');
    expect(first.code).toBe(0);
    expect(first.outputs.comment).toBe('created');
    const second = await plan(21, '2');
    expect(second.code).toBe(0);
    expect(second.outputs.comment).toBe('updated');
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('Validation found 2 errors');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
