// Refs, GetAtts, Subs, conditions, mappings and dependency cycles (validate-references.ts).
import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { rules, templateChecker } from './helpers.js';

let check: (text: string) => Finding[];
beforeAll(async () => {
  check = await templateChecker();
});

describe('reference rules', () => {
  const base = (lines: string[]) =>
    [
      'Parameters:',
      '  P: {Type: String}',
      'Conditions:',
      '  C: !Equals [!Ref P, x]',
      'Resources:',
      '  Topic: {Type: AWS::SNS::Topic}',
      '  Other:',
      '    Type: AWS::SNS::Topic',
      ...lines,
      '',
    ].join('\n');

  it.each([
    ['    Properties: {TopicName: !Ref P}', []],
    ['    Properties: {TopicName: !Ref AWS::StackName}', []],
    ['    Properties: {TopicName: !Ref Nope}', ['cfn/unknown-ref']],
    ["    Properties: {TopicName: !Sub '${P}-${AWS::Region}-${!Literal}'}", []],
    ["    Properties: {TopicName: !Sub '${Topic.TopicName}'}", []],
    ["    Properties: {TopicName: !Sub '${Other.TopicName}'}", ['cfn/circular-dependency']],
    ["    Properties: {TopicName: !Sub '${Topic.Nope}'}", ['cfn/unknown-attribute']],
    ["    Properties: {TopicName: !Sub '${Q}'}", ['cfn/unknown-ref']],
    ["    Properties: {TopicName: !Sub ['${Q}', {Q: !Ref P}]}", []],
    ['    Properties: {TopicName: !GetAtt Topic.TopicArn}', []],
    ['    Properties: {TopicName: !GetAtt Topik.TopicArn}', ['cfn/unknown-getatt']],
    ['    Properties: {TopicName: !If [D, a, b]}', ['cfn/unknown-condition']],
    ['    Condition: C', []],
    ['    Condition: D', ['cfn/unknown-condition']],
    ['    Properties: {TopicName: !FindInMap [M, a, b]}', ['cfn/unknown-mapping']],
  ])('%s', (line, expected) => {
    expect(rules(check(base([line])))).toEqual(expected);
  });

  it('places a Sub finding on the Sub and says which variable', () => {
    const fs = check(base(['    Properties:', "      TopicName: !Sub '${Nope}'"]));
    expect(fs).toMatchObject([
      { rule: 'cfn/unknown-ref', line: 10, message: expect.stringContaining('${Nope}') },
    ]);
  });

  it('refuses a resource Ref inside Conditions and a circular dependency', () => {
    const cond = [
      'Conditions:',
      '  C: !Equals [!Ref T, x]',
      'Resources:',
      '  T: {Type: AWS::SNS::Topic}',
      '',
    ].join('\n');
    expect(rules(check(cond))).toEqual(['cfn/unknown-ref']);
    const cycle = [
      'Resources:',
      '  A: {Type: AWS::SNS::Topic, DependsOn: B}',
      '  B: {Type: AWS::SNS::Topic, DependsOn: A}',
      '',
    ].join('\n');
    expect(check(cycle)).toMatchObject([
      { rule: 'cfn/circular-dependency', message: expect.stringContaining('A → B → A') },
    ]);
  });
});
