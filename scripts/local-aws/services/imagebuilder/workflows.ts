/**
 * The workflows an AMI build runs, as AWS lists them (ListWorkflowExecutions and
 * ListWorkflowStepExecutions of a default image pipeline): the Amazon-managed `build-image` BUILD
 * workflow runs, inside the image's BUILDING status, LaunchBuildInstance, ApplyBuildComponents,
 * InventoryCollection, RunSanitizeScript (Linux) or RunSysPrepScript (Windows; the other one is
 * SKIPPED), CreateOutputAMI and TerminateBuildInstance; the `test-image` TEST workflow runs inside
 * TESTING with ApplyTestComponents between launching and terminating its test instance. Distribution
 * runs no workflow execution. With `imageTestsEnabled: false` "you can also skip tests entirely"
 * (user guide, pipeline-workflows.html): no TEST execution, and the image goes from BUILDING to
 * DISTRIBUTING. Step actions are the documented ones (user guide, wfdoc-step-actions.html).
 *
 * `share` is the step's part of its status's duration (the shares of one status sum to 1 for each
 * platform); `main` is the step a scripted failure of the whole status lands in.
 */

export type WorkflowType = 'BUILD' | 'TEST';

export interface StepDef {
  name: string;
  action: string;
  share: number;
  main?: boolean;
  /** Runs only on these platforms; SKIPPED elsewhere. */
  platforms?: string[];
}

export interface WorkflowDef {
  type: WorkflowType;
  /** The Amazon-managed workflow build version ARN's tail. */
  managed: string;
  steps: StepDef[];
}

export const WORKFLOWS: Record<string, WorkflowDef> = {
  BUILDING: {
    type: 'BUILD',
    managed: 'build/build-image/1.0.0/1',
    steps: [
      { name: 'LaunchBuildInstance', action: 'LaunchInstance', share: 0.1 },
      { name: 'ApplyBuildComponents', action: 'ExecuteComponents', share: 0.55, main: true },
      { name: 'InventoryCollection', action: 'CollectImageMetadata', share: 0.05 },
      {
        name: 'RunSanitizeScript',
        action: 'SanitizeInstance',
        share: 0.05,
        platforms: ['Linux', 'macOS'],
      },
      { name: 'RunSysPrepScript', action: 'RunSysPrep', share: 0.05, platforms: ['Windows'] },
      { name: 'CreateOutputAMI', action: 'CreateImage', share: 0.2 },
      { name: 'TerminateBuildInstance', action: 'TerminateInstance', share: 0.05 },
    ],
  },
  TESTING: {
    type: 'TEST',
    managed: 'test/test-image/1.0.0/1',
    steps: [
      { name: 'LaunchTestInstance', action: 'LaunchInstance', share: 0.2 },
      { name: 'ApplyTestComponents', action: 'ExecuteComponents', share: 0.7, main: true },
      { name: 'TerminateTestInstance', action: 'TerminateInstance', share: 0.1 },
    ],
  },
};

export function stepRuns(step: StepDef, platform: string): boolean {
  return !step.platforms || step.platforms.includes(platform);
}

/** The workflow and step a step name belongs to. */
export function findStep(name: string): { phase: string; step: StepDef } | undefined {
  for (const [phase, wf] of Object.entries(WORKFLOWS)) {
    const step = wf.steps.find((s) => s.name === name);
    if (step) return { phase, step };
  }
  return undefined;
}
