/**
 * publish-ami checks every region's AMI before it writes anything: against the emulator's EC2
 * (images registered per region), and a stub for the states the emulator does not produce.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { AwsOperationError, ConfigurationError } from '../../actions/lib/core/errors.js';
import { amiProblem, verifyAmis } from '../../actions/lib/ssm/verify-ami.js';
import { startEnv, type Env } from '../local-aws/helpers.js';

let env: Env;
let east: string;
let west: string;
beforeAll(async () => {
  env = await startEnv();
  east = env.aws.admin.seedImage('us-east-1', { name: 'web' }).imageId;
  west = env.aws.admin.seedImage('us-west-2', { name: 'web copy' }).imageId;
});
afterAll(() => env.aws.close());

/** An EC2 client whose DescribeImages answers `out`, or fails with an error named `error`. */
function stub(out: unknown, error?: string): EC2Client {
  return {
    send: async () => {
      if (error) throw Object.assign(new Error(`${error} happened`), { name: error });
      return out;
    },
  } as unknown as EC2Client;
}

describe('amiProblem', () => {
  it('accepts an available AMI of that region', async () => {
    expect(await amiProblem(env.ec2('us-east-1'), 'us-east-1', east)).toBeUndefined();
  });

  it("reports another region's AMI as not found in this one, with EC2's error name", async () => {
    expect(await amiProblem(env.ec2('us-east-1'), 'us-east-1', west)).toBe(
      `${west} was not found in us-east-1 (InvalidAMIID.NotFound)`,
    );
  });

  it('rejects what is not an AMI ID without asking EC2', async () => {
    const never = stub(undefined, 'ShouldNotBeCalled');
    for (const bad of [
      'ami-1234567',
      'ami-0123456789abcdef01',
      'AMI-12345678',
      'ami-1234567g',
      ' ami-12345678',
    ])
      expect(await amiProblem(never, 'us-east-1', bad)).toBe(
        `'${bad}' is not an AMI ID (expected ami- and 8 or 17 hex digits)`,
      );
    // 8 and 17 hex digits are both AMI IDs.
    const none = stub({ Images: [] });
    expect(await amiProblem(none, 'r', 'ami-12345678')).toBe('ami-12345678 was not found in r');
    expect(await amiProblem(none, 'r', 'ami-0123456789abcdef0')).toBe(
      'ami-0123456789abcdef0 was not found in r',
    );
  });

  it('names the state and its reason when the AMI is not available yet', async () => {
    const ami = 'ami-12345678';
    expect(
      await amiProblem(
        stub({ Images: [{ ImageId: ami, State: 'pending', StateReason: { Message: 'copying' } }] }),
        'eu-west-1',
        ami,
      ),
    ).toBe(`${ami} in eu-west-1 is 'pending', not 'available' (copying)`);
    expect(await amiProblem(stub({ Images: [{ ImageId: ami }] }), 'eu-west-1', ami)).toBe(
      `${ami} in eu-west-1 is 'unknown', not 'available'`,
    );
    // An answer about another image is no answer about ours.
    expect(
      await amiProblem(
        stub({ Images: [{ ImageId: 'ami-87654321', State: 'available' }] }),
        'r',
        ami,
      ),
    ).toBe(`${ami} was not found in r`);
  });

  it('lets other EC2 errors through, wrapped with the call and the AMI', async () => {
    const err = await amiProblem(
      stub(undefined, 'UnauthorizedOperation'),
      'r',
      'ami-12345678',
    ).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(AwsOperationError);
    expect((err as Error).message).toContain('DescribeImages failed for ami-12345678 in r');
  });
});

describe('verifyAmis', () => {
  it('passes when every region has its own available AMI', async () => {
    await expect(
      verifyAmis({ 'us-east-1': east, 'us-west-2': west }, (r) => env.ec2(r)),
    ).resolves.toBeUndefined();
  });

  it('lists every region with a problem in one error, and says nothing was written', async () => {
    const err = await verifyAmis(
      { 'us-east-1': east, 'us-west-2': east, 'eu-west-1': 'ami-x' },
      (r) => env.ec2(r),
    ).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(ConfigurationError);
    const message = (err as Error).message;
    expect(message).toMatch(
      /^AMI verification failed, so nothing was written to SSM in any region:\n {2}/,
    );
    expect(message).toContain(
      `\n  us-west-2: ${east} was not found in us-west-2 (InvalidAMIID.NotFound)`,
    );
    expect(message).toContain("\n  eu-west-1: 'ami-x' is not an AMI ID");
    expect(message).not.toContain('us-east-1:');
    expect(message).toMatch(
      /\nCheck that the distribution configuration copies the image to every listed region, that wait-image finished \(its 'amis' output is this action's input\), and that the workflow assumes a role in the account that owns the images\.$/,
    );
  });

  it('fails with the AWS error when a region cannot be asked', async () => {
    await expect(
      verifyAmis({ 'us-east-1': east, 'eu-west-1': 'ami-12345678' }, (r) =>
        r === 'eu-west-1' ? stub(undefined, 'UnauthorizedOperation') : env.ec2(r),
      ),
    ).rejects.toBeInstanceOf(AwsOperationError);
  });
});
