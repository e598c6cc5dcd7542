/**
 * The chaos suite's world: the demo's environment (emulator, long-lived stacks, scratch repository,
 * the real workflow run step by step, each action as its bundle in a child process), with time
 * compressed harder than the demo, plus what every scenario needs around it: reading the end state
 * straight from the emulator, snapshotting and restoring that state, counting AWS calls.
 */
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEnvironment,
  DR,
  PRIMARY,
  runPipelineWorkflow,
  type PipelineEnvironment,
} from '../demo/environment.js';
import type { RunWorkflowOptions, WorkflowResult } from '../demo/workflow-runner.js';
import { useSingleImage } from '../demo/workspace.js';
import type { EmulatorState } from '../local-aws/state.js';
import { ibState } from '../local-aws/services/imagebuilder/model.js';
import { ssmState } from '../local-aws/services/ssm/model.js';
import { ec2State } from '../local-aws/services/ec2.js';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;
export const PARAMETER = '/golden-ami/web-server';
export const STACK = 'golden-ami-app-web-server';
export { DR, PRIMARY };

export interface World {
  env: PipelineEnvironment;
  /** Runs image-pipeline.yml (or another workflow) for `payload`; a re-run when `runId` is given. */
  run(
    payload: Record<string, unknown>,
    opts?: RunOptions,
  ): Promise<WorkflowResult & { runId: string }>;
  calls(): number;
  snapshot(): EmulatorState;
  restore(snapshot: EmulatorState): void;
  endState(): Promise<EndState>;
  close(): Promise<void>;
}

export interface RunOptions {
  runId?: string;
  runAttempt?: number;
  workflow?: string;
  eventName?: 'push' | 'workflow_dispatch';
  stepEnv?: RunWorkflowOptions['stepEnv'];
  onStep?: (step: {
    job: string;
    step: string;
    uses?: string;
    outcome: string;
    log: string;
  }) => void;
  log?: (line: string) => void;
}

export interface EndState {
  /** Per region: the parameter's versions, each with whether its AMI exists there and is available. */
  ssm: Record<
    string,
    { version: number; value: string; amiAvailable: boolean; labels: string[] }[]
  >;
  /** Image Builder images in the primary region (every build ever started). */
  builds: { arn: string; version: string; status: string; run?: string }[];
  /** Component name → number of versions. */
  components: Record<string, number>;
  recipes: number;
  stack: { status: string; version: string; reason: string; updates: number; instanceId: string };
}

export interface WorldOptions {
  seed: number;
  /** Simulated seconds per real second. */
  timeWarp?: number;
  log?: (line: string) => void;
}

export async function createWorld(opts: WorldOptions): Promise<World> {
  const env = await createEnvironment({
    repoRoot: REPO_ROOT,
    timeWarp: opts.timeWarp ?? 600,
    // Builds a quarter of their usual length (~4.5 simulated minutes): wait-image still sees every phase.
    emulator: { seed: opts.seed, timeScale: 0.25 },
    log: opts.log,
  });
  // Chaos tests one image's pipeline: its properties are per image, and five targets would
  // multiply its run time without exercising more of the actions.
  useSingleImage(env.workspace.dir, REPO_ROOT);
  const cfn = env.client(CloudFormationClient);
  return {
    env,
    run: (payload, o = {}) =>
      runPipelineWorkflow(
        env,
        o.workflow ?? 'image-pipeline.yml',
        { name: o.eventName ?? 'push', payload: payload as never },
        {
          runId: o.runId,
          runAttempt: o.runAttempt,
          stepEnv: o.stepEnv,
          onStep: o.onStep,
          onLine: o.log,
        },
      ),
    calls: () => Object.values(env.aws.admin.calls()).reduce((a, b) => a + b, 0),
    snapshot: () => env.aws.admin.dump(),
    restore: (s) => {
      // IAM (roles, sessions) is account-wide state: restore it with the regions.
      env.aws.state.regions = structuredClone(s.regions);
      env.aws.state.global = structuredClone(s.global);
    },
    endState: () => readEndState(env.aws.admin.dump(), cfn),
    close: () => env.close(),
  };
}

async function readEndState(state: EmulatorState, cfn: CloudFormationClient): Promise<EndState> {
  const ssm: EndState['ssm'] = {};
  for (const region of [PRIMARY, DR]) {
    const param = ssmState(state, region).params[PARAMETER];
    const amis = ec2State(state, region).images;
    ssm[region] = (param?.versions ?? []).map((v) => ({
      version: v.version,
      value: v.value,
      amiAvailable: amis[v.value]?.state === 'available',
      labels: v.labels,
    }));
  }
  const ib = ibState(state, PRIMARY);
  const builds = Object.values(ib.images).map((i) => ({
    arn: i.arn,
    version: i.version,
    status: i.final?.status ?? 'IN_PROGRESS',
    run: ib.tags[i.arn]?.['imagebuilder-gitops:run-id'],
  }));
  const components: Record<string, number> = {};
  for (const c of Object.values(ib.components)) components[c.name] = (components[c.name] ?? 0) + 1;
  return {
    ssm,
    builds,
    components,
    recipes: Object.keys(ib.recipes).length,
    stack: await stackState(cfn),
  };
}

async function stackState(cfn: CloudFormationClient): Promise<EndState['stack']> {
  try {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
    const output = (k: string) => s?.Outputs?.find((o) => o.OutputKey === k)?.OutputValue ?? '';
    const events: StackEvent[] = [];
    let token: string | undefined;
    do {
      const page = await cfn.send(
        new DescribeStackEventsCommand({ StackName: STACK, NextToken: token }),
      );
      events.push(...(page.StackEvents ?? []));
      token = page.NextToken;
    } while (token);
    const updates = events.filter(
      (e) => e.LogicalResourceId === STACK && e.ResourceStatus === 'UPDATE_COMPLETE',
    ).length;
    return {
      status: s?.StackStatus ?? 'NONE',
      version: output('AmiParameterVersion'),
      reason: s?.StackStatusReason ?? '',
      updates,
      instanceId: output('InstanceId'),
    };
  } catch {
    return { status: 'NONE', version: '', reason: '', updates: 0, instanceId: '' };
  }
}

/** A real component change, as a reviewer would approve it: one more shell command in apache-install. */
export function changeComponent(world: World, marker: string): void {
  const file = join(world.env.workspace.dir, 'components/apache-install.yml');
  const text = readFileSync(file, 'utf8');
  const next = text.replace(
    /^( *)- dnf clean all$/m,
    (line, indent: string) => `${line}\n${indent}- echo ${marker}`,
  );
  if (next === text)
    throw new Error('components/apache-install.yml no longer has "- dnf clean all"');
  writeFileSync(file, next);
}
