/**
 * The plan's pull-request comment against a local stand-in of the GitHub REST API (no network):
 * created once, edited in place on the next run (never duplicated, found across pages), left alone
 * when unchanged; a fork's pull request gets a notice and no API call; API errors are warnings with
 * the status and the reason, never a failed job; a failing plan still updates the comment.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext } from '../../actions/lib/core/action.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { Inputs } from '../../actions/lib/core/inputs.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { planAction } from '../../actions/plan/main.js';
import { PLAN_COMMENT_MARKER } from '../../actions/lib/github/plan-comment.js';
import { FIXTURES, git, write } from '../definitions/helpers.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';

const REPO = 'platform-team/golden-amis';
let api: GitHubApiStandIn;
let dir: string;
let base: string;
let head: string;

beforeAll(async () => {
  api = await startGitHubApi();
  api.tokens.set('write-token', 'write');
  api.tokens.set('read-token', 'read');
});
afterAll(() => api.close());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pr-comment-'));
  cpSync(join(FIXTURES, 'two-images'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  base = git(dir, 'rev-parse', 'HEAD');
  write(dir, 'components/web.yml', `# tweak\n${git(dir, 'show', 'HEAD:components/web.yml')}`);
  git(dir, 'commit', '-q', '-am', 'web: tweak');
  head = git(dir, 'rev-parse', 'HEAD');
  api.comments.length = 0;
  api.requests.length = 0;
  api.failNext.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pullRequestEvent(number: number, headRepo = REPO) {
  return {
    number,
    repository: { full_name: REPO },
    pull_request: {
      number,
      base: { sha: base, repo: { full_name: REPO } },
      head: { sha: head, repo: { full_name: headRepo } },
    },
  };
}

async function runPlan(
  payload: unknown,
  inputs: Record<string, string> = {},
  event = 'pull_request',
) {
  const eventPath = join(dir, '..', `${dir.split('/').pop()}-event.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const outputs: Record<string, string> = {};
  const logger = new MemoryLogger();
  const ctx: ActionContext = {
    inputs: new Inputs((n) => ({ 'github-token': 'write-token', ...inputs })[n] ?? '', 'plan'),
    logger,
    clock: new VirtualClock(),
    env: {
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: REPO,
      GITHUB_RUN_ID: '77',
    },
    setOutput: (k, v) => void (outputs[k] = v),
    summary: async () => {},
  };
  let error: unknown;
  await planAction(ctx).catch((e: unknown) => (error = e));
  return { outputs, logger, error };
}

const levels = (logger: MemoryLogger, level: string) =>
  logger.lines.filter((l) => l.level === level).map((l) => l.message);

describe('plan comment on a pull request', () => {
  it('creates one marked comment with the plan, the validation result and the run link', async () => {
    const { outputs, logger } = await runPlan(pullRequestEvent(7), {
      'validation-errors': '0',
      'validation-warnings': '2',
    });
    expect(outputs.comment).toBe('created');
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(body).toContain('## Image plan');
    expect(body).toContain('`web`');
    expect(body).toContain('✅ **Validation passed** with 2 warnings');
    expect(body).toContain('https://github.com/platform-team/golden-amis/actions/runs/77');
    expect(levels(logger, 'info').join('\n')).toContain(
      `Plan comment created on pull request #7 of ${REPO}: https://github.com/${REPO}/pull/7#issuecomment-`,
    );
  });

  it('edits the same comment on the next run, found across pages among other comments', async () => {
    for (let i = 0; i < 3; i++)
      api.comments.push({
        id: i + 1,
        body: `review ${i}`,
        issue: 8,
        repository: REPO,
        html_url: '',
      });
    await runPlan(pullRequestEvent(8), { 'validation-errors': '0' });
    for (let i = 3; i < 6; i++)
      api.comments.push({
        id: i + 1,
        body: `review ${i}`,
        issue: 8,
        repository: REPO,
        html_url: '',
      });
    const second = await runPlan(pullRequestEvent(8), { 'validation-errors': '3' });
    expect(second.outputs.comment).toBe('updated');
    const marked = api.comments.filter((c) => c.body.includes(PLAN_COMMENT_MARKER));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.body).toContain('❌ **Validation found 3 errors**');
    // Paging: the marked comment is the 4th of 7, beyond the stand-in's first page of 2.
    expect(api.requests.filter((r) => r.method === 'GET').length).toBeGreaterThan(2);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

    const third = await runPlan(pullRequestEvent(8), { 'validation-errors': '3' });
    expect(third.outputs.comment).toBe('unchanged');
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it("a fork's pull request: job summary and a notice, no API call, no failure", async () => {
    const { outputs, logger, error } = await runPlan(pullRequestEvent(9, 'someone/golden-amis'));
    expect(error).toBeUndefined();
    expect(outputs.comment).toBe('fork');
    expect(outputs['has-images']).toBe('true');
    expect(levels(logger, 'notice')).toEqual([
      expect.stringContaining(
        'Pull request #9 comes from someone/golden-amis',
      ) as unknown as string,
    ]);
    expect(api.requests).toEqual([]);
  });

  it('a read-only token: a warning with the status and the reason, not a failure', async () => {
    const { outputs, logger, error } = await runPlan(pullRequestEvent(10), {
      'github-token': 'read-token',
    });
    expect(error).toBeUndefined();
    expect(outputs.comment).toBe('failed');
    expect(outputs.matrix).toContain('web');
    const [warning] = levels(logger, 'warning');
    expect(warning).toContain(
      `Could not update the plan comment on pull request #10 of ${REPO}: GitHub API 403: Resource not accessible by integration.`,
    );
    expect(warning).toContain('pull-requests: write');
  });

  it('a server error: a warning with the status and the reason', async () => {
    api.failNext.push({ status: 502, message: 'Server Error' });
    const { outputs, logger, error } = await runPlan(pullRequestEvent(11));
    expect(error).toBeUndefined();
    expect(outputs.comment).toBe('failed');
    expect(levels(logger, 'warning').join('\n')).toContain('GitHub API 502: Server Error');
  });

  it('a plan that fails updates the comment with the error, and the job fails', async () => {
    await runPlan(pullRequestEvent(12));
    write(dir, 'components/images/web.yml', 'name: [unclosed\n');
    git(dir, 'commit', '-q', '-am', 'break the definition');
    head = git(dir, 'rev-parse', 'HEAD');
    const { error } = await runPlan(pullRequestEvent(12));
    expect(error).toBeInstanceOf(Error);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('❌ **The plan failed**: components/images/web.yml');
  });

  it('comment: false and push events make no API call', async () => {
    expect((await runPlan(pullRequestEvent(13), { comment: 'false' })).outputs.comment).toBe(
      'disabled',
    );
    expect(
      (await runPlan({ ref: 'refs/heads/main', before: base, after: head }, {}, 'push')).outputs
        .comment,
    ).toBe('no-pull-request');
    expect(api.requests).toEqual([]);
  });
});
