/**
 * Reading a template as CloudFormation does at CreateStack/CreateChangeSet time: the shared parser
 * (short forms included), "Template format error" for what CloudFormation rejects up front
 * (unreadable text, unrecognized resource types, circular dependencies), the IAM capabilities
 * check, and the conditions that decide which resources exist.
 */
import {
  evaluateCondition,
  parseTemplate,
  referencedNames,
  resourceDependencies,
  resourceType,
  type ResourceSpec,
  type Template,
} from '../../../../actions/lib/cloudformation/index.js';
import { ApiError } from '../../types.js';
import { validation } from './model.js';

export function readTemplate(body: string, spec: ResourceSpec): Template {
  const parsed = parseTemplate(body, 'template');
  const error = parsed.findings.find((f) => f.severity === 'error');
  if (!parsed.template || error)
    throw validation(`Template format error: ${error?.message ?? 'unreadable template'}`);
  const t = parsed.template;
  if (!t.Resources || typeof t.Resources !== 'object' || Object.keys(t.Resources).length === 0) {
    throw validation('Template format error: At least one Resources member must be defined.');
  }
  const unknown = [...new Set(Object.values(t.Resources).map((r) => String(r?.Type ?? '')))].filter(
    (type) =>
      !type.startsWith('Custom::') &&
      type !== 'AWS::CloudFormation::WaitConditionHandle' &&
      !resourceType(spec, type),
  );
  if (unknown.length)
    throw validation(`Template format error: Unrecognized resource types: [${unknown.join(', ')}]`);
  for (const block of ['Resources', 'Outputs'] as const) {
    const missing = unresolvedNames(t, block);
    if (missing.length)
      throw validation(
        `Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the ${block} block of the template`,
      );
  }
  const graph = resourceDependencies(t);
  if (graph.cycle)
    throw validation(
      `Circular dependency between resources: [${[...new Set(graph.cycle)].join(', ')}]`,
    );
  return t;
}

/**
 * Names a block refers to (Ref, Fn::GetAtt, Fn::Sub, and a resource's DependsOn) that are neither
 * a resource nor a parameter nor a pseudo parameter (`AWS::Region`…). CloudFormation refuses such
 * a template at CreateStack/CreateChangeSet with a ValidationError, "Template format error:
 * Unresolved resource dependencies [X] in the Resources block of the template" (the same wording
 * for the Outputs block), before any resource is touched.
 */
export function unresolvedNames(t: Template, block: 'Resources' | 'Outputs'): string[] {
  const entries = Object.values((t[block] ?? {}) as Record<string, Record<string, unknown>>);
  const found = new Set<string>();
  for (const e of entries) {
    if (!e || typeof e !== 'object') continue;
    const { Type: _type, Condition: _condition, DependsOn, ...rest } = e;
    referencedNames(rest, found);
    if (block === 'Resources') {
      for (const d of typeof DependsOn === 'string'
        ? [DependsOn]
        : Array.isArray(DependsOn)
          ? DependsOn
          : [])
        if (typeof d === 'string') found.add(d);
    }
  }
  const known = new Set([...Object.keys(t.Resources ?? {}), ...Object.keys(t.Parameters ?? {})]);
  return [...found].filter((n) => !known.has(n) && !n.startsWith('AWS::'));
}

/**
 * IAM resources need CAPABILITY_IAM, custom-named ones CAPABILITY_NAMED_IAM (CloudFormation API
 * reference, CreateStack `Capabilities`); the error is InsufficientCapabilitiesException.
 */
const IAM_TYPES = [
  'AWS::IAM::AccessKey',
  'AWS::IAM::Group',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::UserToGroupAddition',
  'AWS::IAM::ManagedPolicy',
];
const NAME_PROPS = [
  'RoleName',
  'GroupName',
  'UserName',
  'ManagedPolicyName',
  'InstanceProfileName',
];

export function checkCapabilities(t: Template, capabilities: string[]): void {
  const iam = Object.values(t.Resources ?? {}).filter((r) => IAM_TYPES.includes(String(r?.Type)));
  if (!iam.length) return;
  const named = iam.some((r) => NAME_PROPS.some((p) => r.Properties?.[p] !== undefined));
  const need = named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM';
  const ok =
    capabilities.includes('CAPABILITY_NAMED_IAM') ||
    (!named && capabilities.includes('CAPABILITY_IAM'));
  if (!ok)
    throw new ApiError('InsufficientCapabilitiesException', `Requires capabilities : [${need}]`);
}

/** Logical ids of the resources whose Condition holds, in template order. */
export function activeResources(
  t: Template,
  ctx: Parameters<typeof evaluateCondition>[1],
): string[] {
  return Object.entries(t.Resources ?? {})
    .filter(([, r]) => !r?.Condition || evaluateCondition(r.Condition, ctx))
    .map(([id]) => id);
}

/** Whitespace-, key-order- and form-insensitive identity of a template (`!Ref` = `{Ref:}`). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const cache = new Map<string, Template>();

/** A stored (already validated) template body, parsed once. */
export function parsedTemplate(body: string): Template {
  let t = cache.get(body);
  if (!t) {
    t = parseTemplate(body, 'template').template ?? {};
    if (cache.size > 200) cache.clear();
    cache.set(body, t);
  }
  return t;
}
