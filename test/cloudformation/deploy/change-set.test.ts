/**
 * What a change set request carries and how its end is read: changes over several pages, no
 * changes, a failed or deleted change set, a refused parameter. aws-sdk-client-mock (scripted-cfn.ts)
 * stays here because these are answers the emulator does not give: Changes paged with NextToken
 * below its page of 100, a CreateChangeSet answer without StackId, AWS's older "No updates are to
 * be performed." reason, DELETE_COMPLETE/DELETE_FAILED or FAILED without a StatusReason, and a
 * throttled DescribeChangeSet/DeleteChangeSet that the SDK's retries would otherwise absorb.
 * The same behaviours against the emulator: deploy.test.ts.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { AwsOperationError } from '../../../actions/lib/core/errors.js';
import {
  changeRows,
  createChangeSet,
  deleteChangeSet,
  type ChangeSetRequest,
} from '../../../actions/lib/cloudformation/deploy/change-set.js';
import { CS_ID, STACK_ID, WHERE, awsError, cfn, cfnMock, waitFor } from './scripted-cfn.js';

beforeEach(() => {
  cfnMock.reset();
});

describe('a change set', () => {
  const req: ChangeSetRequest = {
    stack: 'app',
    region: 'us-east-1',
    name: 'igo-1-1-0',
    type: 'UPDATE',
    templateBody: 'Resources: {}',
    parameters: [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '5' }],
    capabilities: ['CAPABILITY_NAMED_IAM'],
    tags: { app: 'web', team: 'platform' },
  };

  it('carries the template, parameters, capabilities and tags, and reads every page of changes', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    const change = (id: string) => ({
      Type: 'Resource' as const,
      ResourceChange: {
        LogicalResourceId: id,
        ResourceType: 'AWS::SNS::Topic',
        Action: 'Add' as const,
      },
    });
    cfnMock
      .on(DescribeChangeSetCommand)
      .resolvesOnce({ Status: 'CREATE_PENDING' })
      .resolvesOnce({ Status: 'CREATE_COMPLETE', Changes: [change('A')], NextToken: 't1' })
      .resolvesOnce({ Changes: [change('B')], NextToken: 't2' })
      .resolvesOnce({ Changes: [change('C')] });
    const out = await createChangeSet(cfn, req, waitFor());
    expect(out).toEqual({
      kind: 'changes',
      id: CS_ID,
      stackId: STACK_ID,
      rows: ['A', 'B', 'C'].map((logicalId) => ({
        logicalId,
        type: 'AWS::SNS::Topic',
        action: 'Add',
        replacement: '',
      })),
    });
    expect(cfnMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input).toEqual({
      StackName: 'app',
      ChangeSetName: 'igo-1-1-0',
      ChangeSetType: 'UPDATE',
      TemplateBody: 'Resources: {}',
      Parameters: req.parameters,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      RoleARN: undefined,
      Tags: [
        { Key: 'app', Value: 'web' },
        { Key: 'team', Value: 'platform' },
      ],
      Description: 'imagebuilder-gitops deploy-stack',
    });
    // Read by id on the stack's id; later pages by their token.
    expect(cfnMock.commandCalls(DescribeChangeSetCommand).map((c) => c.args[0].input)).toEqual([
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: undefined },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: undefined },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: 't1' },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: 't2' },
    ]);
  });

  it('without a stack id in the answer, is read on the stack name', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID });
    cfnMock.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_COMPLETE' });
    const out = await createChangeSet(cfn, req, waitFor());
    expect(out).toMatchObject({ kind: 'changes', stackId: 'app', rows: [] });
  });

  it('"No updates are to be performed" is no change, with the reason kept', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    cfnMock
      .on(DescribeChangeSetCommand)
      .resolves({ Status: 'FAILED', StatusReason: 'No updates are to be performed.' });
    await expect(createChangeSet(cfn, req, waitFor())).resolves.toEqual({
      kind: 'none',
      id: CS_ID,
      stackId: STACK_ID,
      reason: 'No updates are to be performed.',
    });
  });

  it('ends on a deleted change set too, saying so, and when no reason is given', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    for (const Status of ['DELETE_COMPLETE', 'DELETE_FAILED', 'FAILED'] as const) {
      cfnMock.on(DescribeChangeSetCommand).resolves({ Status });
      await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
        new AwsOperationError('CreateChangeSet', WHERE, new Error(`${Status}: no reason given`)),
      );
    }
  });

  it('a parameter the template does not declare is refused with what the template must declare', async () => {
    cfnMock
      .on(CreateChangeSetCommand)
      .rejects(
        awsError('ValidationError', 'Parameters: [AmiParameterName] do not exist in the template'),
      );
    const e = (await createChangeSet(cfn, req, waitFor()).catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(AwsOperationError);
    expect(e.message).toBe(
      `CreateChangeSet failed for ${WHERE}: ValidationError: Parameters: [AmiParameterName] do not exist in the template. ` +
        'The template must declare every parameter passed, including AmiParameterName and AmiParameterVersion',
    );
    cfnMock
      .on(CreateChangeSetCommand)
      .rejects(awsError('ValidationError', 'Template format error'));
    await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
      new AwsOperationError(
        'CreateChangeSet',
        WHERE,
        awsError('ValidationError', 'Template format error'),
      ),
    );
  });

  it('a failed read or delete names the operation and the change set', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    cfnMock.on(DescribeChangeSetCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
      `DescribeChangeSet failed for ${WHERE}: Throttling: Rate exceeded`,
    );
    cfnMock.on(DeleteChangeSetCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(deleteChangeSet(cfn, CS_ID, STACK_ID, 'stack app', waitFor())).rejects.toThrow(
      'DeleteChangeSet failed for stack app: Throttling: Rate exceeded',
    );
    cfnMock.on(DeleteChangeSetCommand).resolves({});
    await deleteChangeSet(cfn, CS_ID, STACK_ID, 'stack app', waitFor());
    expect(cfnMock.commandCalls(DeleteChangeSetCommand).at(-1)?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK_ID,
    });
  });

  it('lists only resource changes, with placeholders for what CloudFormation left out', () => {
    expect(changeRows([{ Type: 'Resource' }, { Type: 'Resource', ResourceChange: {} }])).toEqual([
      { logicalId: '?', type: '?', action: '?', replacement: '' },
    ]);
  });
});
