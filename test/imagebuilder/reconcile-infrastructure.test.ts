/**
 * The per-target infrastructure configuration, against the emulator: derived from the shared one
 * with the instance types replaced, created once, left alone when it matches, updated in place
 * when the shared one or the instance types change.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateInfrastructureConfigurationCommand,
  GetInfrastructureConfigurationCommand,
  UpdateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { PROJECT_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { reconcileInfrastructure } from '../../actions/lib/imagebuilder/reconcile-infrastructure.js';
import type { ReconcileContext } from '../../actions/lib/imagebuilder/reconcile-context.js';
import { startEnv, type Env } from '../local-aws/helpers.js';

const REGION = 'us-east-1';
let env: Env;
let base: string;
beforeEach(async () => {
  env = await startEnv();
  const res = await env.ib(REGION).send(
    new CreateInfrastructureConfigurationCommand({
      name: 'golden-ami-infrastructure',
      instanceProfileName: 'golden-ami-profile',
      instanceTypes: ['t3.medium'],
      subnetId: 'subnet-0abc',
      securityGroupIds: ['sg-0abc'],
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      logging: { s3Logs: { s3BucketName: 'logs', s3KeyPrefix: 'image-builder' } },
      tags: { [PROJECT_TAG]: 'golden-ami', team: 'platform' },
    }),
  );
  base = res.infrastructureConfigurationArn!;
});
afterEach(() => env.aws.close());

function ctx(): ReconcileContext {
  return {
    client: env.ib(REGION),
    location: { partition: 'aws', region: REGION, accountId: '123456789012' },
    commit: 'abcdef1234567890',
    repository: 'acme/golden',
    project: 'golden-ami',
    clock: env.clock,
    logger: new MemoryLogger(),
  };
}

const get = async (arn: string) =>
  (
    await env
      .ib(REGION)
      .send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))
  ).infrastructureConfiguration!;

describe('reconcileInfrastructure', () => {
  it('creates a project-tagged copy of the shared configuration with the target’s instance types', async () => {
    const r = await reconcileInfrastructure(
      { baseArn: base, target: 'web-server-arm64', instanceTypes: ['t4g.small'] },
      ctx(),
    );
    expect(r).toMatchObject({ outcome: 'created', name: 'golden-ami-infra-web-server-arm64' });
    const got = await get(r.arn);
    expect(got).toMatchObject({
      instanceTypes: ['t4g.small'],
      instanceProfileName: 'golden-ami-profile',
      subnetId: 'subnet-0abc',
      securityGroupIds: ['sg-0abc'],
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      logging: { s3Logs: { s3BucketName: 'logs', s3KeyPrefix: 'image-builder' } },
      tags: { [PROJECT_TAG]: 'golden-ami', team: 'platform' },
    });
    // The shared configuration is not touched.
    expect((await get(base)).instanceTypes).toEqual(['t3.medium']);
  });

  it('leaves a matching configuration alone and updates one that drifted, in place', async () => {
    const spec = { baseArn: base, target: 'web-server-arm64', instanceTypes: ['t4g.small'] };
    const first = await reconcileInfrastructure(spec, ctx());
    expect(await reconcileInfrastructure(spec, ctx())).toMatchObject({
      outcome: 'unchanged',
      arn: first.arn,
    });
    // The stack moves the builds to another subnet: the derived configuration follows.
    const shared = await get(base);
    await env.ib(REGION).send(
      new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: base,
        instanceProfileName: shared.instanceProfileName,
        instanceTypes: shared.instanceTypes,
        securityGroupIds: shared.securityGroupIds,
        terminateInstanceOnFailure: shared.terminateInstanceOnFailure,
        instanceMetadataOptions: shared.instanceMetadataOptions,
        logging: shared.logging,
        subnetId: 'subnet-0def',
      }),
    );
    const moved = await reconcileInfrastructure(
      { ...spec, instanceTypes: ['t4g.medium', 't4g.small'] },
      ctx(),
    );
    expect(moved).toMatchObject({ outcome: 'updated', arn: first.arn });
    expect(moved.changed).toEqual(expect.arrayContaining(['subnetId', 'instanceTypes']));
    expect(await get(first.arn)).toMatchObject({
      subnetId: 'subnet-0def',
      instanceTypes: ['t4g.medium', 't4g.small'],
    });
  });

  it('a shared configuration that does not exist names the input', async () => {
    await expect(
      reconcileInfrastructure(
        { baseArn: `${base}-gone`, target: 'web-server-arm64', instanceTypes: ['t4g.small'] },
        ctx(),
      ),
    ).rejects.toThrow(/input 'infrastructure-configuration-arn'\) does not exist in us-east-1/);
  });
});
