/**
 * The image pipeline as .github/workflows/image-pipeline.yml chains it, every step a bundled action
 * run as a process against the emulator and wired by the previous steps' outputs:
 * plan → build-image → wait-image → publish-ami → deploy-stack, on a push that changes a component.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { GetParameterHistoryCommand } from '@aws-sdk/client-ssm';
import {
  buildInputs,
  DR,
  expectExit,
  PRIMARY,
  startHarness,
  waitInputs,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ git: true });
});
afterAll(() => h.close());

interface MatrixRow {
  image: string;
  definition: string;
  rebuild: boolean;
  'ssm-parameter': string;
  'stack-name': string;
  'stack-template': string;
  'stack-parameters': string;
  reasons: string[];
}

describe('the pipeline chained by outputs', () => {
  it('push of a component change: plan, build, wait, publish, deploy', async () => {
    const before = h.git('rev-parse', 'HEAD');
    h.write(
      'components/apache-install.yml',
      h.read('components/apache-install.yml').replace('- dnf clean all', '- dnf clean all -q'),
    );
    h.git('commit', '-q', '-am', 'apache-install: quieter dnf clean');
    const after = h.git('rev-parse', 'HEAD');
    const eventPath = join(h.workspace, '..', `event-${Date.now()}.json`);
    writeFileSync(
      eventPath,
      JSON.stringify({
        before,
        after,
        head_commit: { message: 'apache-install: quieter dnf clean' },
      }),
    );
    const runner = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: after,
      GITHUB_RUN_ID: '4242',
    };

    const plan = expectExit(await h.run('plan', {}, runner), 0);
    expect(plan.outputs['has-images']).toBe('true');
    const matrix = JSON.parse(plan.outputs['matrix']!) as { include: MatrixRow[] };
    expect(matrix.include).toHaveLength(1);
    const row = matrix.include[0]!;
    expect(row).toMatchObject({ image: 'web-server', rebuild: true });
    expect(JSON.stringify(row.reasons)).toMatch(/apache-install/);
    // AllowedCidr has no default in app-ec2.yml: the image definition's stack parameters decide it.
    expect(row['stack-parameters']).toMatch(/^AllowedCidr=/m);

    const build = expectExit(
      await h.run('build-image', buildInputs(h, { definition: row.definition }), runner),
      0,
    );
    expect(build.outputs['attached']).toBe('false');

    const wait = expectExit(
      await h.run('wait-image', waitInputs(build.outputs['image-build-version-arn']!), runner),
      0,
    );
    const amis = JSON.parse(wait.outputs['amis']!) as Record<string, string>;
    expect(Object.keys(amis).sort()).toEqual([PRIMARY, DR]);

    const publish = expectExit(
      await h.run(
        'publish-ami',
        {
          amis: wait.outputs['amis']!,
          'parameter-name': row['ssm-parameter'],
          'primary-region': PRIMARY,
          'dr-regions': DR,
          'build-version': wait.outputs['image-version']!,
          labels: 'run-4242',
        },
        runner,
      ),
      0,
    );
    expect(JSON.parse(publish.outputs['versions']!)).toEqual({
      [PRIMARY]: { ami: amis[PRIMARY], version: 1 },
      [DR]: { ami: amis[DR], version: 1 },
    });
    const dr = await h.ssm(DR).send(new GetParameterHistoryCommand({ Name: row['ssm-parameter'] }));
    expect(dr.Parameters?.[0]?.Labels).toContain('run-4242');

    // The workflow pins the version this run published by its run label.
    const deploy = expectExit(
      await h.run(
        'deploy-stack',
        {
          'stack-name': row['stack-name'],
          template: row['stack-template'],
          region: PRIMARY,
          'parameter-overrides': row['stack-parameters'],
          'ami-parameter-name': row['ssm-parameter'],
          'ami-parameter-version': 'run-4242',
          'role-arn': h.roles.appExecution,
        },
        runner,
      ),
      0,
    );
    expect(deploy.outputs['changed']).toBe('true');
    expect(deploy.outputs['ami-parameter-version']).toBe('1');
    expect(deploy.outputs['InstanceId']).toMatch(/^i-[0-9a-f]{17}$/);
    expect(deploy.outputs['AmiParameterVersion']).toBe('1');
    // The instance runs the AMI the build distributed to the primary region.
    const ec2 = await h.ec2().send(new DescribeImagesCommand({ ImageIds: [amis[PRIMARY]!] }));
    expect(ec2.Images?.[0]?.Tags?.find((t) => t.Key === 'Ec2ImageBuilderArn')?.Value).toBe(
      build.outputs['image-build-version-arn'],
    );
  });
});
