/**
 * The build-image action: load the image definition, reconcile its components, recipe and pipeline,
 * start the build (or attach to one in progress), and report what was created and what reused.
 */
import { readFile } from 'node:fs/promises';
import { workspacePath, workspaceRoot } from '../lib/core/workspace.js';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../lib/core/action.js';
import { createClient } from '../lib/core/aws.js';
import { ConfigurationError } from '../lib/core/errors.js';
import type { ImageDefinition } from '../lib/definitions/types.js';
import { locationFromArn } from '../lib/imagebuilder/arns.js';
import {
  buildImage,
  readDefinition,
  type BuildImageResult,
} from '../lib/imagebuilder/build-image.js';
import type { ReconcileContext } from '../lib/imagebuilder/reconcile-context.js';
import { selectTarget } from '../lib/imagebuilder/build-target.js';
import { planParent } from '../lib/imagebuilder/parent-image.js';
import { resolveParent } from '../lib/imagebuilder/resolve-parent.js';

/** Pure: the job summary. */
export function renderBuildSummary(def: ImageDefinition, r: BuildImageResult): string {
  const rows = r.components.map(
    (c) => `| component | ${c.name} | ${c.version ?? 'x.x.x'} | ${c.outcome} | \`${c.arn}\` |`,
  );
  rows.push(
    `| recipe | ${r.recipe.name} | ${r.recipe.version} | ${r.recipe.outcome} | \`${r.recipe.arn}\` |`,
  );
  if (r.infrastructure)
    rows.push(
      `| infrastructure | ${r.infrastructure.name} | | ${r.infrastructure.outcome} | \`${r.infrastructure.arn}\` |`,
    );
  rows.push(`| pipeline | ${r.target} | | ${r.pipelineOutcome} | \`${r.pipelineArn}\` |`);
  rows.push(
    `| build | ${r.target} | ${r.recipe.version} | ${r.start.attached ? 'attached' : 'started'} | \`${r.start.imageBuildVersionArn}\` |`,
  );
  return [
    `### build-image: ${r.target}`,
    '',
    `Parent: ${r.parent.detail}`,
    '',
    '| kind | name | version | outcome | ARN |',
    '|---|---|---|---|---|',
    ...rows,
    ...(r.start.reason ? ['', `Attached instead of starting: ${r.start.reason}.`] : []),
    '',
  ].join('\n');
}

async function commitMessage(ctx: ActionContext): Promise<string | undefined> {
  const given = ctx.inputs.optional('commit-message');
  if (given) return given;
  const path = ctx.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    const event = JSON.parse(await readFile(path, 'utf8')) as {
      head_commit?: { message?: string };
    };
    return event.head_commit?.message;
  } catch {
    return undefined;
  }
}

export async function buildImageAction(ctx: ActionContext): Promise<void> {
  const { inputs, env } = ctx;
  const region = inputs.region();
  const infrastructureConfigurationArn = inputs.required('infrastructure-configuration-arn');
  const distributionConfigurationArn = inputs.required('distribution-configuration-arn');
  // An empty variable counts as unset: an empty run id would give every run the same start token.
  const fallback = (name: string, envName: string) =>
    inputs.optional(name) ??
    (env[envName]?.trim() || undefined) ??
    (() => {
      throw new ConfigurationError(
        `Input '${name}' of action 'build-image' is empty and ${envName} is not set: set it under \`with:\`.`,
      );
    })();
  const repository = fallback('repository', 'GITHUB_REPOSITORY');
  const commit = fallback('commit', 'GITHUB_SHA');
  const runId = fallback('run-id', 'GITHUB_RUN_ID');
  const reuse = inputs.choice('reuse-finished-build', ['auto', 'true', 'false'] as const, 'auto');
  // Scheduled and manual runs rebuild on purpose; pushes reuse what their commit already built.
  const reuseFinished =
    reuse === 'auto'
      ? !['schedule', 'workflow_dispatch'].includes(env.GITHUB_EVENT_NAME ?? '')
      : reuse === 'true';
  const root = workspaceRoot(env);
  const def = await readDefinition(inputs.required('definition'), root);
  const target = selectTarget(def, inputs.optional('architecture'));
  const plan = planParent(
    target,
    {
      parentSsmParameter: inputs.optional('parent-ssm-parameter'),
      parentVersion: inputs.optional('parent-version'),
    },
    { file: def.file },
  );
  const location = locationFromArn(
    infrastructureConfigurationArn,
    region,
    'infrastructure-configuration-arn',
  );
  const parentTimeoutMinutes = inputs.integer('parent-timeout-minutes', { fallback: 200, min: 1 });
  const parent = await ctx.logger.group(`Parent of ${target.target}`, () =>
    resolveParent(
      plan,
      {
        ssm: createClient(SSMClient, { region }),
        location,
        timeoutMs: parentTimeoutMinutes * 60_000,
        clock: ctx.clock,
        logger: ctx.logger,
      },
      { file: def.file },
    ),
  );
  ctx.logger.info(`parent: ${parent.detail}`);
  const rctx: ReconcileContext = {
    client: createClient(ImagebuilderClient, { region }),
    location,
    commit,
    commitMessage: await commitMessage(ctx),
    repository,
    project: inputs.optional('project') ?? 'golden-ami',
    clock: ctx.clock,
    logger: ctx.logger,
  };
  const r = await ctx.logger.group(`Reconcile ${target.target}`, () =>
    buildImage(
      def,
      {
        target,
        parent,
        infrastructureConfigurationArn,
        distributionConfigurationArn,
        runId,
        reuseFinished,
        // Component paths in a definition are relative to the repository root, like the definition.
        readText: (f) => readFile(workspacePath(root, f, `Component file of ${def.file}`), 'utf8'),
      },
      rctx,
    ),
  );
  const all = [
    ...r.components.map((c) => ({
      kind: 'component',
      name: c.name,
      version: c.version,
      outcome: c.outcome,
    })),
    { kind: 'recipe', name: r.recipe.name, version: r.recipe.version, outcome: r.recipe.outcome },
    ...(r.infrastructure
      ? [{ kind: 'infrastructure', name: r.infrastructure.name, outcome: r.infrastructure.outcome }]
      : []),
    { kind: 'pipeline', name: r.target, outcome: r.pipelineOutcome },
  ];
  ctx.setOutput('image-build-version-arn', r.start.imageBuildVersionArn);
  ctx.setOutput('recipe-arn', r.recipe.arn);
  ctx.setOutput('recipe-version', r.recipe.version);
  ctx.setOutput('parent-image', r.parent.parentImage);
  ctx.setOutput('infrastructure-configuration-arn', r.infrastructureConfigurationArn);
  ctx.setOutput(
    'components',
    JSON.stringify(
      r.components.map((c) => ({
        name: c.name,
        version: c.version ?? null,
        arn: c.arn,
        outcome: c.outcome,
      })),
    ),
  );
  ctx.setOutput('attached', String(r.start.attached));
  ctx.setOutput(
    'created',
    JSON.stringify({
      created: all.filter((x) => x.outcome === 'created' || x.outcome === 'updated'),
      reused: all.filter((x) => x.outcome === 'reused' || x.outcome === 'unchanged'),
    }),
  );
  await ctx.summary(renderBuildSummary(def, r));
}
