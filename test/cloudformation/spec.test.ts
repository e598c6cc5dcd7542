import { describe, it, expect } from '@jest/globals';
import { statSync } from 'node:fs';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import {
  decodeResource,
  decodeType,
  encodeResource,
  propertyTypeOf,
  resourceType,
} from '../../actions/lib/cloudformation/spec/types.js';
import { propertyCode, typeCode } from '../../scripts/gen-cfn-spec.js';

describe('resource specification', () => {
  it('covers the types this project deploys, with required flags and attributes', async () => {
    const spec = await loadResourceSpec();
    expect(spec.source).toMatch(/^@aws-cdk\/aws-service-spec@\d+\.\d+\.\d+$/);
    expect(Object.keys(spec.resources).length).toBeGreaterThan(1500);
    const sg = resourceType(spec, 'AWS::EC2::SecurityGroup')!;
    expect(decodeType(sg.p.GroupDescription!)).toEqual({ required: true, type: 'string' });
    expect(decodeType(sg.p.SecurityGroupIngress!)).toEqual({
      required: false,
      type: 'list',
      inner: 'Ingress',
    });
    expect(decodeType(propertyTypeOf(sg, 'Ingress')!.p.IpProtocol!).required).toBe(true);
    expect(sg.a).toContain('GroupId');
    expect(resourceType(spec, 'AWS::RDS::DBInstance')!.a).toContain('Endpoint.Address');
    expect(resourceType(spec, 'AWS::ImageBuilder::ImagePipeline')).toBeDefined();
    expect(resourceType(spec, 'AWS::Nope::Nope')).toBeUndefined();
    expect(resourceType(spec, 'toString')).toBeUndefined();
  });

  it('stays small enough to load lazily', () => {
    const bytes = statSync(
      new URL('../../actions/lib/cloudformation/spec/resource-spec.ts', import.meta.url),
    ).size;
    expect(bytes).toBeLessThan(2_000_000);
  });

  it('round-trips the per-type encoding', () => {
    const r = {
      p: { A: '!s', B: '[Thing' },
      a: ['Arn', 'Endpoint.Port'],
      t: { Thing: { p: { C: 'n' } } },
    };
    expect(decodeResource(encodeResource(r))).toEqual(r);
    expect(decodeResource(encodeResource({ p: {}, a: [] }))).toEqual({ p: {}, a: [] });
  });

  it('maps service-spec types to codes', () => {
    const names = new Map([['7', 'Ebs']]);
    expect(
      typeCode({ type: 'array', element: { type: 'ref', reference: { $ref: '7' } } }, names),
    ).toBe('[Ebs');
    expect(typeCode({ type: 'map', element: { type: 'integer' } }, names)).toBe('{n');
    expect(typeCode({ type: 'union', types: [{ type: 'json' }, { type: 'string' }] }, names)).toBe(
      '*',
    );
    expect(
      propertyCode(
        { type: { type: 'string' }, required: true, previousTypes: [{ type: 'json' }] },
        names,
      ),
    ).toBe('!*');
    expect(propertyCode({ type: { type: 'tag' } }, names)).toBe('g');
  });
});
