/**
 * Windows builds (issue 14): a Windows Server parent, sysprep, and the platform of components
 * and parents checked as Image Builder checks them; the repository's sample components. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  GetImageRecipeCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  AL2023_ARM,
  COMPONENT_DOC,
  everyPhase,
  failure,
  parentTools,
  startEnv,
  WINDOWS_DOC,
  WS2022,
  type Env,
} from './helpers.js';

const STEP = 60_000;
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

const { component, pipeline, build, describe1 } = parentTools(() => env);

describe('Windows', () => {
  it('builds a Windows image on the public Windows Server 2022 parameter, with sysprep', async () => {
    const ib = env.ib();
    const { pipeline: p, recipe } = await pipeline(ib, 'win', `ssm:${WS2022}`, {
      platform: 'Windows',
      instanceTypes: ['m5.large'],
    });
    const r = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: recipe }));
    expect(r.imageRecipe?.platform).toBe('Windows');
    const { image, ami, arn } = await build(ib, p);
    expect(image).toMatchObject({
      platform: 'Windows',
      osVersion: 'Microsoft Windows Server 2022',
      state: { status: 'AVAILABLE' },
    });
    expect(await describe1(ami!)).toMatchObject({
      Platform: 'windows',
      PlatformDetails: 'Windows',
      Architecture: 'x86_64',
      RootDeviceName: '/dev/sda1',
    });
    const wf = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const steps = await ib.send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: wf.workflowExecutions![0]!.workflowExecutionId,
      }),
    );
    const status = Object.fromEntries(steps.steps!.map((s) => [s.name, s.status]));
    expect(status).toMatchObject({ RunSysPrepScript: 'COMPLETED', RunSanitizeScript: 'SKIPPED' });
  });

  it("refuses an action of the other platform at CreateComponent, in Image Builder's words", async () => {
    const ib = env.ib();
    for (const [platform, data, action] of [
      ['Linux', WINDOWS_DOC, 'ExecutePowerShell for os platform linux'],
      ['Windows', COMPONENT_DOC, 'ExecuteBash for os platform windows'],
    ] as const) {
      const e = await failure(
        ib.send(
          new CreateComponentCommand({ name: 'mixed', semanticVersion: '1.0.0', platform, data }),
        ),
      );
      expect(e.name).toBe('InvalidParameterValueException');
      expect(e.message).toMatch(
        new RegExp(
          `^The value supplied for parameter 'data' is not valid\\. Parsing step '\\w+' in phase 'build' failed\\. Error: Unsupported action ${action}\\.$`,
        ),
      );
    }
  });

  it('refuses a component of the other platform than the parent at CreateImageRecipe', async () => {
    const ib = env.ib();
    const linux = await component(ib, 'Linux');
    const windows = await component(ib, 'Windows');
    for (const [parent, c, platforms] of [
      [`ssm:${WS2022}`, linux, 'is for platform Linux; the parent image is Windows'],
      [`ssm:${AL2023_ARM}`, windows, 'is for platform Windows; the parent image is Linux'],
    ] as const) {
      const e = await failure(
        ib.send(
          new CreateImageRecipeCommand({
            name: 'mixed',
            semanticVersion: '1.0.0',
            parentImage: parent,
            components: [{ componentArn: c }],
          }),
        ),
      );
      expect(e.name).toBe('InvalidParameterValueException');
      expect(e.message).toContain(
        `The value supplied for parameter 'components' is not valid. Component ARN '${c}' ${platforms}`,
      );
    }
  });
});

describe("the repository's sample components", () => {
  it('are accepted by CreateComponent on their platform and refused on the other', async () => {
    const ib = env.ib();
    const read = (f: string) =>
      readFileSync(new URL(`../../components/${f}`, import.meta.url), 'utf8');
    for (const [file, platform, other] of [
      ['linux-hardening.yml', 'Linux', 'Windows'],
      ['linux-hardening-test.yml', 'Linux', 'Windows'],
      ['windows-baseline.yml', 'Windows', 'Linux'],
    ] as const) {
      const data = read(file);
      const name = file.replace(/\.yml$/, '');
      const ok = await ib.send(
        new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform, data }),
      );
      expect(ok.componentBuildVersionArn).toContain(`component/${name}/1.0.0/1`);
      const e = await failure(
        ib.send(
          new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform: other, data }),
        ),
      );
      expect(e.message).toContain(`for os platform ${other.toLowerCase()}`);
    }
  });
});
