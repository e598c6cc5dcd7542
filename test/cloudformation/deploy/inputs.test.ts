import { describe, it, expect } from '@jest/globals';
import {
  checkTemplateSize,
  overridesIsFile,
  parseCapabilities,
  parseParameterOverrides,
} from '../../../actions/lib/cloudformation/deploy/inputs.js';
import {
  changeSetName,
  isNoChangeReason,
} from '../../../actions/lib/cloudformation/deploy/change-set.js';
import {
  declaredParameters,
  withPreviousValues,
} from '../../../actions/lib/cloudformation/deploy/previous-values.js';
import { planForStatus } from '../../../actions/lib/cloudformation/deploy/stack-state.js';
import { outputName, readDeployInputs } from '../../../actions/deploy-stack/main.js';
import { Inputs } from '../../../actions/lib/core/inputs.js';
import { VirtualClock } from '../../../actions/lib/core/clock.js';

const noFile = (p: string): string => {
  throw new Error(`ENOENT: ${p}`);
};

describe('deploy inputs', () => {
  it('parses key=value lines with commas and = in values', () => {
    expect(
      parseParameterOverrides('Subnets=subnet-1,subnet-2\n# note\nUserData=a=b\n', noFile),
    ).toEqual([
      { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
      { ParameterKey: 'UserData', ParameterValue: 'a=b' },
    ]);
  });

  it('reads a JSON file in either shape', () => {
    const files: Record<string, string> = {
      'p.json':
        '[{"ParameterKey":"A","ParameterValue":"1,2"},{"ParameterKey":"B","UsePreviousValue":true}]',
      'o.json': '{"A":"x","N":3}',
    };
    const read = (p: string) => files[p] ?? noFile(p);
    expect(overridesIsFile('file://p.json')).toBe('p.json');
    expect(parseParameterOverrides('file://p.json', read)).toEqual([
      { ParameterKey: 'A', ParameterValue: '1,2' },
      { ParameterKey: 'B', UsePreviousValue: true },
    ]);
    expect(parseParameterOverrides('o.json', read)).toEqual([
      { ParameterKey: 'A', ParameterValue: 'x' },
      { ParameterKey: 'N', ParameterValue: '3' },
    ]);
    expect(() => parseParameterOverrides('missing.json', read)).toThrow(
      "Cannot read parameter-overrides file 'missing.json'",
    );
  });

  it('rejects bad lines, duplicates and the AMI parameters', () => {
    expect(() => parseParameterOverrides('A=1\njunk line\nB=2', noFile)).toThrow(
      'line 2 must be Key=Value',
    );
    expect(() => parseParameterOverrides('A=1\nA=2', noFile)).toThrow('given twice');
    expect(() => parseParameterOverrides('AmiParameterVersion=3', noFile)).toThrow(
      'ami-parameter-version',
    );
  });

  it('parses capabilities with a default', () => {
    expect(parseCapabilities(undefined)).toEqual(['CAPABILITY_IAM']);
    expect(parseCapabilities('CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND')).toEqual([
      'CAPABILITY_NAMED_IAM',
      'CAPABILITY_AUTO_EXPAND',
    ]);
    expect(parseCapabilities('none')).toEqual([]);
    expect(() => parseCapabilities('CAPABILITY_ALL')).toThrow(
      "Unknown capability 'CAPABILITY_ALL'",
    );
  });

  it('refuses a template past 51,200 bytes and suggests S3', () => {
    expect(() => checkTemplateSize('x'.repeat(51_201), 'stacks/app.yml')).toThrow(
      'Upload it to S3',
    );
    expect(checkTemplateSize('x'.repeat(51_200), 'stacks/app.yml')).toHaveLength(51_200);
  });

  it('knows the no-change reasons and names change sets uniquely', () => {
    expect(
      isNoChangeReason(
        "The submitted information didn't contain changes. Submit different information to create a change set.",
      ),
    ).toBe(true);
    expect(isNoChangeReason('No updates are to be performed.')).toBe(true);
    expect(isNoChangeReason('Template error')).toBe(false);
    expect(changeSetName({ GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '2' }, 42)).toBe(
      'igo-123-2-42',
    );
  });

  it('plans by stack status', () => {
    expect(planForStatus(undefined, 'app', 'us-east-1').kind).toBe('create');
    expect(planForStatus('REVIEW_IN_PROGRESS', 'app', 'us-east-1').kind).toBe('create');
    expect(planForStatus('UPDATE_ROLLBACK_COMPLETE', 'app', 'us-east-1').kind).toBe('update');
    expect(planForStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'app', 'us-east-1').kind).toBe(
      'wait',
    );
    expect(planForStatus('ROLLBACK_FAILED', 'app', 'us-east-1').kind).toBe('recreate');
    expect(planForStatus('DELETE_FAILED', 'app', 'us-east-1')).toMatchObject({
      kind: 'fail',
      message: expect.stringContaining('delete-stack'),
    });
  });

  it('reads the action inputs', () => {
    const vals: Record<string, string> = {
      'stack-name': 'app',
      template: 'stacks/app.yml',
      region: 'eu-west-1',
      'parameter-overrides': 'Subnets=a,b',
      'ami-parameter-name': '/golden-ami/web',
      'ami-parameter-version': 'previous',
      'termination-protection': 'true',
      'timeout-minutes': '5',
    };
    const req = readDeployInputs(
      {
        inputs: new Inputs((n) => vals[n] ?? '', 'deploy-stack'),
        env: { GITHUB_RUN_ID: '9' },
        clock: new VirtualClock(7),
      },
      () => 'Resources: {}',
    );
    expect(req).toMatchObject({
      stackName: 'app',
      region: 'eu-west-1',
      ami: { parameterName: '/golden-ami/web', version: 'previous' },
      terminationProtection: true,
      timeoutMs: 300_000,
      changeSetName: 'igo-9-1-7',
      capabilities: ['CAPABILITY_IAM'],
    });
    expect(outputName('Instance.Id')).toBe('Instance_Id');
  });
});

describe('withPreviousValues', () => {
  const template =
    'Parameters:\n  AmiParameterVersion: {Type: String}\n  AllowedCidr: {Type: String}\n  InstanceType: {Type: String, Default: t3.micro}\nResources: {}\n';
  it('keeps the current value of every declared parameter that is not given', () => {
    const current = [
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '2' },
      { ParameterKey: 'AllowedCidr', ParameterValue: '203.0.113.0/24' },
      { ParameterKey: 'InstanceType', ParameterValue: 't3.small' },
      { ParameterKey: 'Removed', ParameterValue: 'x' },
    ];
    const given = [
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '1' },
      { ParameterKey: 'InstanceType', ParameterValue: 't3.micro' },
    ];
    expect(withPreviousValues(given, current, declaredParameters(template))).toEqual([
      ...given,
      { ParameterKey: 'AllowedCidr', UsePreviousValue: true },
    ]);
  });

  it('adds nothing for a new stack or an unparsable template', () => {
    expect(withPreviousValues([], undefined, declaredParameters(template))).toEqual([]);
    expect(declaredParameters('Resources: [')).toEqual([]);
  });
});

describe('paths relative to the workspace', () => {
  const ctx = (vals: Record<string, string>) => ({
    inputs: new Inputs((n) => vals[n] ?? '', 'deploy-stack'),
    env: { GITHUB_RUN_ID: '9', GITHUB_WORKSPACE: '/ws/app' },
    clock: new VirtualClock(7),
  });

  it('reads the template from GITHUB_WORKSPACE, not the current folder', () => {
    const read: string[] = [];
    readDeployInputs(
      ctx({ 'stack-name': 'app', region: 'us-east-1', template: 'stacks/app.yml' }),
      (p) => (read.push(p), 'Resources: {}'),
    );
    expect(read).toEqual(['/ws/app/stacks/app.yml']);
  });

  it('refuses a template or parameter file outside the workspace, naming the input', () => {
    expect(() =>
      readDeployInputs(
        ctx({ 'stack-name': 'app', region: 'us-east-1', template: '../../x/app.yml' }),
        () => 'Resources: {}',
      ),
    ).toThrow(
      "Input 'template' of action 'deploy-stack': '../../x/app.yml' is outside the workspace",
    );
    expect(() =>
      readDeployInputs(
        ctx({
          'stack-name': 'app',
          region: 'us-east-1',
          template: 'stacks/app.yml',
          'parameter-overrides': '/etc/params.json',
        }),
        () => 'Resources: {}',
      ),
    ).toThrow(
      "Input 'parameter-overrides' of action 'deploy-stack': '/etc/params.json' is outside",
    );
  });
});
