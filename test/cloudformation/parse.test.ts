import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { findingAtPath, nodeAt, parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { positionOf } from '../../actions/lib/yaml/source.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/templates/${name}`, import.meta.url), 'utf8');

function value(yaml: string): unknown {
  const r = parseTemplate(`V: ${yaml}\n`, 't.yml');
  expect(r.findings).toEqual([]);
  return r.template?.V;
}

describe('parseTemplate short forms', () => {
  it.each([
    ['!Ref Web', { Ref: 'Web' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Web.Arn', { 'Fn::GetAtt': ['Web', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Web, Arn]', { 'Fn::GetAtt': ['Web', 'Arn'] }],
    ["!Sub 'a-${AWS::Region}'", { 'Fn::Sub': 'a-${AWS::Region}' }],
    ["!Sub ['${X}', {X: !Ref Y}]", { 'Fn::Sub': ['${X}', { X: { Ref: 'Y' } }] }],
    ["!Join ['-', [a, !Ref B]]", { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!If [C, 1, !Ref AWS::NoValue]', { 'Fn::If': ['C', 1, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref E, prod]', { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!FindInMap [M, a, b]', { 'Fn::FindInMap': ['M', 'a', 'b'] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!GetAZs {Ref: AWS::Region}', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
    ['!ImportValue shared-vpc', { 'Fn::ImportValue': 'shared-vpc' }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
    [
      '!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
      { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    ],
    ['!ToJsonString {a: !Ref B}', { 'Fn::ToJsonString': { a: { Ref: 'B' } } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
  ])('%s', (short, long) => {
    expect(value(short)).toEqual(long);
  });

  it('keeps positions inside a tagged collection', () => {
    const text = [
      'Resources:',
      '  Web:',
      '    Properties:',
      '      Name: !Sub',
      "        - '${X}'",
      '        - X: !Ref Y',
      '',
    ].join('\n');
    const r = parseTemplate(text, 't.yml');
    const found = nodeAt(r.src!, ['Resources', 'Web', 'Properties', 'Name', 'Fn::Sub', 1, 'X']);
    expect(found.depth).toBe(7);
    expect(positionOf(r.src!, found.node)).toEqual({ line: 6, column: 19 });
  });

  it('finds the key of the last segment when asked, and the nearest ancestor for a missing path', () => {
    const r = parseTemplate(fixture('app-stack.yml'), 'app-stack.yml');
    const f = findingAtPath(
      r.src!,
      ['Resources', 'WebInstance', 'Properties', 'ImageId'],
      'error',
      'x/y',
      'm',
      { key: true },
    );
    expect([f.line, f.column]).toEqual([60, 7]);
    const missing = nodeAt(r.src!, ['Resources', 'WebInstance', 'Properties', 'Nope']);
    expect(missing.depth).toBe(3);
    expect(positionOf(r.src!, missing.node).line).toBe(60);
  });

  it('reads JSON templates with positions', () => {
    const r = parseTemplate(fixture('launch-template.json'), 'lt.json');
    expect(r.findings).toEqual([]);
    expect(r.template?.Resources?.WebGroup?.Type).toBe('AWS::AutoScaling::AutoScalingGroup');
    const n = nodeAt(r.src!, [
      'Resources',
      'WebGroup',
      'Properties',
      'LaunchTemplate',
      'Version',
      'Fn::GetAtt',
      1,
    ]);
    expect(positionOf(r.src!, n.node)).toEqual({ line: 27, column: 60 });
  });

  it('reports an unknown tag as an error with the accepted short forms', () => {
    const r = parseTemplate('Resources:\n  A: !Reff B\n', 't.yml');
    expect(r.template).toBeUndefined();
    expect(r.findings).toMatchObject([
      { rule: 'cfn/unknown-tag', severity: 'error', line: 2, column: 6 },
    ]);
    expect(r.findings[0]!.message).toContain('!Ref');
  });

  it('refuses two tags on one node (write one function in long form)', () => {
    const r = parseTemplate("Resources:\n  A: !Base64 !Sub 'x'\n", 't.yml');
    expect(r.findings[0]).toMatchObject({ severity: 'error', line: 2 });
  });

  it.each([
    ['', 'empty'],
    ['- a\n- b\n', 'a list'],
    ['just text\n', 'string'],
  ])('refuses a template that is not a mapping: %j', (text, what) => {
    const r = parseTemplate(text, 't.yml');
    expect(r.template).toBeUndefined();
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'cfn/not-a-mapping' });
    expect(r.findings[0]!.message).toContain(what);
  });

  it('reports duplicate keys with their line', () => {
    const r = parseTemplate('Resources:\n  A: {Type: X}\n  A: {Type: Y}\n', 't.yml');
    expect(r.findings).toMatchObject([{ rule: 'yaml/duplicate-key', line: 3 }]);
  });
});
