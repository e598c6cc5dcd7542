/**
 * Image Builder's operations → IAM. Most operations name their resource by ARN in the request
 * (`imagePipelineArn`...); creates name the ARN the resource will have (lower-cased name, as the
 * service writes it). Tag keys: `aws:RequestTag/*` where tags are given, `aws:ResourceTag/*` from
 * the emulator's tags of the resource (added in `authorize.ts`).
 */
import { iamState } from '../iam/model.js';
import { ibState } from '../services/imagebuilder/model.js';
import { str, type Input } from '../types.js';
import { arnOf, check, requestTagKeys, tagKeysOnly } from './arns.js';
import type { AuthzCheck, AuthzEnv, Context, ServiceAuthz } from './types.js';

const S = 'imagebuilder';
const lower = (v: unknown) =>
  String(v ?? '')
    .toLowerCase()
    .replace(/ /g, '-');
const tags = (input: Input) => input['tags'] as Record<string, string> | undefined;

/** The resource type of an Image Builder ARN (`…:image-pipeline/x` → `imagePipeline`). */
const TYPE_BY_SEGMENT: Record<string, string> = {
  component: 'component',
  'image-recipe': 'imageRecipe',
  'container-recipe': 'containerRecipe',
  'infrastructure-configuration': 'infrastructureConfiguration',
  'distribution-configuration': 'distributionConfiguration',
  'image-pipeline': 'imagePipeline',
  image: 'image',
  'lifecycle-policy': 'lifecyclePolicy',
  workflow: 'workflow',
  'workflow-execution': 'workflowExecution',
};

export function imagebuilderType(arn: string): string | undefined {
  return TYPE_BY_SEGMENT[/^arn:[^:]+:imagebuilder:[^:]*:[^:]*:([^/]+)\//.exec(arn)?.[1] ?? ''];
}

/** An operation on the resource whose ARN is the request member `member`. */
function byArn(op: string, member: string, type: string, context?: (input: Input) => Context) {
  return {
    checks: (input: Input): AuthzCheck[] => [
      check(`${S}:${op}`, str(input[member]) ?? '', type, context?.(input)),
    ],
  };
}

function list(op: string) {
  return { checks: (): AuthzCheck[] => [check(`${S}:${op}`, '*', undefined)] };
}

function create(
  op: string,
  type: string,
  vars: (input: Input, env: AuthzEnv) => Record<string, string>,
  extra?: (input: Input, env: AuthzEnv) => { context?: Context; also?: AuthzCheck[] },
) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => {
      const more = extra?.(input, env) ?? {};
      return [
        check(`${S}:${op}`, arnOf(env, S, type, vars(input, env)), type, {
          ...requestTagKeys(tags(input)),
          ...more.context,
        }),
        ...(more.also ?? []),
      ];
    },
  };
}

/** The build number CreateComponent will assign (the handler's counter plus one). */
function nextBuild(input: Input, env: AuthzEnv): string {
  const key = `${lower(input['name'])}/${String(input['semanticVersion'] ?? '')}`;
  return String((ibState(env.state, env.region).buildCounters[key] ?? 0) + 1);
}

/**
 * An infrastructure configuration passes the role of its instance profile to EC2: Image Builder
 * checks iam:PassRole on it (Image Builder User Guide, "Image Builder permissions": "iam:PassRole
 * for the instance profile's role"), with `iam:PassedToService` ec2.amazonaws.com.
 */
function infrastructureContext(input: Input, env: AuthzEnv) {
  const meta = input['instanceMetadataOptions'] as { httpTokens?: string } | undefined;
  const resourceTags = input['resourceTags'] as Record<string, string> | undefined;
  const context: Context = {
    'imagebuilder:Ec2MetadataHttpTokens': meta?.httpTokens,
    'imagebuilder:StatusTopicArn': str(input['snsTopicArn']),
  };
  if (resourceTags) {
    context['imagebuilder:CreatedResourceTagKeys'] = Object.keys(resourceTags);
    for (const [k, v] of Object.entries(resourceTags))
      context[`imagebuilder:CreatedResourceTag/${k}`] = v;
  }
  const iam = iamState(env.state);
  const profile = iam.instanceProfiles[str(input['instanceProfileName']) ?? ''];
  const also = (profile?.roles ?? []).flatMap((name) => {
    const role = iam.roles[name];
    return role
      ? [
          check('iam:PassRole', role.arn, 'role', {
            'iam:PassedToService': 'ec2.amazonaws.com',
          }),
        ]
      : [];
  });
  return { context, also };
}

const infraVars = (input: Input) => ({ ResourceId: lower(input['name']) });
const distVars = (input: Input) => ({ DistributionConfigurationName: lower(input['name']) });

export const imagebuilderAuthz: ServiceAuthz = {
  CreateComponent: create('CreateComponent', 'component', (input, env) => ({
    ComponentName: lower(input['name']),
    ComponentVersion: String(input['semanticVersion'] ?? ''),
    ComponentBuildVersion: nextBuild(input, env),
  })),
  GetComponent: byArn('GetComponent', 'componentBuildVersionArn', 'component'),
  ListComponents: list('ListComponents'),
  ListComponentBuildVersions: {
    checks: (input) => [
      check(
        `${S}:ListComponentBuildVersions`,
        `${str(input['componentVersionArn']) ?? ''}/*`,
        'allComponentBuildVersions',
      ),
    ],
  },
  DeleteComponent: byArn('DeleteComponent', 'componentBuildVersionArn', 'component'),
  CreateImageRecipe: create('CreateImageRecipe', 'imageRecipe', (input) => ({
    ImageRecipeName: lower(input['name']),
    ImageRecipeVersion: String(input['semanticVersion'] ?? ''),
  })),
  GetImageRecipe: byArn('GetImageRecipe', 'imageRecipeArn', 'imageRecipe'),
  ListImageRecipes: list('ListImageRecipes'),
  ListImages: list('ListImages'),
  // The scan gate's reads: the Service Authorization Reference gives both no resource type ('*').
  ListImageScanFindings: list('ListImageScanFindings'),
  ListImageScanFindingAggregations: list('ListImageScanFindingAggregations'),
  DeleteImageRecipe: byArn('DeleteImageRecipe', 'imageRecipeArn', 'imageRecipe'),
  CreateInfrastructureConfiguration: create(
    'CreateInfrastructureConfiguration',
    'infrastructureConfiguration',
    infraVars,
    infrastructureContext,
  ),
  GetInfrastructureConfiguration: byArn(
    'GetInfrastructureConfiguration',
    'infrastructureConfigurationArn',
    'infrastructureConfiguration',
  ),
  ListInfrastructureConfigurations: list('ListInfrastructureConfigurations'),
  UpdateInfrastructureConfiguration: {
    checks: (input, env) => {
      const { context, also } = infrastructureContext(input, env);
      return [
        check(
          `${S}:UpdateInfrastructureConfiguration`,
          str(input['infrastructureConfigurationArn']) ?? '',
          'infrastructureConfiguration',
          context,
        ),
        ...also,
      ];
    },
  },
  DeleteInfrastructureConfiguration: byArn(
    'DeleteInfrastructureConfiguration',
    'infrastructureConfigurationArn',
    'infrastructureConfiguration',
  ),
  CreateDistributionConfiguration: create(
    'CreateDistributionConfiguration',
    'distributionConfiguration',
    distVars,
  ),
  GetDistributionConfiguration: byArn(
    'GetDistributionConfiguration',
    'distributionConfigurationArn',
    'distributionConfiguration',
  ),
  ListDistributionConfigurations: list('ListDistributionConfigurations'),
  UpdateDistributionConfiguration: byArn(
    'UpdateDistributionConfiguration',
    'distributionConfigurationArn',
    'distributionConfiguration',
  ),
  DeleteDistributionConfiguration: byArn(
    'DeleteDistributionConfiguration',
    'distributionConfigurationArn',
    'distributionConfiguration',
  ),
  CreateImagePipeline: create('CreateImagePipeline', 'imagePipeline', (input) => ({
    ImagePipelineName: lower(input['name']),
  })),
  UpdateImagePipeline: byArn('UpdateImagePipeline', 'imagePipelineArn', 'imagePipeline'),
  GetImagePipeline: byArn('GetImagePipeline', 'imagePipelineArn', 'imagePipeline'),
  ListImagePipelines: list('ListImagePipelines'),
  DeleteImagePipeline: byArn('DeleteImagePipeline', 'imagePipelineArn', 'imagePipeline'),
  StartImagePipelineExecution: byArn(
    'StartImagePipelineExecution',
    'imagePipelineArn',
    'imagePipeline',
    (input) => requestTagKeys(tags(input)),
  ),
  ListImagePipelineImages: byArn('ListImagePipelineImages', 'imagePipelineArn', 'imagePipeline'),
  GetImage: byArn('GetImage', 'imageBuildVersionArn', 'image'),
  ListImageBuildVersions: {
    checks: (input) => [
      check(
        `${S}:ListImageBuildVersions`,
        `${str(input['imageVersionArn']) ?? ''}/*`,
        'allImageBuildVersions',
      ),
    ],
  },
  CancelImageCreation: byArn('CancelImageCreation', 'imageBuildVersionArn', 'image'),
  ListWorkflowExecutions: byArn('ListWorkflowExecutions', 'imageBuildVersionArn', 'image'),
  ListWorkflowStepExecutions: {
    checks: (input, env) => [
      check(
        `${S}:ListWorkflowStepExecutions`,
        arnOf(env, S, 'workflowExecution', {
          WorkflowExecutionId: str(input['workflowExecutionId']) ?? '',
        }),
        'workflowExecution',
      ),
    ],
  },
  TagResource: {
    checks: (input) => {
      const arn = str(input['resourceArn']) ?? '';
      return [check(`${S}:TagResource`, arn, imagebuilderType(arn), requestTagKeys(tags(input)))];
    },
  },
  UntagResource: {
    checks: (input) => {
      const arn = str(input['resourceArn']) ?? '';
      const keys = (input['tagKeys'] as string[] | undefined) ?? [];
      return [check(`${S}:UntagResource`, arn, imagebuilderType(arn), tagKeysOnly(keys))];
    },
  },
  ListTagsForResource: {
    checks: (input) => {
      const arn = str(input['resourceArn']) ?? '';
      return [check(`${S}:ListTagsForResource`, arn, imagebuilderType(arn))];
    },
  },
};
