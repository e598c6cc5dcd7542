/** The publish-ami action: inputs → publishAmi → outputs and the job summary. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../lib/core/action.js';
import { createClient } from '../lib/core/aws.js';
import { ConfigurationError } from '../lib/core/errors.js';
import type { Inputs } from '../lib/core/inputs.js';
import { deriveLabels } from '../lib/ssm/labels.js';
import {
  PublishError,
  publishAmi,
  type PublishRequest,
  type RegionClients,
  type RegionResult,
} from '../lib/ssm/publish.js';

export function parseAmis(inputs: Inputs, value: unknown): Record<string, string> {
  const bad = () =>
    new ConfigurationError(
      `Input 'amis' of action 'publish-ami' must be a JSON object of region to AMI ID, e.g. {"us-east-1":"ami-0abc…","eu-west-1":"ami-0def…"} (wait-image's 'amis' output).`,
    );
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const out: Record<string, string> = {};
  for (const [region, ami] of Object.entries(value)) {
    if (typeof ami !== 'string') throw bad();
    out[inputs.regionValue('amis', region)] = ami.trim();
  }
  return out;
}

/** Everything publishAmi needs from the action's inputs, without AWS. */
export function readPublishInputs(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
): PublishRequest & { dropped: string[] } {
  const primaryRegion = inputs.region('primary-region');
  const drRegions = inputs.regions('dr-regions');
  const { labels, dropped } = deriveLabels({
    buildVersion: inputs.optional('build-version'),
    commit: inputs.optional('commit') ?? env.GITHUB_SHA,
    extra: inputs.lines('labels'),
  });
  return {
    amis: parseAmis(inputs, inputs.json<unknown>('amis') ?? inputs.required('amis')),
    parameterName: inputs.required('parameter-name'),
    primaryRegion,
    drRegions,
    labels,
    dropped,
    tags: inputs.keyValues('tags'),
    validationTimeoutMs: inputs.durationMs('validation-timeout-seconds', 'seconds', {
      fallback: 120,
      min: 1,
      max: 3600,
    }),
  };
}

export function renderPublishSummary(
  name: string,
  rows: readonly RegionResult[],
  failed: readonly { region: string; ami: string; error: unknown }[] = [],
): string {
  const lines = [
    `### publish-ami: \`${name}\``,
    '',
    '| Region | AMI | Version | Written | Labels |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.region} | \`${r.ami}\` | ${r.version} | ${r.written ? 'yes' : 'no (unchanged)'} | ${r.labels.join(', ')} |`,
    ),
    ...failed.map((f) => `| ${f.region} | \`${f.ami}\` | — | **failed** | |`),
  ];
  return lines.join('\n') + '\n';
}

function versionsJson(rows: readonly RegionResult[]): string {
  return JSON.stringify(
    Object.fromEntries(rows.map((r) => [r.region, { ami: r.ami, version: r.version }])),
  );
}

export async function publishAmiAction(ctx: ActionContext): Promise<void> {
  const req = readPublishInputs(ctx.inputs, ctx.env);
  if (req.dropped.length)
    ctx.logger.warning(
      `A version carries at most 10 labels; not attaching ${req.dropped.join(', ')}.`,
    );
  const cache = new Map<string, RegionClients>();
  const clients = (region: string): RegionClients => {
    let c = cache.get(region);
    if (!c) {
      c = { ssm: createClient(SSMClient, { region }), ec2: createClient(EC2Client, { region }) };
      cache.set(region, c);
    }
    return c;
  };
  try {
    const result = await publishAmi(req, clients, ctx.clock, ctx.logger);
    ctx.setOutput('versions', versionsJson(result.regions));
    ctx.setOutput('primary-version', String(result.primary.version));
    await ctx.summary(renderPublishSummary(req.parameterName, result.regions));
  } catch (e) {
    if (e instanceof PublishError) {
      // What was published stays published: report it so a human (or the re-run) knows.
      ctx.setOutput('versions', versionsJson(e.published));
      await ctx.summary(renderPublishSummary(req.parameterName, e.published, e.failures));
    }
    throw e;
  }
}
