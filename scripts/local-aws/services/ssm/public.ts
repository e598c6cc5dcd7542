/**
 * AWS publishing a new AMI of a managed image in a region: a new AWS-owned AMI in EC2 and a new
 * version of every public parameter that tracks it, as when Amazon Linux ships a release or
 * Windows images are refreshed after Patch Tuesday. Image Builder resolves an `ssm:` parent when a
 * build starts, so the next build starts from the new AMI without a change to the recipe.
 */
import type { OpContext } from '../../types.js';
import { releasePublicAmi, type Ec2Image } from '../ec2.js';
import { PUBLIC_PARAMETERS } from '../public-images.js';
import { appendVersion } from './params.js';
import { publicParams } from './model.js';

export function publishPublicImage(
  ctx: Pick<OpContext, 'state' | 'clock'>,
  region: string,
  image: string,
): { ami: Ec2Image; parameters: string[] } {
  const ami = releasePublicAmi(ctx, region, image);
  const params = publicParams(ctx.state, region);
  const parameters = Object.entries(PUBLIC_PARAMETERS)
    .filter(([, img]) => img === image)
    .map(([name]) => name);
  for (const name of parameters) {
    const p = params[name]!;
    appendVersion(p, {
      version: p.lastVersion + 1,
      value: ami.imageId,
      type: 'String',
      dataType: 'text',
      tier: 'Standard',
      labels: [],
      lastModified: ctx.clock.now(),
    });
  }
  return { ami, parameters };
}
