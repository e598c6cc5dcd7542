/**
 * How deploy-stack pins the AMI version: the spec resolved against the parameter's history in the
 * emulator's SSM (in-process) and the version the stack runs now.
 */
import { describe, it, expect } from '@jest/globals';
import type { Stack } from '@aws-sdk/client-cloudformation';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import {
  resolveAmiParameters,
  type DeployRequest,
} from '../../../actions/lib/cloudformation/deploy/deploy.js';
import { inProcessAws } from '../../support/in-process-aws.js';

const NAME = '/golden-ami/web';

describe('pinning the AMI version', () => {
  const base: DeployRequest = {
    stackName: 'app',
    region: 'us-east-1',
    templateBody: 'Resources: {}',
    parameters: [{ ParameterKey: 'Subnets', ParameterValue: 'subnet-1' }],
    capabilities: [],
    tags: {},
    timeoutMs: 60_000,
    changeSetName: 'igo-1-1-0',
  };

  it('without an AMI parameter, passes the parameters as given and reads no SSM', async () => {
    const aws = inProcessAws();
    const r = await resolveAmiParameters(base, undefined, aws.ssm('us-east-1'), new MemoryLogger());
    expect(r).toEqual({ parameters: base.parameters });
    expect(aws.emulator.admin.calls()).toEqual({});
  });

  it('pins the version the spec resolves to against what the stack runs now, and logs both', async () => {
    const aws = inProcessAws();
    const ssm = aws.ssm('us-east-1');
    for (let v = 1; v <= 7; v++)
      await ssm.send(
        new PutParameterCommand({ Name: NAME, Value: `ami-${v}`, Type: 'String', Overwrite: true }),
      );
    const stack = {
      StackName: 'app',
      StackStatus: 'UPDATE_COMPLETE',
      CreationTime: new Date(0),
      Parameters: [
        { ParameterKey: 'AmiParameterName', ParameterValue: NAME },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '7' },
      ],
    } as Stack;
    const logger = new MemoryLogger();
    const req = { ...base, ami: { parameterName: NAME, version: 'previous' } };
    const r = await resolveAmiParameters(req, stack, ssm, logger);
    expect(r).toEqual({
      amiVersion: 6,
      parameters: [
        { ParameterKey: 'Subnets', ParameterValue: 'subnet-1' },
        { ParameterKey: 'AmiParameterName', ParameterValue: NAME },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '6' },
      ],
    });
    expect(base.parameters).toHaveLength(1);
    expect(logger.text()).toContain(
      'AMI: /golden-ami/web:6 (previous: the highest version below the deployed 7, ami-6; deployed now: 7)',
    );
    const fresh = new MemoryLogger();
    await resolveAmiParameters(
      { ...req, ami: { ...req.ami, version: 'latest' } },
      undefined,
      ssm,
      fresh,
    );
    expect(fresh.text()).toContain(
      'AMI: /golden-ami/web:7 (latest version of /golden-ami/web, ami-7; deployed now: none)',
    );
  });
});
