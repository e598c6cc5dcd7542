/**
 * The `plan` action: the event → changed files (git) → image definitions → which images to build.
 * Outputs the matrix for `strategy.matrix` and a job summary; on a pull request it also keeps one
 * comment up to date with the same plan and the validation result (actions/lib/github/). I/O stays
 * here; planImages is pure.
 */
import { existsSync } from 'node:fs';
import type { ActionContext } from '../lib/core/action.js';
import { ConfigurationError, isConfigurationError } from '../lib/core/errors.js';
import { inputWhere, workspacePath, workspaceRoot } from '../lib/core/workspace.js';
import { countBySeverity, type Finding } from '../lib/core/findings.js';
import { readEvent, type TriggerEvent } from '../lib/github/event.js';
import { changedFilesFromGit, type ChangedFiles } from '../lib/github/git.js';
import {
  PLAN_COMMENT_MARKER,
  renderPlanComment,
  type PlanCommentInput,
} from '../lib/github/plan-comment.js';
import { publishComment } from '../lib/github/pr-comment.js';
import { imageGraph } from '../lib/definitions/graph.js';
import { planImages, planMatrix } from '../lib/definitions/plan.js';
import { renderPlanSummary } from '../lib/definitions/plan-render.js';
import { diskRepo } from '../lib/definitions/repo-files.js';
import {
  DEFAULT_DEFINITIONS_PATH,
  validateDefinitions,
} from '../lib/definitions/validate-definitions.js';

function report(ctx: ActionContext, findings: readonly Finding[]): void {
  for (const f of findings) {
    const where = { file: f.file, startLine: f.line, startColumn: f.column, title: f.rule };
    if (f.severity === 'error') ctx.logger.error(f.message, where);
    else ctx.logger.warning(f.message, where);
  }
  const { error } = countBySeverity(findings);
  const first = findings.find((f) => f.severity === 'error');
  if (first) {
    const more =
      error > 1
        ? ` (and ${error - 1} more error${error > 2 ? 's' : ''} in the image definitions)`
        : '';
    throw new ConfigurationError(`${first.message} [${first.rule}]${more}`, first);
  }
}

async function changedFiles(root: string, event: TriggerEvent): Promise<ChangedFiles> {
  if (event.kind !== 'push' && event.kind !== 'pull_request')
    return { files: 'unknown', reason: `a ${event.kind} run has no commit range` };
  const result = await changedFilesFromGit(root, event.base, event.head, {
    mergeBase: event.kind === 'pull_request',
  });
  if (result.files === 'unknown' && event.forced)
    return { files: 'unknown', reason: `force-push: ${result.reason ?? 'history rewritten'}` };
  return result;
}

/** The validate step's counts, when the workflow passes them (`validation-errors`/`-warnings`). */
function validationCounts(ctx: ActionContext): PlanCommentInput['validation'] {
  const errors = ctx.inputs.optional('validation-errors');
  const warnings = ctx.inputs.optional('validation-warnings');
  if (errors === undefined && warnings === undefined) return undefined;
  return {
    errors: ctx.inputs.integer('validation-errors', { fallback: 0, min: 0 }),
    warnings: ctx.inputs.integer('validation-warnings', { fallback: 0, min: 0 }),
  };
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

/**
 * The plan, then (on a pull request, unless `comment: false`) its comment. A plan that fails still
 * updates the comment with the error, so the conversation never shows a stale plan; the job fails.
 */
export async function planAction(ctx: ActionContext): Promise<void> {
  const event = readEvent(ctx.env);
  const comment = ctx.inputs.boolean('comment', true);
  const validation = validationCounts(ctx);
  const post = async (input: PlanCommentInput) => {
    const outcome = comment
      ? await publishComment({
          logger: ctx.logger,
          pullRequest: event.pullRequest,
          token: ctx.inputs.optional('github-token'),
          marker: PLAN_COMMENT_MARKER,
          body: renderPlanComment({
            ...input,
            validation,
            runUrl: runUrl(ctx.env),
            sha: event.head,
          }),
          apiUrl: ctx.env.GITHUB_API_URL,
        })
      : 'disabled';
    ctx.setOutput('comment', outcome);
  };
  let markdown: string;
  try {
    markdown = await planAndSummarize(ctx, event);
  } catch (e) {
    if (isConfigurationError(e) && event.pullRequest) await post({ failure: e.located });
    throw e;
  }
  await post({ planMarkdown: markdown });
}

/** Plans, sets the outputs and the job summary; returns the summary's Markdown. */
async function planAndSummarize(ctx: ActionContext, event: TriggerEvent): Promise<string> {
  const definitionsPath = ctx.inputs.optional('definitions-path') ?? DEFAULT_DEFINITIONS_PATH;
  const root = workspaceRoot(ctx.env);
  const image = ctx.inputs.optional('image') ?? event.image;
  const force = ctx.inputs.boolean('force', false) || event.force === true;
  ctx.logger.info(
    `plan: ${event.kind} event${image ? `, image ${image}` : ''}${force ? ', force' : ''}; definitions in ${definitionsPath}`,
  );

  const repo = diskRepo(root);
  if (!existsSync(workspacePath(root, definitionsPath, inputWhere('plan', 'definitions-path')))) {
    throw new ConfigurationError(
      `Input 'definitions-path' of action 'plan': folder '${definitionsPath}' does not exist in ${root}. ` +
        `Image definitions live in ${DEFAULT_DEFINITIONS_PATH}/ by default (docs/image-definitions.md); check the path and that the job checked out the repository.`,
    );
  }
  const set = validateDefinitions(repo, { definitionsPath });
  report(ctx, set.findings);
  const graph = imageGraph(set.definitions);

  const changed = await changedFiles(root, event);
  if (changed.files !== 'unknown') ctx.logger.info(`${changed.files.length} changed file(s)`);
  else if (event.kind === 'push' || event.kind === 'pull_request') {
    ctx.logger.info(`Changed files unknown: ${changed.reason ?? ''}`);
  }

  const plan = planImages({
    event: event.kind,
    changedFiles: changed.files,
    unknownReason: changed.reason,
    image,
    force,
    definitions: set.definitions,
    graph,
    exists: (f) => repo.exists(f),
    locate: set.locate,
  });
  for (const e of plan.entries) ctx.logger.info(`${e.image}: ${e.reasons.join(' ')}`);
  ctx.logger.info(plan.summary);

  ctx.setOutput('matrix', JSON.stringify(planMatrix(plan)));
  ctx.setOutput('images', JSON.stringify(plan.entries.map((e) => e.image)));
  ctx.setOutput('count', String(plan.entries.length));
  ctx.setOutput('has-images', plan.entries.length > 0 ? 'true' : 'false');
  const markdown = renderPlanSummary(plan, graph);
  await ctx.summary(markdown);
  return markdown;
}
