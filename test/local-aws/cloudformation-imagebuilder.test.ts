/**
 * CloudFormation → Image Builder: every property of the Image Builder resources our stacks declare
 * reaches the Image Builder API in its shape, nested JSON included (issue 17). One test per
 * resource type stacks/image-builder.yml uses.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateComponentCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  GetInfrastructureConfigurationCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { loadResourceSpec } from '../../actions/lib/cloudformation/index.js';
import { toApiInput } from '../../scripts/local-aws/services/cloudformation/props.js';
import { settle, stackFile, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';
import { COMPONENT_DOC, PARENT } from './helpers.js';

let env: CfnEnv;
let out: Record<string, string>;
beforeAll(async () => {
  env = await startCfnEnv();
  await env.cfn().send(
    new CreateStackCommand({
      StackName: 'golden-ami-image-builder',
      TemplateBody: stackFile('image-builder.yml'),
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  const s = await settle(env, 'golden-ami-image-builder');
  expect(s.StackStatus).toBe('CREATE_COMPLETE');
  out = Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue!]));
});
afterAll(() => env.aws.close());

describe('CloudFormation-created Image Builder resources', () => {
  it('AWS::ImageBuilder::InfrastructureConfiguration: nested metadata options and S3 logging', async () => {
    const infra = (
      await env.ib().send(
        new GetInfrastructureConfigurationCommand({
          infrastructureConfigurationArn: out['InfrastructureConfigurationArn'],
        }),
      )
    ).infrastructureConfiguration!;
    expect(infra).toMatchObject({
      description: 'Build and test instances for imagebuilder-gitops images.',
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      logging: { s3Logs: { s3BucketName: out['LogBucketName'], s3KeyPrefix: 'image-builder' } },
    });
  });

  it('AWS::ImageBuilder::DistributionConfiguration: the AMI name template and AmiTags, per region', async () => {
    const dist = (
      await env.ib().send(
        new GetDistributionConfigurationCommand({
          distributionConfigurationArn: out['DistributionConfigurationArn'],
        }),
      )
    ).distributionConfiguration!;
    expect(dist.distributions).toEqual([
      {
        region: 'us-east-1',
        amiDistributionConfiguration: {
          name: 'golden-ami-{{ imagebuilder:buildDate }}',
          amiTags: {
            'imagebuilder-gitops:project': 'golden-ami',
            'imagebuilder-gitops:role': 'primary',
          },
        },
      },
      {
        region: 'us-west-2',
        amiDistributionConfiguration: {
          name: 'golden-ami-{{ imagebuilder:buildDate }}',
          amiTags: {
            'imagebuilder-gitops:project': 'golden-ami',
            'imagebuilder-gitops:role': 'dr',
          },
        },
      },
    ]);
    // And a build through it names and tags its AMIs as a real one would.
    const ib = env.ib();
    const c = await ib.send(
      new CreateComponentCommand({
        name: 'hello',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        data: COMPONENT_DOC,
      }),
    );
    const r = await ib.send(
      new CreateImageRecipeCommand({
        name: 'web',
        semanticVersion: '1.0.0',
        parentImage: PARENT,
        components: [{ componentArn: c.componentBuildVersionArn }],
      }),
    );
    const p = await ib.send(
      new CreateImagePipelineCommand({
        name: 'web-pipeline',
        imageRecipeArn: r.imageRecipeArn,
        infrastructureConfigurationArn: out['InfrastructureConfigurationArn'],
        distributionConfigurationArn: out['DistributionConfigurationArn'],
      }),
    );
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p.imagePipelineArn }),
    );
    for (let i = 0; i < 100; i++) env.clock.advance(60_000);
    const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn }))).image!;
    expect(image.state?.status).toBe('AVAILABLE');
    const dr = image.outputResources?.amis?.find((a) => a.region === 'us-west-2');
    expect(dr?.name).toMatch(/^golden-ami-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d/);
    const ami = (
      await env.ec2('us-west-2').send(new DescribeImagesCommand({ ImageIds: [dr!.image!] }))
    ).Images?.[0];
    expect(Object.fromEntries((ami?.Tags ?? []).map((t) => [t.Key, t.Value]))).toMatchObject({
      'imagebuilder-gitops:project': 'golden-ami',
      'imagebuilder-gitops:role': 'dr',
      CreatedBy: 'EC2 Image Builder',
    });
  });

  it('AWS::ImageBuilder::LifecyclePolicy: properties map to the CreateLifecyclePolicy shape', async () => {
    const spec = await loadResourceSpec();
    const input = toApiInput(spec, 'AWS::ImageBuilder::LifecyclePolicy', {
      Name: 'golden-ami-lifecycle',
      ExecutionRole: 'arn:aws:iam::123456789012:role/x',
      ResourceType: 'AMI_IMAGE',
      ResourceSelection: { TagMap: { 'imagebuilder-gitops:project': 'golden-ami' } },
      PolicyDetails: [
        {
          Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } },
          Filter: { Type: 'AGE', Value: 90, Unit: 'DAYS', RetainAtLeast: 3 },
          ExclusionRules: {
            Amis: { LastLaunched: { Value: 30, Unit: 'DAYS' }, TagMap: { 'in-use': 'true' } },
          },
        },
      ],
      Tags: { 'imagebuilder-gitops:project': 'golden-ami' },
    });
    expect(input).toEqual({
      name: 'golden-ami-lifecycle',
      executionRole: 'arn:aws:iam::123456789012:role/x',
      resourceType: 'AMI_IMAGE',
      resourceSelection: { tagMap: { 'imagebuilder-gitops:project': 'golden-ami' } },
      policyDetails: [
        {
          action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } },
          filter: { type: 'AGE', value: 90, unit: 'DAYS', retainAtLeast: 3 },
          exclusionRules: {
            amis: { lastLaunched: { value: 30, unit: 'DAYS' }, tagMap: { 'in-use': 'true' } },
          },
        },
      ],
      tags: { 'imagebuilder-gitops:project': 'golden-ami' },
    });
  });
});
