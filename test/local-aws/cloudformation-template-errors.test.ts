// CloudFormation refuses a template whose Ref, GetAtt, Sub or DependsOn names nothing, before any
// resource is touched, with a ValidationError naming the names and the block. An emulator that
// failed later (or with InternalFailure) would let a deploy test pass where AWS refuses the template.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { CreateChangeSetCommand, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { failure } from './helpers.js';
import { startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(() => env.aws.close());

const changeSet = (TemplateBody: string) =>
  env.cfn().send(
    new CreateChangeSetCommand({
      StackName: 's1',
      ChangeSetName: 'c1',
      ChangeSetType: 'CREATE',
      TemplateBody,
    }),
  );

describe('unresolved references in a template', () => {
  it('names every unknown Ref, GetAtt, Sub variable and DependsOn of the Resources block', async () => {
    const body = [
      'Parameters:',
      '  Env: {Type: String}',
      'Resources:',
      '  Handle:',
      '    Type: AWS::CloudFormation::WaitConditionHandle',
      '    DependsOn: [Missing1]',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: !Sub "${Env}-${AWS::Region}-${Missing2}"',
      '      DisplayName: !GetAtt Missing3.Name',
      '      Tags: [{Key: k, Value: !Ref Missing4}, {Key: h, Value: !Ref Handle}]',
    ].join('\n');
    const e = await failure(changeSet(body));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      'Template format error: Unresolved resource dependencies [Missing1, Missing2, Missing3, Missing4] in the Resources block of the template',
    );
  });

  it('checks the Outputs block the same way, and CreateStack as CreateChangeSet', async () => {
    const body = [
      'Resources:',
      '  Handle: {Type: AWS::CloudFormation::WaitConditionHandle}',
      'Outputs:',
      '  Id: {Value: !Ref Nothing}',
      '  Fine: {Value: !Ref Handle}',
      '  Stack: {Value: !Ref AWS::StackName}',
    ].join('\n');
    const e = await failure(
      env.cfn().send(new CreateStackCommand({ StackName: 's2', TemplateBody: body })),
    );
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      'Template format error: Unresolved resource dependencies [Nothing] in the Outputs block of the template',
    );
  });

  it('accepts references to resources, parameters and pseudo parameters', async () => {
    const body = [
      'Parameters:',
      '  Env: {Type: String, Default: dev}',
      'Resources:',
      '  Handle: {Type: AWS::CloudFormation::WaitConditionHandle}',
      '  Other:',
      '    Type: AWS::CloudFormation::WaitConditionHandle',
      '    DependsOn: Handle',
      '    Metadata: {Name: !Sub "${Env}-${AWS::AccountId}", Of: !Ref Handle}',
    ].join('\n');
    const r = await changeSet(body);
    expect(r.Id).toMatch(/:changeSet\/c1\//);
  });
});
