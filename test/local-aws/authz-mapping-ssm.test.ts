// Authorization mapping of SSM's operations (authz/map-ssm.ts).
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUTHZ_IDS,
  expectMapping,
  mappingFixture,
  uncoveredOperations,
  type MappingCase,
  type MappingFixture,
} from './helpers.js';

const { A, R } = AUTHZ_IDS;

let fx: MappingFixture;
beforeAll(async () => {
  fx = await mappingFixture();
});

/** One sample request per operation and what IAM must see for it. */
const CASES: MappingCase[] = [
  [
    'ssm',
    'PutParameter',
    { Name: '/golden-ami/web', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] },
    [
      {
        action: 'ssm:PutParameter',
        resource: `arn:aws:ssm:${R}:${A}:parameter/golden-ami/web`,
        keys: { 'ssm:Overwrite': 'true', 'aws:RequestTag/k': 'v' },
      },
    ],
  ],
  [
    'ssm',
    'GetParameter',
    { Name: '/golden-ami/web:3' },
    [{ action: 'ssm:GetParameter', resource: `arn:aws:ssm:${R}:${A}:parameter/golden-ami/web` }],
  ],
  [
    'ssm',
    'GetParameters',
    // AWS's public parameters: no account in their ARN.
    {
      Names: [
        '/a',
        '/b:label',
        '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
      ],
    },
    [
      { action: 'ssm:GetParameters', resource: `arn:aws:ssm:${R}:${A}:parameter/a` },
      { action: 'ssm:GetParameters', resource: `arn:aws:ssm:${R}:${A}:parameter/b` },
      {
        action: 'ssm:GetParameters',
        resource: `arn:aws:ssm:${R}::parameter/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base`,
      },
    ],
  ],
  [
    'ssm',
    'GetParameterHistory',
    { Name: '/a' },
    [{ action: 'ssm:GetParameterHistory', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'GetParametersByPath',
    { Path: '/aws/service/ami-amazon-linux-latest', Recursive: true },
    [
      {
        action: 'ssm:GetParametersByPath',
        resource: `arn:aws:ssm:${R}::parameter/aws/service/ami-amazon-linux-latest`,
        keys: { 'ssm:Recursive': 'true' },
      },
    ],
  ],
  [
    'ssm',
    'LabelParameterVersion',
    { Name: '/a' },
    [{ action: 'ssm:LabelParameterVersion', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'DeleteParameter',
    { Name: '/a' },
    [{ action: 'ssm:DeleteParameter', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'AddTagsToResource',
    { ResourceType: 'Parameter', ResourceId: '/a', Tags: [{ Key: 'k', Value: 'v' }] },
    [
      {
        action: 'ssm:AddTagsToResource',
        resource: `arn:aws:ssm:${R}:${A}:parameter/a`,
        keys: { 'aws:RequestTag/k': 'v' },
      },
    ],
  ],
  [
    'ssm',
    'ListTagsForResource',
    { ResourceType: 'Parameter', ResourceId: '/a' },
    [{ action: 'ssm:ListTagsForResource', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'RemoveTagsFromResource',
    { ResourceType: 'Parameter', ResourceId: '/a', TagKeys: ['k'] },
    [
      {
        action: 'ssm:RemoveTagsFromResource',
        resource: `arn:aws:ssm:${R}:${A}:parameter/a`,
        keys: { 'aws:TagKeys': ['k'] },
      },
    ],
  ],
  ['ssm', 'DescribeParameters', {}, [{ action: 'ssm:DescribeParameters', resource: '*' }]],
];

describe('authorization mapping: SSM', () => {
  it('has a case for every ssm operation the emulator serves', () => {
    expect(uncoveredOperations('ssm', CASES)).toEqual([]);
  });

  it.each(CASES)('%s.%s', (...c) => expectMapping(fx, c));
});
