// Authorization mapping: every operation the emulator serves has one, an unmapped one is refused; EC2's and STS's cases.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { checksFor, SERVICE_AUTHZ } from '../../scripts/local-aws/authz/authorize.js';
import { SERVICES } from '../../scripts/local-aws/registry.js';
import {
  AUTHZ_IDS,
  expectMapping,
  mappingFixture,
  uncoveredOperations,
  type MappingCase,
  type MappingFixture,
} from './helpers.js';

const { R } = AUTHZ_IDS;

let fx: MappingFixture;
beforeAll(async () => {
  fx = await mappingFixture();
});

/** One sample request per operation and what IAM must see for it. */
const CASES: MappingCase[] = [
  [
    'ec2',
    'DescribeImages',
    {},
    [{ action: 'ec2:DescribeImages', resource: '*', keys: { 'ec2:Region': R } }],
  ],
  [
    'ec2',
    'CreateTags',
    { 'ResourceId.1': 'ami-0123456789abcdef0', 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' },
    [
      {
        action: 'ec2:CreateTags',
        resource: `arn:aws:ec2:${R}::image/ami-0123456789abcdef0`,
        keys: { 'aws:RequestTag/k': 'v', 'ec2:Region': R },
      },
    ],
  ],
  [
    'ec2',
    'EnableImageDeprecation',
    { ImageId: 'ami-0123456789abcdef0', DeprecateAt: '2026-12-02T00:00:00Z' },
    [
      {
        action: 'ec2:EnableImageDeprecation',
        resource: `arn:aws:ec2:${R}::image/ami-0123456789abcdef0`,
        keys: { 'ec2:Region': R },
      },
    ],
  ],
  [
    'ec2',
    'DescribeInstances',
    {},
    [{ action: 'ec2:DescribeInstances', resource: '*', keys: { 'ec2:Region': R } }],
  ],
  ['sts', 'GetCallerIdentity', {}, []],
  ['sts', 'AssumeRoleWithWebIdentity', {}, []],
];

describe('authorization mapping', () => {
  it('maps every operation the emulator serves', () => {
    const served = SERVICES.flatMap((s) =>
      Object.keys(s.operations).map((o) => `${s.signingName}.${o}`),
    );
    const mapped = Object.entries(SERVICE_AUTHZ).flatMap(([s, ops]) =>
      Object.keys(ops).map((o) => `${s}.${o}`),
    );
    expect(served.filter((o) => !mapped.includes(o))).toEqual([]);
  });

  it('has a case for every EC2 and STS operation the emulator serves', () => {
    expect([...uncoveredOperations('ec2', CASES), ...uncoveredOperations('sts', CASES)]).toEqual(
      [],
    );
  });

  it.each(CASES)('%s.%s', (...c) => expectMapping(fx, c));

  it('refuses an operation without a mapping instead of allowing it', () => {
    expect(() => checksFor('ssm', 'SendCommand', {}, fx.env)).toThrow(
      /no authorization mapping for ssm.SendCommand: add it to scripts\/local-aws\/authz\/map-ssm.ts/,
    );
  });
});
