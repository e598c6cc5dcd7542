import { expect } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  ImagebuilderClient,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { loadCatalogue, type Catalogue } from '../../actions/lib/iam/catalogue.js';
import { checksFor, requestContext } from '../../scripts/local-aws/authz/authorize.js';
import type { AuthzEnv } from '../../scripts/local-aws/authz/types.js';
import { iamState } from '../../scripts/local-aws/iam/model.js';
import { SERVICES } from '../../scripts/local-aws/registry.js';
import { cfnState } from '../../scripts/local-aws/services/cloudformation/model.js';
import { PHASES } from '../../scripts/local-aws/services/imagebuilder/build.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { emptyState } from '../../scripts/local-aws/state.js';
import {
  BOOTSTRAP_ADMIN,
  startLocalAws,
  type LocalAws,
  type LocalAwsOptions,
} from '../../scripts/local-aws/server.js';

export interface Env {
  aws: LocalAws;
  clock: VirtualClock;
  ib(region?: string): ImagebuilderClient;
  ssm(region?: string): SSMClient;
  ec2(region?: string): EC2Client;
  sts(region?: string): STSClient;
}

/** The account's bootstrap administrator's key (the emulator knows no other long-lived key). */
export const ADMIN = {
  accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
  secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
};

/** An in-process emulator on an ephemeral port with a virtual clock, and real SDK clients for it. */
/** Build durations where every phase lasts `ms`: stepping the clock by `ms` visits each status. */
export function everyPhase(ms: number): Record<string, number> {
  return Object.fromEntries(PHASES.map((phase) => [phase, ms]));
}

export async function startEnv(options: LocalAwsOptions = {}): Promise<Env> {
  const clock = new VirtualClock(Date.parse('2025-01-01T00:00:00Z'));
  const aws = await startLocalAws({ clock, ...options });
  const config = (region: string) => ({
    region,
    endpoint: aws.endpoint,
    maxAttempts: 3,
    credentials: ADMIN,
  });
  return {
    aws,
    clock,
    ib: (r = 'us-east-1') => new ImagebuilderClient(config(r)),
    ssm: (r = 'us-east-1') => new SSMClient(config(r)),
    ec2: (r = 'us-east-1') => new EC2Client(config(r)),
    sts: (r = 'us-east-1') => new STSClient(config(r)),
  };
}

export const COMPONENT_DOC =
  'name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: echo\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';
export const PARENT = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x';

/** The error an SDK call rejects with. */
export async function failure(
  p: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

/** The account, region and resources the authorization mapping tests' requests name. */
export const AUTHZ_IDS = (() => {
  const A = '123456789012';
  const R = 'us-east-1';
  return {
    A,
    R,
    IB: `arn:aws:imagebuilder:${R}:${A}`,
    STACK: `arn:aws:cloudformation:${R}:${A}:stack/golden-ami-web/0f2c1d10-0000-4000-a000-000000000000`,
  };
})();

/** One sample request of an operation, and the checks IAM must see for it. */
export type MappingCase = [
  service: string,
  operation: string,
  input: Record<string, unknown>,
  expected: { action: string; resource: string; keys?: Record<string, unknown> }[],
];

export interface MappingFixture {
  cat: Catalogue;
  env: AuthzEnv;
}

/** The catalogue, and a state holding the resources the cases' requests name (call in beforeAll). */
export async function mappingFixture(): Promise<MappingFixture> {
  const { A, R, IB, STACK } = AUTHZ_IDS;
  const cat = await loadCatalogue();
  const state = emptyState(A);
  const iam = iamState(state);
  iam.roles['ib-instance'] = {
    name: 'ib-instance',
    arn: `arn:aws:iam::${A}:role/ib-instance`,
    roleId: 'AROAEXAMPLEEXAMPLEX',
    path: '/',
    trust: { name: 'trust', document: { Version: '2012-10-17', Statement: [] } },
    inline: {},
    attached: [],
    maxSessionDuration: 3600,
    createDate: 0,
    tags: {},
  };
  iam.instanceProfiles['ib-profile'] = {
    name: 'ib-profile',
    arn: `arn:aws:iam::${A}:instance-profile/ib-profile`,
    path: '/',
    roles: ['ib-instance'],
  };
  ibState(state, R).buildCounters['hello/1.0.0'] = 2;
  ibState(state, R).tags[`${IB}:image-pipeline/web`] = {
    'imagebuilder-gitops:project': 'golden-ami',
  };
  cfnState(state, R).stacks[STACK] = {
    stackId: STACK,
    stackName: 'golden-ami-web',
    status: 'CREATE_COMPLETE',
    tags: [{ Key: 'team', Value: 'platform' }],
  } as never;
  return { cat, env: { catalogue: cat, state, region: R, accountId: A } };
}

/** The operations of `service` the emulator serves (those `only` selects) that no case covers. */
export function uncoveredOperations(
  service: string,
  cases: MappingCase[],
  only: (operation: string) => boolean = () => true,
): string[] {
  const served = SERVICES.filter((s) => s.signingName === service).flatMap((s) =>
    Object.keys(s.operations),
  );
  return served.filter((o) => only(o) && !cases.some(([s, op]) => s === service && op === o));
}

/**
 * The checks the mapping gives for a case are those expected, with the catalogue's resource types,
 * ARNs and condition keys: every key the glue sets is one the action supports.
 */
export function expectMapping(
  fx: MappingFixture,
  [service, operation, input, expected]: MappingCase,
): void {
  const { cat, env } = fx;
  const checks = checksFor(service, operation, input, env);
  expect(checks.map((c) => ({ action: c.action, resource: c.resource }))).toEqual(
    expected.map((e) => ({ action: e.action, resource: e.resource })),
  );
  checks.forEach((c, i) => {
    const action = cat.lookupAction(c.action);
    expect(action).toBeDefined();
    // Resource types and ARNs are the catalogue's.
    if (c.resourceType) {
      expect(action!.resourceTypes.map((r) => r.name)).toContain(c.resourceType);
      expect(cat.resourceArnMatchesType(c.resource, c.action.split(':')[0]!, c.resourceType)).toBe(
        true,
      );
    } else {
      expect(c.resource).toBe('*');
    }
    const ctx = requestContext(c, cat, env.state, {});
    expect(ctx).toMatchObject(expected[i]!.keys ?? {});
    // Every key the glue sets is one the action supports (no silently ignored key names).
    for (const k of Object.keys(c.context).filter((k) => c.context[k] !== undefined))
      expect([
        k,
        cat.isGlobalConditionKey(k) || cat.actionSupportsConditionKey(action!, k),
      ]).toEqual([k, true]);
  });
}

/** Image Builder's resource operations (components, recipes, configurations), tested in their own file. */
export function isResourceOperation(operation: string): boolean {
  return /Component|ImageRecipe|Configuration/.test(operation);
}

export const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
export const WS2022 = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
export const WINDOWS_DOC = [
  'name: win',
  'schemaVersion: 1.0',
  'phases:',
  '  - name: build',
  '    steps:',
  '      - name: Configure',
  '        action: ExecutePowerShell',
  '        inputs:',
  '          commands: [Set-TimeZone -Id UTC]',
  '      - name: RebootAfterConfigure',
  '        action: Reboot',
  '',
].join('\n');

/**
 * Image Builder resources and builds for the parent tests, on the emulator `getEnv()` gives (each
 * test starts its own) whose every build phase lasts `step`.
 */
export function parentTools(getEnv: () => Env, step = 60_000) {
  async function component(ib: ImagebuilderClient, platform: 'Linux' | 'Windows' = 'Linux') {
    const out = await ib.send(
      new CreateComponentCommand({
        name: platform === 'Linux' ? 'hello' : 'win',
        semanticVersion: '1.0.0',
        platform,
        data: platform === 'Linux' ? COMPONENT_DOC : WINDOWS_DOC,
      }),
    );
    return out.componentBuildVersionArn!;
  }

  /** A recipe, infrastructure (with `instanceTypes`), distribution and pipeline named `name`. */
  async function pipeline(
    ib: ImagebuilderClient,
    name: string,
    parentImage: string,
    opts: { instanceTypes?: string[]; platform?: 'Linux' | 'Windows' } = {},
  ) {
    const c = await component(ib, opts.platform);
    const r = await ib.send(
      new CreateImageRecipeCommand({
        name,
        semanticVersion: '1.0.x',
        parentImage,
        components: [{ componentArn: c }],
      }),
    );
    const infra = await ib.send(
      new CreateInfrastructureConfigurationCommand({
        name: `${name}-infra`,
        instanceProfileName: 'ib',
        instanceTypes: opts.instanceTypes,
      }),
    );
    const dist = await ib.send(
      new CreateDistributionConfigurationCommand({
        name: `${name}-dist`,
        distributions: [{ region: 'us-east-1' }],
      }),
    );
    const p = await ib.send(
      new CreateImagePipelineCommand({
        name,
        imageRecipeArn: r.imageRecipeArn,
        infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
        distributionConfigurationArn: dist.distributionConfigurationArn,
      }),
    );
    return { pipeline: p.imagePipelineArn!, recipe: r.imageRecipeArn! };
  }

  /** Starts a build and runs the clock until it ends; the image and its first AMI. */
  async function build(ib: ImagebuilderClient, pipelineArn: string) {
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }),
    );
    getEnv().clock.advance(10 * step);
    const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn })))!.image!;
    return { image, ami: image.outputResources?.amis?.[0]?.image, arn: imageBuildVersionArn! };
  }

  async function describe1(id: string, region = 'us-east-1') {
    const out = await getEnv()
      .ec2(region)
      .send(new DescribeImagesCommand({ ImageIds: [id] }));
    return out.Images![0]!;
  }

  function parentAmiOf(arn: string): string | undefined {
    return ibState(getEnv().aws.admin.dump(), 'us-east-1').images[arn]?.parentAmi;
  }
  return { component, pipeline, build, describe1, parentAmiOf };
}
