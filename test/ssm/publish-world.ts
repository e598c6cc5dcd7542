/** publishAmi's test world: the emulator in-process with one AMI in each of two regions. */
import {
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import {
  publishAmi,
  type PublishRequest,
  type RegionClients,
} from '../../actions/lib/ssm/publish.js';
import { inProcessAws, testClock, type InProcessOptions } from '../support/in-process-aws.js';

export const AMI_E = 'ami-0123456789abcdef0';
export const AMI_W = 'ami-0fedcba9876543210';
export const OTHER = 'ami-0aaaaaaaaaaaaaaaa';
export const NAME = '/golden-ami/web';
export const EAST = 'us-east-1';
export const WEST = 'us-west-2';

export { afterCall } from '../support/after-call.js';

export function setup(options: InProcessOptions = {}) {
  const clock = testClock();
  const t0 = clock.now();
  /** Virtual milliseconds since the start. */
  const elapsed = () => clock.now() - t0;
  const aws = inProcessAws({ clock, ...options });
  aws.emulator.admin.seedImage(EAST, { name: 'web-east', imageId: AMI_E });
  aws.emulator.admin.seedImage(WEST, { name: 'web-west', imageId: AMI_W });
  const clients: Record<string, RegionClients> = {
    [EAST]: { ssm: aws.ssm(EAST), ec2: aws.ec2(EAST) },
    [WEST]: { ssm: aws.ssm(WEST), ec2: aws.ec2(WEST) },
  };
  const req: PublishRequest = {
    amis: { [EAST]: AMI_E, [WEST]: AMI_W },
    parameterName: NAME,
    primaryRegion: EAST,
    drRegions: [WEST],
    labels: ['build-1.2.3-1', 'commit-abc1234'],
    tags: { image: 'web' },
    validationTimeoutMs: 10_000,
    pollIntervalMs: 1_000,
    backoff: { random: () => 0.5 },
  };
  const logger = new MemoryLogger();
  const run = (r: Partial<PublishRequest> = {}) =>
    publishAmi({ ...req, ...r }, (region) => clients[region] as RegionClients, clock, logger);
  /** Another writer's value, validated (the clock moves past SSM's validation delay). */
  const preset = async (region: string, ami: string, labels: string[] = []) => {
    aws.emulator.admin.seedImage(region, { name: `other-${ami}`, imageId: ami });
    const put = await aws.ssm(region).send(
      new PutParameterCommand({
        Name: NAME,
        Value: ami,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Overwrite: true,
      }),
    );
    clock.advance(options.ssmValidationDelayMs ?? 2_000);
    if (labels.length)
      await aws.ssm(region).send(
        new LabelParameterVersionCommand({
          Name: NAME,
          ParameterVersion: put.Version,
          Labels: labels,
        }),
      );
  };
  const history = async (region: string) =>
    (await aws.ssm(region).send(new GetParameterHistoryCommand({ Name: NAME }))).Parameters!.map(
      (p) => ({ version: p.Version, value: p.Value, labels: p.Labels }),
    );
  const calls = (op: string) => aws.emulator.admin.calls()[`ssm.${op}`] ?? 0;
  return { aws, clients, req, run, clock, elapsed, logger, preset, history, calls };
}
