/**
 * The consumer example's pull request workflow, run as GitHub would (the demo's workflow runner):
 * its job calls this checkout's reusable pull-request.yml, whose validate and plan steps run as
 * bundles; plan's comment reaches the local stand-in of the GitHub REST API. A second push to the
 * pull request edits the same comment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkflow } from '../../scripts/demo/workflow-runner.js';
import { createWorkspace, type Workspace } from '../../scripts/demo/workspace.js';
import { UPSTREAM_REPOSITORY } from '../../scripts/docs/action-reference.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { REPO_ROOT } from '../support/run-action.js';

const REPO = 'platform-team/golden-amis';
let api: GitHubApiStandIn;
let ws: Workspace;

beforeAll(async () => {
  api = await startGitHubApi();
  api.tokens.set('ghs_job', 'write');
  ws = createWorkspace(REPO_ROOT);
  ws.commit('initial');
});
afterAll(async () => {
  await api.close();
  rmSync(ws.dir, { recursive: true, force: true });
});

async function pullRequest(base: string, head: string) {
  const payload = {
    number: 5,
    repository: { full_name: REPO },
    pull_request: {
      number: 5,
      base: { sha: base, repo: { full_name: REPO } },
      head: { sha: head, repo: { full_name: REPO } },
    },
  };
  const path = `${ws.dir}-pr-event.json`;
  writeFileSync(path, JSON.stringify(payload));
  return runWorkflow({
    workflowText: readFileSync(join(ws.dir, '.github/workflows/pull-request.yml'), 'utf8'),
    workspace: ws.dir,
    event: { name: 'pull_request', payload, path },
    vars: {},
    github: { repository: REPO, sha: head, runId: '900', ref: 'refs/pull/5/merge' },
    workflowPath: '.github/workflows/pull-request.yml',
    // No job of the pull request workflow calls AWS (none has id-token: write): nothing is minted.
    aws: { endpoint: 'http://127.0.0.1:9' },
    oidc: {
      repository: { fullName: REPO, ownerId: '1', id: '2', immutableSubject: true },
      mint: () => {
        throw new Error('a pull request job asked for an OIDC token');
      },
    },
    runnerEnv: {
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_TOKEN: 'ghs_job',
    },
    upstream: { repository: UPSTREAM_REPOSITORY, root: REPO_ROOT },
  });
}

describe('consumer pull request through the reusable workflow', () => {
  it('validates, plans, and keeps one comment up to date', async () => {
    const base = ws.head();
    const file = join(ws.dir, 'components/apache-install.yml');
    writeFileSync(file, `# a reviewed change\n${readFileSync(file, 'utf8')}`);
    const head = ws.commit('apache-install: comment').after;

    const first = await pullRequest(base, head);
    const failed = first.steps.filter((s) => s.outcome === 'failure');
    expect(failed.map((s) => `${s.job} › ${s.step}: ${s.log.slice(-400)}`)).toEqual([]);
    expect(first.success).toBe(true);
    expect(first.steps.map((s) => s.job)).toContain('checks / plan');
    const plan = first.steps.find((s) => s.uses?.endsWith('/actions/plan'))!;
    expect(plan.outputs.comment).toBe('created');
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('`web-server`');
    expect(api.comments[0]!.body).toContain('✅ **Validation passed**');

    writeFileSync(file, `# and another\n${readFileSync(file, 'utf8')}`);
    const second = await pullRequest(base, ws.commit('apache-install: another').after);
    expect(second.success).toBe(true);
    expect(api.comments).toHaveLength(1);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});
