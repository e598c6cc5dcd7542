/** The deploy-stack action: inputs → deployStack → outputs and the job summary. */
import { readFileSync } from 'node:fs';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../lib/core/action.js';
import { createClient } from '../lib/core/aws.js';
import { ConfigurationError } from '../lib/core/errors.js';
import { inputWhere, workspacePath, workspaceRoot } from '../lib/core/workspace.js';
import { changeSetName, renderChanges } from '../lib/cloudformation/deploy/change-set.js';
import {
  deployStack,
  type DeployRequest,
  type DeployResult,
} from '../lib/cloudformation/deploy/deploy.js';
import {
  checkTemplateSize,
  parseCapabilities,
  parseParameterOverrides,
} from '../lib/cloudformation/deploy/inputs.js';

export const RESERVED_OUTPUTS = [
  'outputs',
  'changed',
  'ami-parameter-version',
  'stack-status',
  'stack-id',
];

/** A stack output key as an action output name: letters, digits, `_` and `-`. */
export function outputName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read the ${what} '${path}': ${(e as Error).message}. Paths are relative to the workspace.`,
    );
  }
}

/**
 * The deploy request from the inputs. Files (the template, a parameter file) are read relative to
 * the workspace, and a path outside it is refused naming the input; `readFile` gets that path.
 */
export function readDeployInputs(
  ctx: Pick<ActionContext, 'inputs' | 'env' | 'clock'>,
  readFile = readText,
): DeployRequest {
  const { inputs, env } = ctx;
  const root = workspaceRoot(env);
  const inWorkspace = (input: string) => (path: string, what: string) =>
    readFile(workspacePath(root, path, inputWhere('deploy-stack', input)), what);
  const region = inputs.region('region', env.AWS_REGION ?? env.AWS_DEFAULT_REGION);
  const templateFile = inputs.required('template');
  const amiName = inputs.optional('ami-parameter-name');
  const amiVersion = inputs.optional('ami-parameter-version');
  if (amiVersion && !amiName) {
    throw new ConfigurationError(
      "Input 'ami-parameter-version' of action 'deploy-stack' needs 'ami-parameter-name' too.",
    );
  }
  return {
    stackName: inputs.required('stack-name'),
    region,
    templateBody: checkTemplateSize(
      inWorkspace('template')(templateFile, 'template'),
      templateFile,
    ),
    parameters: parseParameterOverrides(inputs.optional('parameter-overrides'), (p) =>
      inWorkspace('parameter-overrides')(p, 'parameter file'),
    ),
    ami: amiName ? { parameterName: amiName, version: amiVersion ?? 'latest' } : undefined,
    capabilities: parseCapabilities(inputs.optional('capabilities')),
    tags: inputs.keyValues('tags'),
    roleArn: inputs.optional('role-arn'),
    terminationProtection:
      inputs.optional('termination-protection') === undefined
        ? undefined
        : inputs.boolean('termination-protection', false),
    timeoutMs: inputs.durationMs('timeout-minutes', 'minutes', { fallback: 30, min: 1, max: 720 }),
    changeSetName: changeSetName(env, ctx.clock.now()),
  };
}

export function renderDeploySummary(req: DeployRequest, r: DeployResult): string {
  const lines = [
    `### deploy-stack: \`${req.stackName}\` (${req.region})`,
    '',
    `- Status: **${r.stackStatus}**${r.changed ? '' : ' — no changes'}${r.recreated ? ' — re-created after a failed creation' : ''}`,
  ];
  if (req.ami)
    lines.push(
      `- AMI: \`${req.ami.parameterName}\` version **${r.amiParameterVersion}** (asked: \`${req.ami.version}\`)`,
    );
  lines.push(
    '',
    r.changed ? renderChanges(r.changes) : '_The change set held no changes and was deleted._\n',
  );
  const outs = Object.entries(r.outputs);
  if (outs.length)
    lines.push(
      '| Output | Value |',
      '|---|---|',
      ...outs.map(([k, v]) => `| ${k} | \`${v}\` |`),
      '',
    );
  return lines.join('\n');
}

export async function deployStackAction(ctx: ActionContext): Promise<void> {
  const req = readDeployInputs(ctx);
  const clients = {
    cfn: createClient(CloudFormationClient, { region: req.region }),
    ssm: createClient(SSMClient, { region: req.region }),
  };
  const result = await deployStack(req, clients, ctx.clock, ctx.logger);
  for (const [k, v] of Object.entries(result.outputs)) {
    const name = outputName(k);
    if (RESERVED_OUTPUTS.includes(name))
      ctx.logger.warning(
        `Stack output ${k} clashes with an action output; read it from 'outputs'.`,
      );
    else ctx.setOutput(name, v);
  }
  ctx.setOutput('outputs', JSON.stringify(result.outputs));
  ctx.setOutput('changed', String(result.changed));
  ctx.setOutput('stack-status', result.stackStatus);
  ctx.setOutput('stack-id', result.stackId);
  if (result.amiParameterVersion !== undefined)
    ctx.setOutput('ami-parameter-version', String(result.amiParameterVersion));
  await ctx.summary(renderDeploySummary(req, result));
}
