/**
 * Resources against the resource specification: logical ids, resource attributes and policies,
 * known types; their properties in validate-properties.ts.
 */
import { type Check, hasTransform, isMapping, kindName } from './check.js';
import { intrinsicName } from './intrinsics.js';
import { resourceType } from './spec/types.js';
import { checkObject } from './validate-properties.js';
import { didYouMean } from '../core/suggest.js';

const RESOURCE_KEYS = [
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'CreationPolicy',
  'DeletionPolicy',
  'UpdatePolicy',
  'UpdateReplacePolicy',
  'Version',
];
const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];

export function checkResources(c: Check): void {
  const resources = c.template.Resources;
  if (resources === undefined) {
    c.report(
      [],
      'error',
      'cfn/missing-resources',
      'The template has no Resources section: add one with at least one resource.',
    );
    return;
  }
  if (!isMapping(resources) || Object.keys(resources).length === 0) {
    c.report(
      ['Resources'],
      'error',
      'cfn/resources-not-mapping',
      `Resources must be a mapping of logical ids to resources, got ${kindName(resources)}: declare at least one resource.`,
    );
    return;
  }
  const foreach = hasTransform(c.template, 'AWS::LanguageExtensions');
  for (const [id, resource] of Object.entries(resources)) {
    if (foreach && id.startsWith('Fn::ForEach::')) continue;
    checkResource(c, id, resource);
  }
}

function checkResource(c: Check, id: string, resource: unknown): void {
  const path = ['Resources', id];
  if (!/^[A-Za-z0-9]+$/.test(id)) {
    c.report(
      path,
      'error',
      'cfn/logical-id',
      `Logical id '${id}' must be alphanumeric (A-Z, a-z, 0-9): rename it.`,
      { key: true },
    );
  }
  if (!isMapping(resource)) {
    c.report(
      path,
      'error',
      'cfn/resource-not-mapping',
      `Resource '${id}' must be a mapping with a Type, got ${kindName(resource)}.`,
    );
    return;
  }
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_KEYS.includes(key)) {
      c.report(
        [...path, key],
        'error',
        'cfn/unknown-resource-attribute',
        `'${key}' is not a resource attribute (allowed: ${RESOURCE_KEYS.join(', ')}).${didYouMean(key, RESOURCE_KEYS)}`,
        { key: true },
      );
    }
  }
  for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const v = resource[key];
    if (typeof v === 'string' && !POLICIES.includes(v)) {
      c.report(
        [...path, key],
        'error',
        'cfn/deletion-policy',
        `${key} '${v}' is not one of ${POLICIES.join(', ')}.${didYouMean(v, POLICIES)}`,
      );
    }
  }
  const type = resource.Type;
  if (type === undefined) {
    c.report(
      path,
      'error',
      'cfn/missing-type',
      `Resource '${id}' has no Type: add one, e.g. Type: AWS::EC2::Instance.`,
      { key: true },
    );
    return;
  }
  if (typeof type !== 'string') {
    c.report(
      [...path, 'Type'],
      'error',
      'cfn/missing-type',
      `The Type of '${id}' must be a string, got ${kindName(type)}.`,
    );
    return;
  }
  checkType(c, id, type, resource.Properties);
}

function checkType(c: Check, id: string, type: string, properties: unknown): void {
  const path = ['Resources', id];
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    if (isMapping(properties) && !('ServiceToken' in properties)) {
      c.report(
        [...path, 'Properties'],
        'error',
        'cfn/missing-property',
        `Custom resource '${id}' needs a ServiceToken (the ARN of the Lambda function or SNS topic that handles it).`,
        { key: true },
      );
    }
    return;
  }
  if (type.endsWith('::MODULE')) {
    c.report(
      [...path, 'Type'],
      'warning',
      'cfn/module',
      `'${type}' is a registry module: its properties are not checked here. Check it with the module's schema.`,
    );
    return;
  }
  const spec = resourceType(c.spec, type);
  if (!spec) {
    if (
      type.startsWith('AWS::Serverless::') &&
      hasTransform(c.template, 'AWS::Serverless-2016-10-31')
    )
      return;
    const hint = type.startsWith('AWS::Serverless::')
      ? ' SAM types need `Transform: AWS::Serverless-2016-10-31`.'
      : didYouMean(type, Object.keys(c.spec.resources));
    c.report(
      [...path, 'Type'],
      'error',
      'cfn/unknown-type',
      `Unknown resource type '${type}' (${c.spec.source}).${hint}`,
    );
    return;
  }
  if (properties !== undefined && !isMapping(properties)) {
    c.report(
      [...path, 'Properties'],
      'error',
      'cfn/property-type',
      `Properties of '${id}' must be a mapping, got ${kindName(properties)}.`,
    );
    return;
  }
  if (properties !== undefined && intrinsicName(properties)) return;
  checkObject(
    c,
    spec,
    spec,
    properties ?? {},
    [...path, 'Properties'],
    `'${id}' (${type})`,
    properties === undefined,
  );
}
