/**
 * I/O around parent-image.ts: waits for an `image:` parent's AMI published by this run (polling its
 * SSM parameter's history, with progress lines and a deadline), and reads what an `ssm:` parent
 * resolves to now, for the summary.
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { AwsOperationError, ConfigurationError, errorMessage } from '../core/errors.js';
import { awsCall, causeName } from '../core/aws-call.js';
import { readHistoryIfExists } from '../ssm/resolve-version.js';
import type { CallContext } from './aws-call.js';
import { substitutePseudo, type AwsLocation } from './arns.js';
import { pollUntil } from '../core/poll.js';
import {
  isAmiId,
  lookupParent,
  parentTimeoutMessage,
  type ParentFound,
  type ParentLookup,
  type ParentPlan,
} from './parent-image.js';
import { DEFAULT_SCHEDULE, nextPollDelay, type ScheduleOptions } from './wait-schedule.js';
import { formatDuration } from './wait-image.js';

/**
 * No duration estimate for another job's build: every 10 s in the first two minutes (a parent
 * published just before us is found at once), then every 30 s, jittered.
 */
export const PARENT_SCHEDULE: ScheduleOptions = {
  ...DEFAULT_SCHEDULE,
  fallbackIntervalMs: 30_000,
};
/** A progress line at least this often while waiting. */
const PROGRESS_EVERY_MS = 5 * 60_000;

export interface ParentContext extends CallContext {
  ssm: SSMClient;
  location: AwsLocation;
  /** Deadline for an `image:` parent's AMI (input `parent-timeout-minutes`). */
  timeoutMs: number;
  schedule?: ScheduleOptions;
  random?: () => number;
}

export interface ResolvedParent {
  /** What the recipe gets as parentImage. */
  parentImage: string;
  /** The AMI it is (image:) or resolves to now (ssm:), when known. */
  ami?: string;
  /** One line for the summary and the log. */
  detail: string;
  polls?: number;
  waitedMs?: number;
}

/** Polls the parent's parameter (core's pollUntil) until lookupParent finds the AMI, or the deadline. */
export async function waitForParentAmi(
  plan: Extract<ParentPlan, { kind: 'image' }>,
  ctx: ParentContext,
): Promise<ParentFound & { polls: number; waitedMs: number }> {
  const { clock, logger } = ctx;
  const region = ctx.location.region;
  const schedule = ctx.schedule ?? PARENT_SCHEDULE;
  const random = ctx.random ?? Math.random;
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  const seconds = (ms: number) => formatDuration(Math.round(ms / 1000) * 1000);
  let lastWhy = '';
  let lastLog = -Infinity;
  const { value, polls, ended } = await pollUntil<ParentLookup>({
    clock,
    deadline: start + ctx.timeoutMs,
    intervalMs: () => nextPollDelay(elapsed(), schedule, random),
    // lookupParent throws for what waiting cannot fix (latest on a missing parameter, not an AMI).
    read: async () =>
      lookupParent(plan, await readHistoryIfExists(ctx.ssm, plan.parameter, region), region),
    isTerminal: (r) => 'found' in r,
    onPoll: (r) => {
      if (!('waiting' in r)) return;
      const waitedMs = elapsed();
      if (r.waiting === lastWhy && waitedMs - lastLog < PROGRESS_EVERY_MS) return;
      const left = formatDuration(Math.round((ctx.timeoutMs - waitedMs) / 60_000) * 60_000);
      logger.info(
        `parent ${plan.parent}: waiting for its AMI of this run (job 'build ${plan.parentTarget}'): ${r.waiting}; ` +
          `waited ${seconds(waitedMs)}, giving up in ${left}`,
      );
      lastWhy = r.waiting;
      lastLog = waitedMs;
    },
  });
  if (!('found' in value) || ended !== 'terminal')
    throw new ConfigurationError(
      parentTimeoutMessage(
        plan,
        region,
        Math.round(ctx.timeoutMs / 60_000),
        'waiting' in value ? value.waiting : 'not found',
      ),
    );
  const waitedMs = elapsed();
  if (polls > 1)
    logger.info(`parent ${plan.parent}: ${value.found.ami} appeared after ${seconds(waitedMs)}`);
  return { ...value.found, polls, waitedMs };
}

/**
 * What an `ssm:` parent holds now. A parameter that does not exist fails the build here, before
 * Image Builder would; one we may not read (a private parameter outside the build role's path) is
 * a warning only, since Image Builder resolves it itself.
 */
export async function currentSsmValue(
  plan: Extract<ParentPlan, { kind: 'ssm' }>,
  ctx: ParentContext,
  where: { file?: string },
): Promise<{ ami?: string; detail: string }> {
  const region = ctx.location.region;
  try {
    // Through the one AWS call layer, like every other read: the client's retry strategy rides
    // out throttling, and what is left comes back wrapped with the operation and the parameter.
    const res = await awsCall('GetParameter', `${plan.parameter} in ${region}`, ctx, () =>
      ctx.ssm.send(new GetParameterCommand({ Name: plan.parameter })),
    );
    const value = res.Parameter?.Value;
    if (!isAmiId(value))
      throw new ConfigurationError(
        `The parent ${plan.parentImage} holds '${value ?? ''}' in ${region}, not an AMI id (ami-…): name a parameter that holds an AMI id.`,
        where,
      );
    return {
      ami: value,
      detail: `${plan.parentImage} resolves now to ${value} (version ${res.Parameter?.Version ?? '?'}); Image Builder resolves it again when it builds`,
    };
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    const name = causeName(e);
    // The SDK's error, not our wrapping of it, as before.
    const cause = e instanceof AwsOperationError ? e.cause : e;
    if (name === 'ParameterNotFound')
      throw new ConfigurationError(
        `The parent ${plan.parentImage} does not exist in ${region}: fix parentImage (SSM parameter names are case sensitive; AWS's public ones start with /aws/service/).`,
        where,
        { cause },
      );
    ctx.logger.warning(
      `Could not read the parent ${plan.parentImage} in ${region} (${name ?? errorMessage(cause)}); Image Builder resolves it at build time.`,
    );
    return { detail: `${plan.parentImage} (not readable by this role: ${name ?? 'error'})` };
  }
}

/** The recipe's parentImage for the plan, waiting for an `image:` parent when needed. */
export async function resolveParent(
  plan: ParentPlan,
  ctx: ParentContext,
  where: { file?: string },
): Promise<ResolvedParent> {
  switch (plan.kind) {
    case 'image': {
      const f = await waitForParentAmi(plan, ctx);
      return {
        parentImage: f.ami,
        ami: f.ami,
        detail: `image:${plan.parent} → ${f.ami} (${f.how}: version ${f.version} of ${plan.parameter})`,
        polls: f.polls,
        waitedMs: f.waitedMs,
      };
    }
    case 'ssm': {
      // An ARN form may use ${AWS::Region} and friends, like every ARN of a definition.
      const parentImage = substitutePseudo(plan.parentImage, ctx.location);
      const parameter = substitutePseudo(plan.parameter, ctx.location);
      const now = await currentSsmValue({ ...plan, parentImage, parameter }, ctx, where);
      return { parentImage, ami: now.ami, detail: now.detail };
    }
    case 'direct': {
      const parentImage = substitutePseudo(plan.parentImage, ctx.location);
      return {
        parentImage,
        ami: isAmiId(parentImage) ? parentImage : undefined,
        detail: parentImage,
      };
    }
  }
}
