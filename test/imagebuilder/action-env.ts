/**
 * The build-image and wait-image actions run in-process against the emulator, so a test (and a
 * mutation-testing run, which mutates these sources, not the bundles) exercises the real action
 * logic. The actions create their own clients; like on a runner, they reach the emulator through
 * AWS_ENDPOINT_URL and dummy credentials in process.env, which `close()` restores.
 */
import {
  CreateDistributionConfigurationCommand,
  CreateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import type { ActionContext } from '../../actions/lib/core/action.js';
import { Inputs } from '../../actions/lib/core/inputs.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { PHASES } from '../../scripts/local-aws/services/imagebuilder/build.js';
import { startEnv, type Env } from '../local-aws/helpers.js';
import { BOOTSTRAP_ADMIN } from '../../scripts/local-aws/iam/model.js';

export const REGION = 'us-east-1';
/** Every build phase lasts one virtual minute: PENDING at +0, CREATING at +1 min, … */
export const PHASE_MS = 60_000;
/** The emulator's build phases, in order (its state machine is the one source). */
export { PHASES };

/** The runner's variables of one workflow run of a manual dispatch (no reuse of finished builds). */
export const RUN_ENV = {
  GITHUB_REPOSITORY: 'acme/golden-amis',
  GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  GITHUB_RUN_ID: '1001',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'workflow_dispatch',
};

export interface ActionRun {
  outputs: Record<string, string>;
  summaries: string[];
  logger: MemoryLogger;
  error?: Error;
}

export interface ActionEnv extends Env {
  infrastructureConfigurationArn: string;
  distributionConfigurationArn: string;
  /** Runs an action's main with these inputs and runner variables; a thrown error is returned. */
  run(
    main: (ctx: ActionContext) => Promise<void>,
    inputs: Record<string, string>,
    env?: Record<string, string>,
  ): Promise<ActionRun>;
  close(): Promise<void>;
}

const AWS_ENV = {
  // The emulator's account administrator: these library tests are about build-image and
  // wait-image, not the roles (test/e2e runs the bundles with role sessions).
  AWS_ACCESS_KEY_ID: BOOTSTRAP_ADMIN.accessKeyId,
  AWS_SECRET_ACCESS_KEY: BOOTSTRAP_ADMIN.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: 'true',
};

function restore(saved: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

export async function startActionEnv(): Promise<ActionEnv> {
  const env = await startEnv({
    buildDurations: Object.fromEntries(PHASES.map((p) => [p, PHASE_MS])),
  });
  const saved = Object.fromEntries(
    [...Object.keys(AWS_ENV), 'AWS_ENDPOINT_URL', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'].map((k) => [
      k,
      process.env[k],
    ]),
  );
  Object.assign(process.env, AWS_ENV, { AWS_ENDPOINT_URL: env.aws.endpoint });
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  const ib = env.ib(REGION);
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib-role' }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: 'dist',
      distributions: [
        {
          region: REGION,
          amiDistributionConfiguration: { name: 'web-{{ imagebuilder:buildDate }}' },
        },
      ],
    }),
  );
  return {
    ...env,
    infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
    distributionConfigurationArn: dist.distributionConfigurationArn!,
    async run(main, inputs, extra = {}) {
      const run: ActionRun = { outputs: {}, summaries: [], logger: new MemoryLogger() };
      const runEnv: Record<string, string> = { ...RUN_ENV, ...extra };
      const ctx: ActionContext = {
        inputs: new Inputs((n) => inputs[n] ?? '', actionName(main)),
        logger: run.logger,
        clock: env.clock,
        env: runEnv,
        setOutput: (k, v) => void (run.outputs[k] = v),
        summary: async (md) => void run.summaries.push(md),
      };
      // On a runner ctx.env is process.env: code that reads process.env directly sees the same run.
      const before = Object.fromEntries(Object.keys(runEnv).map((k) => [k, process.env[k]]));
      Object.assign(process.env, runEnv);
      try {
        await main(ctx);
      } catch (e) {
        run.error = e as Error;
      } finally {
        restore(before);
      }
      return run;
    },
    async close() {
      await env.aws.close();
      restore(saved);
    },
  };
}

/** The name the action's entry point runs it under (`buildImageAction` → `build-image`), as in errors. */
function actionName(main: { name: string }): string {
  return main.name.replace(/Action$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
