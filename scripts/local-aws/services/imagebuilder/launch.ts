/**
 * What a build finds when it starts: the parent resolved again (parents.ts; an `ssm:` parent
 * reads the parameter's value now, an image ARN with `x.x.x` the newest image now), and whether
 * its build instance can launch. A problem here fails the build in its first step,
 * LaunchBuildInstance, as on AWS, where the image is created and then goes FAILED:
 *
 * - the parent no longer resolves (parameter deleted, AMI gone, no image with an AMI here yet);
 * - the parent is now of another platform than the recipe (its components were checked against
 *   the platform the parent had when the recipe was created);
 * - an instance type of the infrastructure configuration is of another architecture than the
 *   parent AMI. "You can specify one or more instance types to use for this build. The service
 *   will pick one of these instance types based on availability" (API reference,
 *   CreateInfrastructureConfiguration `instanceTypes`), so any listed type may be the one
 *   launched: one that does not fit fails the build. The reason carries EC2 RunInstances' own
 *   message for the mismatch ("The architecture 'x86_64' of the specified instance type does not
 *   match the architecture 'arm64' of the specified AMI. …", InvalidParameterValue, as quoted in
 *   hashicorp/packer#11429 and aws/aws-parallelcluster#3795).
 * Without instance types, Image Builder picks one that suits the parent.
 */
import { ApiError, type OpContext } from '../../types.js';
import { launchMismatch } from '../ec2-architecture.js';
import type { ConfigRec, RecipeRec } from './model.js';
import { resolveParent, type Parent } from './parents.js';

export interface Launch {
  parent?: Parent;
  failure?: { step: string; reason: string };
}

const STEP = 'LaunchBuildInstance';

function fail(reason: string): Launch {
  return { failure: { step: STEP, reason } };
}

export function launchBuild(
  ctx: OpContext,
  recipe: RecipeRec,
  infra: ConfigRec | undefined,
): Launch {
  let parent: Parent;
  try {
    parent = resolveParent(ctx, recipe.parentImage);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return fail(`The parent image ${recipe.parentImage} could not be resolved: ${e.message}`);
  }
  if (!parent.ami)
    return fail(
      `The parent image ${recipe.parentImage} has no available AMI in ${ctx.region} yet: build it first (its image must reach AVAILABLE and distribute to ${ctx.region}).`,
    );
  if (parent.platform !== recipe.platform)
    return fail(
      `The parent image ${recipe.parentImage} now resolves to ${parent.ami}, a ${parent.platform} AMI; the recipe ${recipe.arn} is ${recipe.platform}. Point the parent at a ${recipe.platform} AMI, or create a recipe for ${parent.platform}.`,
    );
  const types = (infra?.['instanceTypes'] as string[] | undefined) ?? [];
  for (const type of types) {
    const mismatch = launchMismatch(type, parent.architecture);
    if (mismatch)
      return fail(
        `Could not launch the build instance (instance type ${type} of infrastructure configuration ${infra!.arn}, parent AMI ${parent.ami}): ${mismatch} ` +
          `List only ${parent.architecture} instance types for this image (Image Builder may pick any of them).`,
      );
  }
  return { parent };
}
