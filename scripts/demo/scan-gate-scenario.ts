/**
 * The demo's scan gate scenario: Inspector reports a critical vulnerability in every new build of
 * web-server (scripted through the emulator's admin API, as a vulnerable package would be); a rebuild
 * is blocked before publishing, SSM and the stack keep the release they had; then a commit adds the
 * exception to components/scan-exceptions.yml, the pipeline rebuilds, the gate lets the finding
 * through with its reason, and the new AMI is published and deployed.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineEnvironment } from './environment.js';
import type { WorkflowResult } from './workflow-runner.js';

export interface ScenarioTools {
  run(
    title: string,
    name: 'push' | 'workflow_dispatch',
    payload: Record<string, unknown>,
  ): Promise<WorkflowResult>;
  check(ok: boolean, what: string): void;
  /** The app stack's pinned AmiParameterVersion. */
  stackVersion(): Promise<string>;
}

const CVE = 'CVE-2024-6387';
const PARAMETER = '/golden-ami/web-server/x86_64';

async function ssmVersion(env: PipelineEnvironment): Promise<number | undefined> {
  const p = await env.client(SSMClient).send(new GetParameterCommand({ Name: PARAMETER }));
  return p.Parameter?.Version;
}

export async function scanGateScenario(env: PipelineEnvironment, t: ScenarioTools): Promise<void> {
  // Both architectures' builds (pipelines are named after the build target) carry the finding.
  for (const pipeline of ['web-server-x86_64', 'web-server-arm64'])
    env.aws.admin.scanRule({
      pipeline,
      findings: [
        {
          vulnerabilityId: CVE,
          severity: 'CRITICAL',
          package: 'openssh',
          version: '8.7p1',
          fixedInVersion: '8.7p1-38',
        },
      ],
    });
  const versionBefore = await ssmVersion(env);
  const stackBefore = await t.stackVersion();
  const blocked = await t.run(
    `Scan gate 1/2: Inspector reports a critical ${CVE} in the rebuilt image`,
    'workflow_dispatch',
    { inputs: { image: 'web-server', force: true, deploy: true } },
  );
  const gate = blocked.steps.find((s) => s.uses?.endsWith('scan-gate'));
  t.check(!blocked.success && gate?.outcome === 'failure', 'the scan gate blocked the image');
  t.check(
    !blocked.steps.some((s) => s.uses?.endsWith('publish-ami') && s.outcome === 'success'),
    'publish-ami did not run',
  );
  t.check(
    (await ssmVersion(env)) === versionBefore && (await t.stackVersion()) === stackBefore,
    `SSM (version ${versionBefore}) and the stack (version ${stackBefore}) are untouched`,
  );

  const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    join(env.workspace.dir, 'components/scan-exceptions.yml'),
    [
      'exceptions:',
      `  - id: ${CVE}`,
      '    image: web-server',
      '    reason: sshd is disabled on web-server instances; the fix ships with the next AL2023 release (SEC-42)',
      `    expires: ${expires}`,
      '',
    ].join('\n'),
  );
  const accepted = await t.run(
    `Scan gate 2/2: a reviewed commit accepts ${CVE} until ${expires}`,
    'push',
    env.workspace.commit(`scan-exceptions: accept ${CVE} for web-server until ${expires}`),
  );
  const after = await ssmVersion(env);
  t.check(accepted.success, 'the pipeline succeeded with the exception');
  t.check(
    after === (versionBefore ?? 0) + 1 && (await t.stackVersion()) === String(after),
    `the image was published (SSM version ${after}) and deployed`,
  );
}
