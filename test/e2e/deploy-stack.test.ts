/**
 * deploy-stack, the bundled action run as a process against the emulator's CloudFormation with
 * stacks/app-ec2.yml: create, update to a new AMI version (instance replaced), no-op, the
 * unversioned-reference trap (#844), ROLLBACK_COMPLETE recovery, a failing update that rolls back,
 * and rollback by label and by `previous`. One emulator and one app stack, scenarios in order.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import {
  APP_STACK_PREFIX,
  expectExit,
  PRIMARY,
  startHarness,
  stackOutputs,
  type Harness,
} from './harness.js';

const PARAM = '/golden-ami/web-server';
const STACK = 'golden-ami-app-web-server';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A new AMI published as the next parameter version, labelled with its build version. */
async function publish(
  buildLabel: string,
  name = PARAM,
): Promise<{ ami: string; version: number }> {
  const ami = h.aws.admin.seedImage(PRIMARY, { name: `web-${buildLabel}` }).imageId;
  const put = await h
    .ssm()
    .send(new PutParameterCommand({ Name: name, Value: ami, Type: 'String', Overwrite: true }));
  await h.ssm().send(
    new LabelParameterVersionCommand({
      Name: name,
      ParameterVersion: put.Version,
      Labels: [buildLabel],
    }),
  );
  return { ami, version: put.Version! };
}

function deploy(version: string, extra: Record<string, string> = {}) {
  return h.run('deploy-stack', {
    'stack-name': STACK,
    template: 'stacks/app-ec2.yml',
    region: PRIMARY,
    'parameter-overrides': 'AllowedCidr=10.0.0.0/8\nInstanceType=t3.micro',
    'ami-parameter-name': PARAM,
    'ami-parameter-version': version,
    'timeout-minutes': '2',
    // The deploy role may create change sets only through the app stack execution role.
    'role-arn': h.roles.appExecution,
    ...extra,
  });
}

async function stack(name = STACK) {
  return (await h.cfn().send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
}

async function webServer(name = STACK) {
  const res = await h.cfn().send(new ListStackResourcesCommand({ StackName: name }));
  return res.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'WebServer');
}

describe('deploy-stack against the emulator', () => {
  const v: Record<string, { ami: string; version: number }> = {};
  let firstInstance: string;
  let secondInstance: string;

  it('creates the stack pinned to version 1, with its outputs', async () => {
    v['1'] = await publish('build-1.0.0-1');
    const r = expectExit(await deploy('1'), 0);
    expect(r.outputs['changed']).toBe('true');
    expect(r.outputs['ami-parameter-version']).toBe('1');
    expect(r.outputs['stack-status']).toBe('CREATE_COMPLETE');
    expect(r.outputs['WebsiteURL']).toMatch(/^http:\/\/ec2-[\d-]+\.compute-1\.amazonaws\.com$/);
    expect(r.outputs['InstanceId']).toMatch(/^i-[0-9a-f]{17}$/);
    expect(JSON.parse(r.outputs['outputs']!)).toMatchObject({ AmiParameterVersion: '1' });
    firstInstance = r.outputs['InstanceId']!;
  });

  it('version 2: a change, and the instance is replaced', async () => {
    v['2'] = await publish('build-1.0.1-1');
    const r = expectExit(await deploy(String(v['2'].version)), 0);
    expect(r.outputs['changed']).toBe('true');
    expect(r.outputs['ami-parameter-version']).toBe('2');
    expect(r.outputs['stack-status']).toBe('UPDATE_COMPLETE');
    secondInstance = r.outputs['InstanceId']!;
    expect(secondInstance).toMatch(/^i-/);
    expect(secondInstance).not.toBe(firstInstance);
    expect(r.summary).toMatch(/WebServer/);
    expect(r.summary).toMatch(/Replace|True/i);
  });

  it('version 2 again: no changes, changed=false', async () => {
    const r = expectExit(await deploy('2'), 0);
    expect(r.outputs['changed']).toBe('false');
    expect(r.outputs['InstanceId']).toBe(secondInstance);
    expect(r.stdout).toMatch(/No changes/);
  });

  it('an unversioned {{resolve:ssm}} does not pick up a new SSM value (why we pin: #844)', async () => {
    // CloudFormation resolves an unversioned dynamic reference only when the template or a
    // parameter changes (aws-cloudformation/cloudformation-coverage-roadmap#844): deploying the same
    // template after a new AMI was published is "no changes", and the new AMI is silently not
    // deployed. That is why app-ec2.yml takes AmiParameterVersion and deploy-stack pins it.
    const name = '/golden-ami/unversioned';
    await publish('build-u-1', name);
    h.write(
      'stacks/app-unversioned.yml',
      h
        .read('stacks/app-ec2.yml')
        .replace(
          '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}',
          '{{resolve:ssm:${AmiParameterName}}}',
        ),
    );
    const args = {
      'stack-name': `${APP_STACK_PREFIX}unversioned`,
      template: 'stacks/app-unversioned.yml',
      'ami-parameter-name': name,
      'ami-parameter-version': '1',
    };
    const created = expectExit(await deploy('1', args), 0);
    expect(created.outputs['changed']).toBe('true');
    await publish('build-u-2', name);
    const again = expectExit(await deploy('1', args), 0);
    expect(again.outputs['changed']).toBe('false');
    expect(again.outputs['InstanceId']).toBe(created.outputs['InstanceId']);
  });

  it('ROLLBACK_COMPLETE: a failed first create is deleted and created again', async () => {
    const name = `${APP_STACK_PREFIX}recreated`;
    await h.admin('build-failures', {
      pipeline: `cloudformation:${name}`,
      step: 'WebServer',
      reason: 'Insufficient capacity in us-east-1a (scripted)',
    });
    const failed = expectExit(await deploy('1', { 'stack-name': name }), 1);
    expect(failed.stdout).toContain('WebServer');
    expect(failed.stdout).toContain('Insufficient capacity in us-east-1a (scripted)');
    expect((await stack(name)).StackStatus).toBe('ROLLBACK_COMPLETE');
    const r = expectExit(await deploy('1', { 'stack-name': name }), 0);
    expect(r.stdout).toMatch(/ROLLBACK_COMPLETE.*deleting it and creating it again/);
    expect(r.outputs['changed']).toBe('true');
    expect(r.outputs['stack-status']).toBe('CREATE_COMPLETE');
  });

  it('a failing update exits 1 with the resource and reason; the stack keeps its instance', async () => {
    await h.admin('build-failures', {
      pipeline: `cloudformation:${STACK}`,
      step: 'WebServer',
      reason: 'The image id [ami-x] is not usable (scripted)',
    });
    const r = expectExit(await deploy('1'), 1);
    expect(r.stdout).toMatch(/::error::[^\n]*WebServer/s);
    expect(r.stdout).toContain('The image id [ami-x] is not usable (scripted)');
    const s = await stack();
    expect(s.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(stackOutputs(s)['InstanceId']).toBe(secondInstance);
    expect(stackOutputs(s)['AmiParameterVersion']).toBe('2');
    expect((await webServer())?.PhysicalResourceId).toBe(secondInstance);
  });

  it('rolls back by `previous` (version 1), then forward by label (build-1.0.1-1 = version 2)', async () => {
    const back = expectExit(await deploy('previous'), 0);
    expect(back.outputs['changed']).toBe('true');
    expect(back.outputs['ami-parameter-version']).toBe('1');
    expect(back.outputs['AmiParameterVersion']).toBe('1');
    expect(back.outputs['InstanceId']).not.toBe(secondInstance);
    const forward = expectExit(await deploy('build-1.0.1-1'), 0);
    expect(forward.outputs['changed']).toBe('true');
    expect(forward.outputs['ami-parameter-version']).toBe('2');
    expect(forward.outputs['AmiParameterVersion']).toBe('2');
    // No SSM write on a rollback: the parameter still has its two versions.
    expect(h.aws.admin.calls()['ssm.PutParameter']).toBe(4);
  });
});
