/**
 * One comment on a pull request, kept up to date: found by a hidden HTML marker in its body,
 * created the first time, edited afterwards (never a second one), left alone when the text is the
 * same. The REST calls go through @actions/github's Octokit (GITHUB_API_URL, so GHES and the tests'
 * local stand-in work alike): list issue comments, create one, update one
 * (docs: REST API "Issue comments"; a pull request is an issue for comments).
 * Posting is best effort: a fork's read-only token gets a notice, an API error a warning with the
 * status and the reason; neither fails the job, whose summary already holds the same text.
 */
import { getOctokit } from '@actions/github';
import type { Logger } from '../core/logger.js';
import type { PullRequestRef } from './event.js';

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/** The three calls the upsert needs, so its logic is tested without HTTP. */
export interface CommentsApi {
  /** Every comment of the pull request, oldest first (all pages). */
  list(): Promise<IssueComment[]>;
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  comment: IssueComment;
}

/** `<!-- name -->`: invisible in the rendered comment, unique to what writes it. */
export function commentMarker(name: string): string {
  return `<!-- imagebuilder-gitops:${name} -->`;
}

/** Creates the marked comment, or edits the oldest one that carries the marker. */
export async function upsertComment(
  api: CommentsApi,
  marker: string,
  body: string,
): Promise<UpsertResult> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const existing = (await api.list()).find((c) => c.body?.includes(marker));
  if (!existing) return { action: 'created', comment: await api.create(text) };
  if (existing.body === text) return { action: 'unchanged', comment: existing };
  return { action: 'updated', comment: await api.update(existing.id, text) };
}

/**
 * The CommentsApi of one pull request through Octokit. `apiUrl` is the job's GITHUB_API_URL, passed
 * explicitly: @actions/github reads it once, when its module loads.
 */
export function octokitComments(token: string, pr: PullRequestRef, apiUrl?: string): CommentsApi {
  const octokit = getOctokit(token, apiUrl ? { baseUrl: apiUrl } : {});
  const [owner = '', repo = ''] = pr.repository.split('/');
  return {
    list: () =>
      octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: pr.number,
        per_page: 100,
      }),
    create: async (body) =>
      (await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body }))
        .data,
    update: async (id, body) =>
      (await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })).data,
  };
}

/** `403 Resource not accessible by integration` from an Octokit RequestError (or any error). */
export function describeApiError(e: unknown): { status?: number; reason: string } {
  const err = e as {
    status?: unknown;
    message?: unknown;
    response?: { data?: { message?: unknown } };
  };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const reason = String(err?.response?.data?.message ?? err?.message ?? e);
  return { ...(status !== undefined ? { status } : {}), reason };
}

export interface PublishCommentOptions {
  logger: Logger;
  pullRequest: PullRequestRef | undefined;
  token: string | undefined;
  marker: string;
  body: string;
  /** Octokit against this API (the job's GITHUB_API_URL; default api.github.com). */
  apiUrl?: string;
}

export type PublishOutcome = UpsertResult['action'] | 'fork' | 'no-pull-request' | 'failed';

/** Upserts the comment; never throws. Returns what happened, for the step's output and tests. */
export async function publishComment(opts: PublishCommentOptions): Promise<PublishOutcome> {
  const { logger, pullRequest: pr } = opts;
  if (!pr) {
    logger.debug('Not a pull_request event: no pull request comment.');
    return 'no-pull-request';
  }
  if (pr.fromFork) {
    logger.notice(
      `Pull request #${pr.number} comes from ${pr.headRepository || 'a deleted fork'}: GitHub gives ` +
        `its workflows a read-only token, so the plan is in this job's summary, not in a comment.`,
    );
    return 'fork';
  }
  const where = `pull request #${pr.number} of ${pr.repository}`;
  if (!opts.token) {
    logger.warning(
      `No github-token: cannot comment on ${where}. Pass \`github-token: \${{ github.token }}\` (the default) and grant the job \`pull-requests: write\`.`,
    );
    return 'failed';
  }
  try {
    const api = octokitComments(opts.token, pr, opts.apiUrl);
    const { action, comment } = await upsertComment(api, opts.marker, opts.body);
    logger.info(
      `Plan comment ${action} on ${where}${comment.html_url ? `: ${comment.html_url}` : ''}`,
    );
    return action;
  } catch (e) {
    const { status, reason } = describeApiError(e);
    const hint =
      status === 403 || status === 404
        ? ' Grant this job `permissions: pull-requests: write` (a fork’s token cannot have it).'
        : ' The plan is in the job summary; re-run the job to retry.';
    logger.warning(
      `Could not update the plan comment on ${where}: GitHub API ${status ?? 'request failed'}: ${reason}.${hint}`,
    );
    return 'failed';
  }
}
