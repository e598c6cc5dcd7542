/**
 * The demo's four fleet scenarios, each a workflow run and the checks its outcome must pass:
 *   1. a first push to main: base, then web on base's new AMI (Windows alongside), published to SSM
 *      in both regions, deployed pinned;
 *   2. a web-only change: only web is rebuilt, on base's published AMI; a new version is deployed;
 *   3. a base component change: base is rebuilt, then web on base's new AMI, in that order;
 *   4. the rollback workflow: the stack goes back to the previous version, with no SSM write.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DR, PRIMARY, type PipelineEnvironment } from './environment.js';
import { addBuildStep, builtTargets, parameter, parentImageOf } from './fleet-checks.js';
import type { ScenarioTools } from './scan-gate-scenario.js';
import type { WorkflowResult } from './workflow-runner.js';

// The stack deploys web-server's x86_64 build (stack.architecture in components/images/web-server.yml).
export const PARAMETER = '/golden-ami/web-server/x86_64';
export const STACK = 'golden-ami-app-web-server';
const BASE = '/golden-ami/base-linux';
const WEB = ['web-server-x86_64', 'web-server-arm64'];
const BASES = ['base-linux-x86_64', 'base-linux-arm64'];

export interface FleetTools extends ScenarioTools {
  /** Writes one line of the demo's output. */
  out(line: string): void;
}

/** What is released: web-server's SSM version and AMI per region, and what the app stack runs. */
export interface Release {
  versions: Record<string, { version: number; ami: string }>;
  stackVersion: string;
  instanceId: string;
  url: string;
}

export async function release(env: PipelineEnvironment): Promise<Release> {
  const versions: Release['versions'] = {};
  for (const region of [PRIMARY, DR]) {
    const p = (
      await env.client(SSMClient, region).send(new GetParameterCommand({ Name: PARAMETER }))
    ).Parameter!;
    versions[region] = { version: p.Version!, ami: p.Value! };
  }
  const stack = (
    await env.client(CloudFormationClient).send(new DescribeStacksCommand({ StackName: STACK }))
  ).Stacks![0]!;
  const output = (k: string) => stack.Outputs?.find((o) => o.OutputKey === k)?.OutputValue ?? '';
  return {
    versions,
    stackVersion: output('AmiParameterVersion'),
    instanceId: output('InstanceId'),
    url: output('WebsiteURL'),
  };
}

/** Reads the release and prints it. */
async function showRelease(env: PipelineEnvironment, t: FleetTools): Promise<Release> {
  const r = await release(env);
  for (const [region, v] of Object.entries(r.versions))
    t.out(`   SSM ${PARAMETER} in ${region}: version ${v.version} → ${v.ami}`);
  t.out(
    `   stack ${STACK}: AmiParameterVersion ${r.stackVersion}, instance ${r.instanceId}, ${r.url}`,
  );
  return r;
}

/** Commits the workspace, runs the pipeline on that push and checks it succeeded; what it built. */
async function push(
  env: PipelineEnvironment,
  t: FleetTools,
  title: string,
  message: string,
): Promise<{ result: WorkflowResult; built: string[] }> {
  const result = await t.run(title, 'push', env.workspace.commit(message));
  t.check(result.success, 'the pipeline succeeded');
  return { result, built: builtTargets(result) };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the first push released, which the later scenarios compare against. */
export interface FirstRelease {
  release: Release;
  /** base-linux x86_64's published AMI. */
  baseAmi: string | undefined;
}

export async function firstPush(env: PipelineEnvironment, t: FleetTools): Promise<FirstRelease> {
  const { result: first, built } = await push(
    env,
    t,
    '1/4 First push to main: base, then web on its new AMI, Windows alongside',
    'Golden AMI pipeline: the image fleet',
  );
  t.check(
    sameList(built, [...BASES, ...WEB, 'windows-server']),
    `base built first, then web, Windows alongside: ${built.join(', ')}`,
  );
  const base = await parameter(env, `${BASE}/x86_64`);
  const baseArm = await parameter(env, `${BASE}/arm64`);
  t.check(
    !!base && parentImageOf(first, 'web-server-x86_64') === base.ami,
    `web-server-x86_64 was built on base's new AMI ${base?.ami ?? '(none)'}`,
  );
  t.check(
    !!baseArm && parentImageOf(first, 'web-server-arm64') === baseArm.ami,
    `web-server-arm64 was built on base's new arm64 AMI ${baseArm?.ami ?? '(none)'}`,
  );
  t.check(
    (await parameter(env, '/golden-ami/windows-server')) !== undefined,
    'the Windows Server image was published',
  );
  const r = await showRelease(env, t);
  t.check(
    r.versions[PRIMARY]!.version === 1 && r.versions[DR]!.version === 1,
    'SSM version 1 in both regions',
  );
  t.check(
    r.versions[PRIMARY]!.ami !== r.versions[DR]!.ami,
    'the DR region holds its own copy of the AMI (a different id)',
  );
  t.check(r.stackVersion === '1', 'the app stack runs the pinned version 1');
  return { release: r, baseAmi: base?.ami };
}

export async function webOnlyChange(
  env: PipelineEnvironment,
  t: FleetTools,
  first: FirstRelease,
): Promise<void> {
  hardenApache(env.workspace.dir);
  const { result: second, built } = await push(
    env,
    t,
    '2/4 A web-only change: only web is rebuilt, on the published base',
    'apache-install: hide the server banner',
  );
  t.check(sameList(built, WEB), `only web was rebuilt: ${built.join(', ') || 'nothing'}`);
  t.check(
    parentImageOf(second, 'web-server-x86_64') === first.baseAmi,
    "web was built on base's published AMI (base not rebuilt)",
  );
  const newComponents = createdComponents(second);
  t.check(
    newComponents.length === 1 && newComponents[0]!.startsWith('apache-install '),
    `only the changed component got a new version: ${newComponents.join(', ') || 'none'}`,
  );
  const r = await showRelease(env, t);
  t.check(
    r.versions[PRIMARY]!.version === 2 && r.versions[DR]!.version === 2,
    'SSM version 2 in both regions',
  );
  t.check(
    r.stackVersion === '2' && r.instanceId !== first.release.instanceId,
    'the stack moved to version 2 on a new instance',
  );
}

/** `name version` of each component version build-image created in the run. */
function createdComponents(result: WorkflowResult): string[] {
  const created = JSON.parse(
    result.steps.find((s) => s.uses?.endsWith('build-image'))?.outputs.created ?? '{}',
  ) as { created?: { kind: string; name: string; version?: string }[] };
  return (created.created ?? [])
    .filter((c) => c.kind === 'component')
    .map((c) => `${c.name} ${c.version}`);
}

export async function baseChange(
  env: PipelineEnvironment,
  t: FleetTools,
  first: FirstRelease,
): Promise<void> {
  loginBanner(env.workspace.dir);
  const { result: third, built } = await push(
    env,
    t,
    '3/4 A base component change: base is rebuilt, then web on the new base',
    'linux-hardening: a pre-login banner',
  );
  t.check(
    sameList(built, [...BASES, ...WEB]),
    `base, then web, Windows untouched: ${built.join(', ') || 'nothing'}`,
  );
  const base = await parameter(env, `${BASE}/x86_64`);
  t.check(
    !!base && base.ami !== first.baseAmi && parentImageOf(third, 'web-server-x86_64') === base.ami,
    `web was built on base's new AMI ${base?.ami ?? '(none)'} (was ${first.baseAmi ?? '(none)'})`,
  );
  const r = await showRelease(env, t);
  t.check(r.versions[PRIMARY]!.version === 3, 'SSM version 3 of web-server');
  t.check(r.stackVersion === '3', 'the stack moved to version 3');
}

export async function rollBack(
  env: PipelineEnvironment,
  t: FleetTools,
  runRollback: (title: string, payload: Record<string, unknown>) => Promise<WorkflowResult>,
): Promise<void> {
  const rollback = await runRollback('4/4 Roll back to the previous version', {
    inputs: {
      'stack-name': STACK,
      'ami-parameter-name': PARAMETER,
      version: 'previous',
      region: 'primary',
    },
  });
  t.check(rollback.success, 'the rollback succeeded');
  const r = await showRelease(env, t);
  t.check(r.stackVersion === '2', 'the stack runs version 2 again');
  t.check(r.versions[PRIMARY]!.version === 3, 'nothing was written to SSM (still version 3)');
}

/** A realistic web-only change: a hardening step that hides the Apache version banner. */
function hardenApache(dir: string): void {
  addBuildStep(dir, 'components/apache-install.yml', {
    name: 'HideServerBanner',
    action: 'CreateFile',
    inputs: [
      {
        path: '/etc/httpd/conf.d/security.conf',
        overwrite: true,
        content: 'ServerTokens Prod\nServerSignature Off\n',
      },
    ],
  });
}

/** A base component change: a pre-login banner in the hardened base, which every Linux image inherits. */
function loginBanner(dir: string): void {
  addBuildStep(dir, 'components/linux-hardening.yml', {
    name: 'WriteLoginBanner',
    action: 'CreateFile',
    inputs: [
      {
        path: '/etc/issue.net',
        overwrite: true,
        content: 'Authorized use only. Activity is logged.\n',
      },
    ],
  });
}
