import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AwsOperationError, ConfigurationError, awsErrorName } from '../core/errors.js';

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

/** What is wrong with one region's AMI, or undefined when it exists and is `available`. */
export async function amiProblem(
  ec2: EC2Client,
  region: string,
  ami: string,
): Promise<string | undefined> {
  if (!AMI_ID.test(ami)) return `'${ami}' is not an AMI ID (expected ami- and 8 or 17 hex digits)`;
  try {
    // DescribeImages with ImageIds raises InvalidAMIID.NotFound for an unknown or deregistered ID
    // (and InvalidAMIID.Unavailable for one being deleted) instead of returning an empty list.
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }));
    const image = out.Images?.find((i) => i.ImageId === ami);
    if (!image) return `${ami} was not found in ${region}`;
    if (image.State !== 'available') {
      const reason = image.StateReason?.Message ? ` (${image.StateReason.Message})` : '';
      return `${ami} in ${region} is '${image.State ?? 'unknown'}', not 'available'${reason}`;
    }
    return undefined;
  } catch (e) {
    const name = awsErrorName(e) ?? '';
    if (name.startsWith('InvalidAMIID.')) return `${ami} was not found in ${region} (${name})`;
    throw new AwsOperationError('DescribeImages', `${ami} in ${region}`, e);
  }
}

/**
 * Verifies every region's AMI, concurrently, before anything is written. Collects every problem so
 * one run shows them all; throws a ConfigurationError naming region and AMI when any is not usable.
 */
export async function verifyAmis(
  amis: Readonly<Record<string, string>>,
  ec2ByRegion: (region: string) => EC2Client,
): Promise<void> {
  const regions = Object.keys(amis);
  const results = await Promise.allSettled(
    regions.map((r) => amiProblem(ec2ByRegion(r), r, amis[r] as string)),
  );
  const problems: string[] = [];
  results.forEach((res, i) => {
    const region = regions[i] as string;
    if (res.status === 'rejected') throw res.reason;
    if (res.value) problems.push(`${region}: ${res.value}`);
  });
  if (problems.length > 0) {
    throw new ConfigurationError(
      `AMI verification failed, so nothing was written to SSM in any region:\n  ${problems.join('\n  ')}\n` +
        'Check that the distribution configuration copies the image to every listed region, that ' +
        "wait-image finished (its 'amis' output is this action's input), and that the workflow " +
        'assumes a role in the account that owns the images.',
    );
  }
}
