/**
 * The parent a build target starts from, decided before the recipe is reconciled. Pure.
 *
 *  - `image:<definition>`: another image of this repository. Its AMI is read from the parent's SSM
 *    parameter (`parent-ssm-parameter`), at `parent-version`: `run-<run id>` when the parent is
 *    rebuilt in this run (publish-ami labels what it publishes so), else `latest`. The recipe gets
 *    exactly that AMI id, so the recipe's content hash, and with it the recipe version, changes
 *    when the parent's AMI does.
 *  - `ssm:<name or ARN>`: kept as written. Image Builder resolves it at build time ("SSM parameter,
 *    prefixed by ssm:, followed by the parameter name or ARN": CreateImageRecipe, parentImage), so
 *    the weekly schedule picks up a new parent without a repository change; we read it only to show
 *    what it resolves to now.
 *  - an image ARN or an AMI id: passed through (pseudo parameters substituted).
 */
import { ConfigurationError, type SourceLocation } from '../core/errors.js';
import { imageParentName, targetName } from '../definitions/targets.js';
import type { Architecture } from '../definitions/types.js';
import { parseVersionSpec, type HistoryEntry, type VersionSpec } from '../ssm/resolve-version.js';

export const SSM_PARENT_PREFIX = 'ssm:';
/** An EC2 image id: `ami-` and 8 or 17 hexadecimal digits. */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function isAmiId(value: string | undefined): value is string {
  return AMI_ID.test(value ?? '');
}

/** The part of a build target this module reads (definitions' `BuildTarget`). */
export interface ParentTarget {
  target: string;
  architecture?: Architecture;
  parentImage: string;
}

export type ParentPlan =
  | {
      kind: 'image';
      /** The parent definition's name. */
      parent: string;
      /** The parent's build job (`build <target>`), named when it seems to have failed. */
      parentTarget: string;
      parameter: string;
      version: Exclude<VersionSpec, { kind: 'previous' }>;
    }
  | { kind: 'ssm'; parentImage: string; parameter: string }
  | { kind: 'direct'; parentImage: string };

export interface ParentInputs {
  parentSsmParameter?: string;
  parentVersion?: string;
}

/** Pure: what to do for the target's parent. Errors name the definition and the input to fix. */
export function planParent(
  target: ParentTarget,
  inputs: ParentInputs,
  where: SourceLocation,
): ParentPlan {
  const parent = imageParentName(target.parentImage);
  if (parent !== undefined) {
    const parameter = inputs.parentSsmParameter?.trim();
    if (!parameter)
      throw new ConfigurationError(
        `${target.target} is built on image:${parent}, but input 'parent-ssm-parameter' of build-image is empty: ` +
          `pass the parent's SSM parameter (the plan's matrix row carries it as parent-ssm-parameter).`,
        where,
      );
    const raw = inputs.parentVersion?.trim() || 'latest';
    const version = parseVersionSpec(raw);
    if (version.kind === 'previous')
      throw new ConfigurationError(
        `Input 'parent-version' of build-image must be latest, run-<run id>, another label or a version number, got 'previous'.`,
      );
    return {
      kind: 'image',
      parent,
      parentTarget: targetName(parent, target.architecture),
      parameter,
      version,
    };
  }
  if (target.parentImage.startsWith(SSM_PARENT_PREFIX))
    return {
      kind: 'ssm',
      parentImage: target.parentImage,
      parameter: target.parentImage.slice(SSM_PARENT_PREFIX.length),
    };
  return { kind: 'direct', parentImage: target.parentImage };
}

export interface ParentFound {
  ami: string;
  version: number;
  /** `label run-42`, `latest version`, `version 3`. */
  how: string;
}

export type ParentLookup = { found: ParentFound } | { waiting: string };

type ImagePlan = Extract<ParentPlan, { kind: 'image' }>;

function describe(plan: ImagePlan): string {
  return plan.version.kind === 'label'
    ? `label ${plan.version.label}`
    : plan.version.kind === 'number'
      ? `version ${plan.version.version}`
      : 'the latest version';
}

/**
 * Pure: the parent's AMI from its parameter's history (undefined: the parameter does not exist),
 * or why it is not there yet. A label that is not there yet is waited for (the parent's job will
 * publish it); `latest` on a missing parameter, a missing version number, or a value that is not an
 * AMI id are errors.
 */
export function lookupParent(
  plan: ImagePlan,
  history: readonly HistoryEntry[] | undefined,
  region: string,
): ParentLookup {
  const { parameter } = plan;
  if (history === undefined || history.length === 0) {
    if (plan.version.kind === 'label')
      return { waiting: `${parameter} does not exist yet in ${region}` };
    throw new ConfigurationError(
      `The parent image:${plan.parent} has no AMI yet: SSM parameter ${parameter} does not exist in ${region}. ` +
        `Build ${plan.parent} first (run the image pipeline for it), or check parent-ssm-parameter.`,
    );
  }
  const sorted = [...history].sort((a, b) => a.version - b.version);
  const newest = sorted[sorted.length - 1]!;
  let entry: HistoryEntry | undefined;
  if (plan.version.kind === 'latest') entry = newest;
  else if (plan.version.kind === 'number') {
    const want = plan.version.version;
    entry = sorted.find((h) => h.version === want);
    if (!entry)
      throw new ConfigurationError(
        `Version ${want} of ${parameter} (the parent image:${plan.parent}) does not exist in ${region}: the newest is ${newest.version}. Fix parent-version.`,
      );
  } else {
    const label = plan.version.label;
    entry = sorted.find((h) => h.labels.includes(label));
    if (!entry)
      return {
        waiting: `no version of ${parameter} carries the label ${label} yet (newest: version ${newest.version})`,
      };
  }
  if (!isAmiId(entry.value))
    throw new ConfigurationError(
      `Version ${entry.version} of ${parameter} (the parent image:${plan.parent}, ${describe(plan)}) holds '${entry.value ?? ''}', ` +
        `not an AMI id (ami-…): parent-ssm-parameter must name the parameter the parent's publish-ami writes.`,
    );
  return { found: { ami: entry.value, version: entry.version, how: describe(plan) } };
}

/** Pure: the message when the parent's AMI did not appear before the deadline. */
export function parentTimeoutMessage(
  plan: ImagePlan,
  region: string,
  minutes: number,
  lastWhy: string,
): string {
  return (
    `Gave up after ${minutes} min waiting for the AMI of the parent image:${plan.parent} (${describe(plan)} of ` +
    `${plan.parameter} in ${region}): ${lastWhy}. The parent's job 'build ${plan.parentTarget}' of this run ` +
    `probably failed or was cancelled (publish-ami labels what it publishes): look at that job, fix it and ` +
    `re-run the failed jobs; if its build simply takes longer, raise parent-timeout-minutes.`
  );
}
