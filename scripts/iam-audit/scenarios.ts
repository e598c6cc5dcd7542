/**
 * The pipeline's scenarios, as the IAM audit runs them: the real workflows through the demo's
 * runner against the emulator, each job with the role its token may assume. In order, each on the
 * state the previous one left: a first push (build, publish, deploy), a component change, a
 * rollback, a DR drill (the rollback workflow in the DR region) and a failed build (a component
 * change whose build fails: the pipeline must stop at wait-image with the build's own reason).
 *
 * A run records, step by step, the authorization decisions the emulator made during that step
 * (its decision log), and the actions AWS refused in the step logs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionRecord } from '../local-aws/authz/decisions.js';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  DR,
  runPipelineWorkflow,
  settledStack,
  type PipelineEnvironment,
} from '../demo/environment.js';
import type { StepReport } from '../demo/workflow-runner.js';

// The app stack deploys web-server's x86_64 build (stack.architecture in components/images/web-server.yml).
export const PARAMETER = '/golden-ami/web-server/x86_64';
export const STACK = 'golden-ami-app-web-server';

export interface StepDecisions {
  /** `scenario: job › step` */
  step: string;
  decisions: DecisionRecord[];
}

export interface ScenarioRun {
  scenario: string;
  ok: boolean;
  /** Why it did not go as the scenario expects. */
  problem?: string;
  /** Actions AWS refused, as the step logs name them (`ssm:PutParameter`). */
  denied: string[];
  steps: StepDecisions[];
  ms: number;
}

export interface Scenario {
  name: string;
  /** Changes the scratch repository before the run (a commit), if the scenario pushes. */
  workflow: string;
  event(env: PipelineEnvironment): { name: 'push' | 'workflow_dispatch'; payload: object };
  /** Arranges the world before the run (a failing build, the DR standby stack). */
  arrange?(env: PipelineEnvironment): void | Promise<void>;
  /** Whether the run went as it should. */
  expect(result: { success: boolean; steps: StepReport[] }): string | undefined;
}

const DENIED = /is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9]+)/g;

/** The actions named as refused in a log. */
export function deniedActions(log: string): string[] {
  return [...new Set([...log.matchAll(DENIED)].map((m) => m[1]!))];
}

function appendLine(dir: string, file: string, line: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(
    /^( *)- dnf clean all$/m,
    (l, indent: string) => `${l}\n${indent}- ${line}`,
  );
  if (next === text) throw new Error(`${file} no longer has "- dnf clean all"`);
  writeFileSync(path, next);
}

/**
 * The DR region's standby app stack, which the platform team creates once (it needs the
 * stack's own parameters, which the rollback workflow does not take): CloudFormation builds it
 * with the app stack execution role, on the DR copy of version 1.
 */
async function drStandby(env: PipelineEnvironment): Promise<void> {
  const cfn = env.client(CloudFormationClient, DR);
  const exists = await cfn
    .send(new DescribeStacksCommand({ StackName: STACK }))
    .then(() => true)
    .catch(() => false);
  if (exists) return;
  await cfn.send(
    new CreateStackCommand({
      StackName: STACK,
      TemplateBody: readFileSync(join(env.workspace.dir, 'stacks/app-ec2.yml'), 'utf8'),
      RoleARN: env.vars.APP_STACK_EXECUTION_ROLE_ARN,
      Parameters: [
        { ParameterKey: 'AmiParameterName', ParameterValue: PARAMETER },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '1' },
        { ParameterKey: 'AllowedCidr', ParameterValue: '203.0.113.0/24' },
      ],
    }),
  );
  const s = await settledStack(cfn, STACK);
  if (s.StackStatus !== 'CREATE_COMPLETE')
    throw new Error(`DR standby stack: ${s.StackStatus} ${s.StackStatusReason ?? ''}`);
}

const succeeded = (r: { success: boolean; steps: StepReport[] }) =>
  r.success
    ? undefined
    : `failed at ${r.steps.find((s) => s.outcome === 'failure')?.step ?? 'a job that did not run'}`;

export const SCENARIOS: Scenario[] = [
  {
    name: 'first push',
    workflow: 'image-pipeline.yml',
    event: (env) => ({
      name: 'push',
      payload: env.workspace.commit('Golden AMI pipeline: the image fleet'),
    }),
    // Issue 14: the summary of a build on an `ssm:` parent shows the AMI it resolves to.
    expect: (r) =>
      succeeded(r) ??
      (r.steps.some((s) => s.step === 'build' && /resolves now to ami-/.test(s.log))
        ? undefined
        : 'no build summary shows the AMI its ssm: parent resolves to'),
  },
  {
    name: 'component change',
    workflow: 'image-pipeline.yml',
    event: (env) => {
      appendLine(env.workspace.dir, 'components/apache-install.yml', 'echo hardened');
      return { name: 'push', payload: env.workspace.commit('apache-install: one more step') };
    },
    expect: succeeded,
  },
  {
    name: 'rollback',
    workflow: 'rollback.yml',
    event: () => ({
      name: 'workflow_dispatch',
      payload: {
        inputs: { 'stack-name': STACK, 'ami-parameter-name': PARAMETER, version: 'previous' },
      },
    }),
    expect: succeeded,
  },
  {
    name: 'DR drill',
    workflow: 'rollback.yml',
    arrange: drStandby,
    event: () => ({
      name: 'workflow_dispatch',
      payload: {
        inputs: {
          'stack-name': STACK,
          'ami-parameter-name': PARAMETER,
          version: 'latest',
          region: 'dr',
        },
      },
    }),
    expect: succeeded,
  },
  {
    name: 'failed build',
    workflow: 'image-pipeline.yml',
    arrange: (env) =>
      env.aws.admin.failBuild({
        pipeline: 'web-server-x86_64',
        step: 'BUILDING',
        reason: 'iam-audit: the build instance ran out of disk',
      }),
    event: (env) => {
      appendLine(env.workspace.dir, 'components/apache-install.yml', 'echo fails');
      return { name: 'push', payload: env.workspace.commit('apache-install: a step that fails') };
    },
    expect: (r) => {
      const wait = r.steps.find((s) => s.step === 'wait');
      if (r.success) return 'the pipeline succeeded although the build failed';
      if (wait?.outcome !== 'failure' || !/ran out of disk/.test(wait.log))
        return `it did not stop at wait-image with the build's reason (${r.steps.find((s) => s.outcome === 'failure')?.step ?? 'no failed step'})`;
      return undefined;
    },
  },
];

/** Runs one scenario on the environment as it is, recording each step's decisions. */
export async function runScenario(env: PipelineEnvironment, s: Scenario): Promise<ScenarioRun> {
  const t0 = Date.now();
  await s.arrange?.(env);
  const event = s.event(env);
  let mark = env.aws.admin.decisions().length;
  const steps: StepDecisions[] = [];
  const denied = new Set<string>();
  const result = await runPipelineWorkflow(
    env,
    s.workflow,
    { name: event.name, payload: event.payload as never },
    {
      onStep: (step) => {
        const all = env.aws.admin.decisions();
        steps.push({ step: `${s.name}: ${step.job} › ${step.step}`, decisions: all.slice(mark) });
        mark = all.length;
        for (const a of deniedActions(step.log)) denied.add(a);
      },
    },
  );
  const problem = s.expect(result);
  return {
    scenario: s.name,
    ok: problem === undefined && denied.size === 0,
    problem: problem ?? (denied.size ? `AWS refused ${[...denied].join(', ')}` : undefined),
    denied: [...denied],
    steps,
    ms: Date.now() - t0,
  };
}
