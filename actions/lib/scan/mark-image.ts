/**
 * What the gate leaves on the image: tags with the verdict on the Image Builder image (so the console,
 * the lifecycle policy and a later run can see why it was not published) and, when asked, EC2
 * deprecation of its AMIs in every region, so nobody launches a blocked AMI by hand. Image Builder has
 * no deprecate operation of its own; EC2's EnableImageDeprecation sets the AMI's DeprecationTime
 * (the console flags it; accounts it is shared with no longer list it unless they ask with
 * IncludeDeprecated). It refuses a DeprecateAt in the past and rounds to the minute, so we deprecate
 * one minute from now.
 */
import { EC2Client, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2';
import { TagResourceCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { createClient } from '../core/aws.js';
import { AwsOperationError, awsErrorName } from '../core/errors.js';
import { awsCall, type CallContext } from '../imagebuilder/aws-call.js';

export const VERDICT_TAG = 'imagebuilder-gitops:scan-verdict';
export const BLOCKING_TAG = 'imagebuilder-gitops:scan-blocking';
const TAG_VALUE_MAX = 256;

/** Pure: the tags for a verdict; the blocking ids are cut at a whole id to fit the 256-character value. */
export function verdictTags(
  verdict: string,
  blockingIds: readonly string[],
): Record<string, string> {
  let ids = '';
  for (const id of blockingIds) {
    const next = ids ? `${ids} ${id}` : id;
    if (next.length > TAG_VALUE_MAX - 2) {
      ids = `${ids} …`;
      break;
    }
    ids = next;
  }
  return { [VERDICT_TAG]: verdict, ...(ids ? { [BLOCKING_TAG]: ids } : {}) };
}

export async function tagImage(
  client: ImagebuilderClient,
  imageBuildVersionArn: string,
  tags: Record<string, string>,
  ctx: CallContext,
): Promise<void> {
  await awsCall('TagResource', imageBuildVersionArn, ctx, () =>
    client.send(new TagResourceCommand({ resourceArn: imageBuildVersionArn, tags })),
  );
}

/** Deprecates each AMI (`{region: amiId}`) in its region; returns what it did, one line each. */
export async function deprecateAmis(
  amis: Record<string, string>,
  ctx: CallContext,
  client: (region: string) => EC2Client = (region) => createClient(EC2Client, { region }),
): Promise<string[]> {
  const at = new Date(ctx.clock.now() + 60_000);
  const done: string[] = [];
  for (const [region, ami] of Object.entries(amis)) {
    try {
      await client(region).send(
        new EnableImageDeprecationCommand({ ImageId: ami, DeprecateAt: at }),
      );
    } catch (e) {
      const name = awsErrorName(e);
      throw new AwsOperationError(
        'EnableImageDeprecation',
        `${ami} in ${region}`,
        e,
        name === 'UnauthorizedOperation' || name === 'AccessDenied'
          ? 'Grant ec2:EnableImageDeprecation to the build role, or set deprecate-blocked: false'
          : undefined,
      );
    }
    done.push(`${region}: ${ami} deprecated from ${at.toISOString()}`);
  }
  return done;
}
