/**
 * A recipe's parent image, resolved as Image Builder does. `parentImage` is "AMI ID, Image Builder
 * image ARN, or SSM Parameter Store Parameter, prefixed by ssm:, followed by the parameter name or
 * ARN"; "if you enter an AMI ID or an SSM parameter that contains the AMI ID, you must have access
 * to the AMI, and the AMI must be in the source Region" (API reference, CreateImageRecipe).
 *
 * - An AMI id: an image of this region's EC2 (AWS's public AMIs, seeded ones, and the AMIs our
 *   own builds distributed here).
 * - An image ARN: Amazon-managed (`…:aws:image/amazon-linux-2023-x86/x.x.x`, backed by AWS's
 *   current AMI of that image, public-images.ts) or the account's own, with a version selector
 *   (`x.x.x`, `1.x.x`, `1.2.x`, `1.2.3`) or a build version; its AMI is that of the newest matching
 *   image that has one in this region.
 * - `ssm:<name or ARN>`: the parameter's current value, an AMI id, read when asked, so a build
 *   started after the parameter changed starts from the new AMI.
 *
 * The image's platform, architecture and OS come from the parent. The recipe checks the parent
 * when it is created (the parent decides the recipe's platform); the build resolves it again when
 * it starts (build.ts) and launches on the AMI it finds then. Image Builder reads `ssm:` parents
 * as the service, so the caller's own SSM permissions are not asked for here.
 */
import { ApiError, type OpContext } from '../../types.js';
import { currentPublicAmi, findImage, type Ec2Image } from '../ec2.js';
import { findParam } from '../ssm/model.js';
import { ibState, notFound, type ImageRec } from './model.js';
import { checkArn, managedImage } from './references.js';
import { compareVersions, matchesSelector } from './versions.js';

export interface Parent {
  platform: string;
  architecture: string;
  osVersion?: string;
  /** The AMI a build would start from in this region now; absent when there is none yet. */
  ami?: string;
}

function invalid(parentImage: string, why: string): ApiError {
  return new ApiError(
    'InvalidParameterValueException',
    `The value supplied for parameter 'parentImage' is not valid: ${parentImage}. ${why}`,
  );
}

function fromAmi(img: Ec2Image): Parent {
  return {
    platform: img.platform === 'windows' ? 'Windows' : 'Linux',
    architecture: img.architecture,
    osVersion: img.osVersion,
    ami: img.imageId,
  };
}

function amiParent(ctx: OpContext, parentImage: string, id: string, via = ''): Parent {
  const img = findImage(ctx.state, ctx.region, id);
  if (!img || img.state !== 'available')
    throw invalid(
      parentImage,
      `${via}The image '${id}' does not exist in ${ctx.region}${img ? ' or is not available' : ''}: the AMI must be in the recipe's region.`,
    );
  return fromAmi(img);
}

function ssmParent(ctx: OpContext, parentImage: string): Parent {
  const ref = parentImage.slice('ssm:'.length);
  const region = /^arn:aws[a-z-]*:ssm:([^:]*):/.exec(ref)?.[1];
  if (region !== undefined && region !== ctx.region)
    throw invalid(
      parentImage,
      `The parameter is in ${region}; this recipe is in ${ctx.region}. Use a parameter of ${ctx.region}.`,
    );
  const p = findParam(ctx.state, ctx.region, ref);
  const value = p?.versions.at(-1)?.value;
  if (!value)
    throw invalid(
      parentImage,
      `The SSM parameter ${ref} does not exist in ${ctx.region}. Create it (an AMI id) or name an existing parameter, e.g. ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64.`,
    );
  if (!/^ami-[0-9a-f]+$/.test(value))
    throw invalid(parentImage, `The SSM parameter ${ref} holds '${value}', not an AMI id.`);
  return amiParent(ctx, parentImage, value, `The SSM parameter ${ref} names ${value}. `);
}

/** The account's images matching the ARN's name, version selector and build, oldest first. */
function ownImages(ctx: OpContext, name: string, version?: string, build?: number): ImageRec[] {
  return Object.values(ibState(ctx.state, ctx.region).images)
    .filter(
      (i) =>
        i.arn.split('/')[1] === name &&
        (version === undefined || matchesSelector(version, i.version.split('/')[0]!)) &&
        (build === undefined || i.version.endsWith(`/${build}`)),
    )
    .sort(
      (a, b) =>
        compareVersions(a.version.split('/')[0]!, b.version.split('/')[0]!) ||
        a.startedAt - b.startedAt,
    );
}

function arnParent(ctx: OpContext, parentImage: string): Parent {
  const p = checkArn(parentImage, 'image', 'parentImage', ctx);
  if (p.managed) {
    const m = managedImage(p, parentImage);
    return {
      platform: m.platform,
      architecture: m.architecture,
      osVersion: m.osVersion,
      ami: currentPublicAmi(ctx.state, ctx.region, m.name)?.imageId,
    };
  }
  const own = ownImages(ctx, p.name, p.version, p.build);
  const newest = own.at(-1);
  if (!newest) throw notFound('image', parentImage);
  const ami = own
    .map((i) => i.amis.find((a) => a.region === ctx.region)?.image)
    .filter((a): a is string => !!a)
    .at(-1);
  return {
    platform: newest.platform,
    architecture: newest.architecture ?? 'x86_64',
    osVersion: newest.osVersion,
    ami,
  };
}

export function resolveParent(ctx: OpContext, parentImage: string): Parent {
  if (parentImage.startsWith('ami-')) return amiParent(ctx, parentImage, parentImage);
  if (/^ssm:./.test(parentImage)) return ssmParent(ctx, parentImage);
  if (parentImage.startsWith('arn:')) return arnParent(ctx, parentImage);
  throw invalid(
    parentImage,
    'Use an AMI id (ami-…), an image ARN (arn:aws:imagebuilder:<region>:<account or aws>:image/<name>/<version>) or ssm:<parameter name or ARN>.',
  );
}
