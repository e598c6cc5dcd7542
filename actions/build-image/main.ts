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
import type { BuildTarget, ImageDefinition } from '../lib/definitions/types.js';
import { locationFromArn, type AwsLocation } from '../lib/imagebuilder/arns.js';
import {
  buildImage,
  readDefinition,
  type BuildImageResult,
} from '../lib/imagebuilder/build-image.js';
import type { ReconcileContext } from '../lib/imagebuilder/reconcile-context.js';
import { selectTarget } from '../lib/imagebuilder/build-target.js';
import { planParent, type ParentPlan } from '../lib/imagebuilder/parent-image.js';
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

/** The action's inputs as a typed request: what to build, where, and for which commit and run. */
export interface BuildImageRequest {
  region: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn: string;
  repository: string;
  commit: string;
  runId: string;
  reuseFinished: boolean;
  project: string;
  /** The workspace root: the definition's and components' paths are relative to it. */
  root: string;
  def: ImageDefinition;
  target: BuildTarget;
  plan: ParentPlan;
  location: AwsLocation;
  parentTimeoutMs: number;
}

/** Reads and checks every input (and the definition it names), before any AWS call. */
export async function readBuildRequest(ctx: ActionContext): Promise<BuildImageRequest> {
  const { inputs, env } = ctx;
  const region = inputs.region();
  const infrastructureConfigurationArn = inputs.required('infrastructure-configuration-arn');
  // An empty variable counts as unset: an empty run id would give every run the same start token.
  const fallback = (name: string, envName: string) =>
    inputs.optional(name) ??
    (env[envName]?.trim() || undefined) ??
    (() => {
      throw new ConfigurationError(
        `Input '${name}' of action 'build-image' is empty and ${envName} is not set: set it under \`with:\`.`,
      );
    })();
  // In the order the inputs were always read, so the first error reported stays the same.
  const distributionConfigurationArn = inputs.required('distribution-configuration-arn');
  const repository = fallback('repository', 'GITHUB_REPOSITORY');
  const commit = fallback('commit', 'GITHUB_SHA');
  const runId = fallback('run-id', 'GITHUB_RUN_ID');
  const reuse = inputs.choice('reuse-finished-build', ['auto', 'true', 'false'] as const, 'auto');
  const root = workspaceRoot(env);
  const def = await readDefinition(inputs.required('definition'), root);
  const target = selectTarget(def, inputs.optional('architecture'));
  return {
    region,
    infrastructureConfigurationArn,
    distributionConfigurationArn,
    repository,
    commit,
    runId,
    // Scheduled and manual runs rebuild on purpose; pushes reuse what their commit already built.
    reuseFinished:
      reuse === 'auto'
        ? !['schedule', 'workflow_dispatch'].includes(env.GITHUB_EVENT_NAME ?? '')
        : reuse === 'true',
    project: inputs.optional('project') ?? 'golden-ami',
    root,
    def,
    target,
    plan: planParent(
      target,
      {
        parentSsmParameter: inputs.optional('parent-ssm-parameter'),
        parentVersion: inputs.optional('parent-version'),
      },
      { file: def.file },
    ),
    location: locationFromArn(
      infrastructureConfigurationArn,
      region,
      'infrastructure-configuration-arn',
    ),
    parentTimeoutMs: inputs.durationMs('parent-timeout-minutes', 'minutes', {
      fallback: 200,
      min: 1,
      max: 1440,
    }),
  };
}

/** The action's outputs, from what was built. */
export function buildOutputs(r: BuildImageResult): Record<string, string> {
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
  return {
    'image-build-version-arn': r.start.imageBuildVersionArn,
    'recipe-arn': r.recipe.arn,
    'recipe-version': r.recipe.version,
    'parent-image': r.parent.parentImage,
    'infrastructure-configuration-arn': r.infrastructureConfigurationArn,
    components: JSON.stringify(
      r.components.map((c) => ({
        name: c.name,
        version: c.version ?? null,
        arn: c.arn,
        outcome: c.outcome,
      })),
    ),
    attached: String(r.start.attached),
    created: JSON.stringify({
      created: all.filter((x) => x.outcome === 'created' || x.outcome === 'updated'),
      reused: all.filter((x) => x.outcome === 'reused' || x.outcome === 'unchanged'),
    }),
  };
}

export async function buildImageAction(ctx: ActionContext): Promise<void> {
  const req = await readBuildRequest(ctx);
  const { def, target, region, root } = req;
  const parent = await ctx.logger.group(`Parent of ${target.target}`, () =>
    resolveParent(
      req.plan,
      {
        ssm: createClient(SSMClient, { region }),
        location: req.location,
        timeoutMs: req.parentTimeoutMs,
        clock: ctx.clock,
        logger: ctx.logger,
      },
      { file: def.file },
    ),
  );
  ctx.logger.info(`parent: ${parent.detail}`);
  const rctx: ReconcileContext = {
    client: createClient(ImagebuilderClient, { region }),
    location: req.location,
    commit: req.commit,
    commitMessage: await commitMessage(ctx),
    repository: req.repository,
    project: req.project,
    clock: ctx.clock,
    logger: ctx.logger,
  };
  const r = await ctx.logger.group(`Reconcile ${target.target}`, () =>
    buildImage(
      def,
      {
        target,
        parent,
        infrastructureConfigurationArn: req.infrastructureConfigurationArn,
        distributionConfigurationArn: req.distributionConfigurationArn,
        runId: req.runId,
        reuseFinished: req.reuseFinished,
        // Component paths in a definition are relative to the repository root, like the definition.
        readText: (f) => readFile(workspacePath(root, f, `Component file of ${def.file}`), 'utf8'),
      },
      rctx,
    ),
  );
  for (const [name, value] of Object.entries(buildOutputs(r))) ctx.setOutput(name, value);
  await ctx.summary(renderBuildSummary(def, r));
}
