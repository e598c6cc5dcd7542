import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseTemplate, type Template } from '../../actions/lib/cloudformation/parse.js';
import {
  evaluate,
  evaluateCondition,
  IntrinsicError,
  resourceDependencies,
  type EvalContext,
} from '../../actions/lib/cloudformation/intrinsics.js';

const ctx: EvalContext = {
  parameters: { Env: 'prod', Subnets: ['subnet-1', 'subnet-2'], Version: 7 },
  pseudo: {
    region: 'eu-west-1',
    accountId: '123456789012',
    stackName: 'app',
    stackId: 'arn:stack/app/1',
  },
  ref: (id) => ({ Web: 'i-0abc', Sg: 'sg-1' })[id],
  getAtt: (id, attr) =>
    id === 'Web' && attr === 'PublicDnsName'
      ? 'web.example'
      : id === 'Db' && attr === 'Endpoint.Address'
        ? 'db.host'
        : undefined,
  conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Fixed: false,
  },
  mappings: { Sizes: { prod: { Gib: 50 } } },
  importValue: (name) => (name === 'shared-vpc' ? 'vpc-9' : undefined),
};

describe('evaluate', () => {
  it.each<[string, unknown, unknown]>([
    ['Ref parameter', { Ref: 'Env' }, 'prod'],
    ['Ref resource', { Ref: 'Web' }, 'i-0abc'],
    ['Ref pseudo', { Ref: 'AWS::AccountId' }, '123456789012'],
    [
      'partition and suffix by default',
      { 'Fn::Join': ['/', [{ Ref: 'AWS::Partition' }, { Ref: 'AWS::URLSuffix' }]] },
      'aws/amazonaws.com',
    ],
    ['GetAtt list', { 'Fn::GetAtt': ['Web', 'PublicDnsName'] }, 'web.example'],
    ['GetAtt dotted attribute', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, 'db.host'],
    [
      'Sub string',
      { 'Fn::Sub': '${AWS::StackName}-${Env}-${Web.PublicDnsName}-${!Literal}' },
      'app-prod-web.example-${Literal}',
    ],
    [
      'Sub with variables',
      { 'Fn::Sub': ['{{resolve:ssm:${N}:${Version}}}', { N: '/golden-ami/web' }] },
      '{{resolve:ssm:/golden-ami/web:7}}',
    ],
    ['Join of a list parameter', { 'Fn::Join': [',', { Ref: 'Subnets' }] }, 'subnet-1,subnet-2'],
    ['Select', { 'Fn::Select': ['1', { Ref: 'Subnets' }] }, 'subnet-2'],
    ['Split', { 'Fn::Split': [',', 'a,b,c'] }, ['a', 'b', 'c']],
    ['If true', { 'Fn::If': ['IsProd', 'big', 'small'] }, 'big'],
    ['If through Condition and Not', { 'Fn::If': ['IsDev', 'big', 'small'] }, 'small'],
    ['FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Gib'] }, 50],
    ['FindInMap default', { 'Fn::FindInMap': ['Sizes', 'dev', 'Gib', { DefaultValue: 8 }] }, 8],
    ['GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'],
    ['Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
    ['ImportValue', { 'Fn::ImportValue': 'shared-vpc' }, 'vpc-9'],
    ['Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    ['ToJsonString', { 'Fn::ToJsonString': { a: { Ref: 'Env' } } }, '{"a":"prod"}'],
    ['Length', { 'Fn::Length': { Ref: 'Subnets' } }, 2],
    [
      'And / Or / Equals',
      {
        'Fn::If': ['Fixed', 1, { 'Fn::Or': [{ 'Fn::Equals': [1, '1'] }, { Condition: 'Fixed' }] }],
      },
      true,
    ],
  ])('%s', (_name, value, expected) => {
    expect(evaluate(value, ctx)).toEqual(expected);
  });

  it('removes AWS::NoValue from mappings and lists, and gives undefined at the top', () => {
    const v = {
      Monitoring: { 'Fn::If': ['IsDev', true, { Ref: 'AWS::NoValue' }] },
      Ids: ['a', { 'Fn::If': ['IsDev', 'b', { Ref: 'AWS::NoValue' }] }],
    };
    expect(evaluate(v, ctx)).toEqual({ Ids: ['a'] });
    expect(evaluate({ Ref: 'AWS::NoValue' }, ctx)).toBeUndefined();
  });

  it('evaluates conditions by name', () => {
    expect(evaluateCondition('IsProd', ctx)).toBe(true);
    expect(evaluateCondition('IsDev', ctx)).toBe(false);
    expect(() =>
      evaluateCondition('Loop', { conditions: { Loop: { Condition: 'Loop' } } }),
    ).toThrow(/depends on itself/);
  });

  it.each<[unknown, string, RegExp]>([
    [{ Ref: 'Nope' }, 'Ref', /'Nope' is not a parameter/],
    [{ 'Fn::GetAtt': ['Web', 'Nope'] }, 'Fn::GetAtt', /'Nope' of 'Web'/],
    [{ 'Fn::Select': [5, ['a']] }, 'Fn::Select', /index 5/],
    [{ 'Fn::Sub': '${Subnets}' }, 'Fn::Sub', /\$\{Subnets\} is a list/],
    [{ 'Fn::If': ['Missing', 1, 2] }, 'Condition', /no condition named 'Missing'/],
    [{ 'Fn::ImportValue': 'x' }, 'Fn::ImportValue', /no stack exports 'x'/],
    [{ 'Fn::Transform': { Name: 'AWS::Include' } }, 'Fn::Transform', /not supported/],
  ])('throws a typed error naming the function and the path: %j', (value, fn, message) => {
    let caught: unknown;
    try {
      evaluate({ Props: { Name: value } }, ctx, ['Resources', 'Web']);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IntrinsicError);
    expect((caught as IntrinsicError).fn).toBe(fn);
    expect((caught as IntrinsicError).path.slice(0, 4)).toEqual([
      'Resources',
      'Web',
      'Props',
      'Name',
    ]);
    expect((caught as IntrinsicError).message).toMatch(message);
    expect((caught as IntrinsicError).message).toContain('Resources.Web.Props.Name');
  });

  it('evaluates the fixture instance properties with a stub context', () => {
    const text = readFileSync(
      new URL('../fixtures/templates/app-stack.yml', import.meta.url),
      'utf8',
    );
    const t = parseTemplate(text, 'app-stack.yml').template!;
    const props = evaluate(t.Resources!.WebInstance!.Properties, {
      ...ctx,
      parameters: {
        AmiParameterName: '/golden-ami/web',
        AmiParameterVersion: 3,
        InstanceType: 't3.micro',
        Environment: 'dev',
      },
      conditions: t.Conditions,
      mappings: t.Mappings,
      ref: (id) => `${id}-physical`,
      getAtt: (id, attr) => `${id}.${attr}`,
    }) as Record<string, unknown>;
    expect(props.ImageId).toBe('{{resolve:ssm:/golden-ami/web:3}}');
    expect(props).not.toHaveProperty('Monitoring');
    expect(props.SecurityGroupIds).toEqual(['WebSecurityGroup.GroupId']);
    expect(Buffer.from(String(props.UserData), 'base64').toString()).toContain('role WebRole.Arn');
  });
});

describe('resourceDependencies', () => {
  it('orders the fixture so every dependency comes first', () => {
    const text = readFileSync(
      new URL('../fixtures/templates/app-stack.yml', import.meta.url),
      'utf8',
    );
    const g = resourceDependencies(parseTemplate(text, 'a.yml').template!);
    expect(g.cycle).toBeUndefined();
    expect(g.dependsOn.WebInstance).toEqual(['WebSecurityGroup', 'WebRole', 'WebInstanceProfile']);
    expect(g.order).toEqual(['WebSecurityGroup', 'WebRole', 'WebInstanceProfile', 'WebInstance']);
  });

  it('ignores parameters, pseudo parameters and Sub variables from the map', () => {
    const t: Template = {
      Parameters: { P: { Type: 'String' } },
      Resources: {
        B: {
          Type: 'X',
          Properties: { A: { 'Fn::Sub': ['${A}-${P}-${AWS::Region}', { A: 'literal' }] } },
        },
        A: { Type: 'X' },
      },
    };
    expect(resourceDependencies(t)).toEqual({ dependsOn: { B: [], A: [] }, order: ['B', 'A'] });
  });

  it('reports a cycle', () => {
    const t: Template = {
      Resources: {
        A: { Type: 'X', Properties: { V: { 'Fn::GetAtt': 'B.Arn' } } },
        B: { Type: 'X', Properties: { V: { 'Fn::Sub': '${C}' } } },
        C: { Type: 'X', DependsOn: ['A'] },
        D: { Type: 'X' },
      },
    };
    const g = resourceDependencies(t);
    expect(g.order).toEqual([]);
    expect(g.cycle).toEqual(['A', 'B', 'C', 'A']);
  });
});
