/**
 * Names that must exist: `Ref` and `${X}` targets (parameters, resources, pseudo parameters),
 * `Fn::GetAtt` resources and their attributes, conditions, mappings, `DependsOn` targets, and the
 * shape of Outputs. Also refuses circular dependencies, as CloudFormation does.
 */
import { type Check, isMapping, kindName } from './check.js';
import { resourceDependencies } from './dependencies.js';
import { intrinsicName } from './intrinsics.js';
import type { TemplatePath } from './parse.js';
import { resourceType } from './spec/types.js';
import { subArgs, subVariables } from './sub.js';
import { didYouMean } from '../core/suggest.js';
import { splitGetAtt } from './tags.js';

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

interface Names {
  parameters: string[];
  resources: string[];
  conditions: string[];
  mappings: string[];
}

function keys(v: unknown): string[] {
  return isMapping(v) ? Object.keys(v) : [];
}

export function checkReferences(c: Check): void {
  const t = c.template;
  const names: Names = {
    parameters: keys(t.Parameters),
    resources: keys(t.Resources),
    conditions: keys(t.Conditions),
    mappings: keys(t.Mappings),
  };
  for (const [name, cond] of Object.entries(isMapping(t.Conditions) ? t.Conditions : {})) {
    walk(c, names, cond, ['Conditions', name], true);
  }
  // In Rules, Ref names parameters only ("you can use Ref only to refer to parameters":
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html).
  for (const [name, rule] of Object.entries(isMapping(t.Rules) ? t.Rules : {})) {
    walk(c, { ...names, resources: [] }, rule, ['Rules', name], false);
  }
  for (const [id, r] of Object.entries(isMapping(t.Resources) ? t.Resources : {})) {
    if (!isMapping(r)) continue;
    const path = ['Resources', id];
    for (const key of ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy'])
      walk(c, names, r[key], [...path, key], false);
    checkConditionName(c, names, r.Condition, [...path, 'Condition']);
    if (
      r.DependsOn !== undefined &&
      typeof r.DependsOn !== 'string' &&
      !Array.isArray(r.DependsOn)
    ) {
      c.report(
        [...path, 'DependsOn'],
        'error',
        'cfn/unknown-depends-on',
        `DependsOn takes a resource name or a list of them, got ${kindName(r.DependsOn)}.`,
      );
    }
    const deps =
      typeof r.DependsOn === 'string'
        ? [r.DependsOn]
        : Array.isArray(r.DependsOn)
          ? r.DependsOn
          : [];
    deps.forEach((d, i) => {
      const at =
        typeof r.DependsOn === 'string' ? [...path, 'DependsOn'] : [...path, 'DependsOn', i];
      if (typeof d !== 'string' || !names.resources.includes(d)) {
        c.report(
          at,
          'error',
          'cfn/unknown-depends-on',
          `DependsOn '${String(d)}' is not a resource in this template.${didYouMean(String(d), names.resources)}`,
        );
      } else if (d === id)
        c.report(at, 'error', 'cfn/unknown-depends-on', `'${id}' cannot depend on itself.`);
    });
  }
  for (const [name, out] of Object.entries(isMapping(t.Outputs) ? t.Outputs : {})) {
    const path = ['Outputs', name];
    if (!isMapping(out) || !('Value' in out)) {
      c.report(path, 'error', 'cfn/output-value', `Output '${name}' needs a Value.`, { key: true });
      continue;
    }
    walk(c, names, out, path, false);
    checkConditionName(c, names, out.Condition, [...path, 'Condition']);
    if (out.Export !== undefined && !(isMapping(out.Export) && 'Name' in out.Export)) {
      c.report(
        [...path, 'Export'],
        'error',
        'cfn/output-value',
        `The Export of output '${name}' needs a Name.`,
      );
    }
  }
  const graph = resourceDependencies(t);
  if (graph.cycle && graph.cycle.length > 0) {
    c.report(
      ['Resources', graph.cycle[0]!],
      'error',
      'cfn/circular-dependency',
      `Circular dependency between resources: ${graph.cycle.join(' → ')}. Break it, e.g. with a separate ingress/attachment resource.`,
      { key: true },
    );
  }
}

function checkConditionName(c: Check, names: Names, v: unknown, path: TemplatePath): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || !names.conditions.includes(v)) {
    c.report(
      path,
      'error',
      'cfn/unknown-condition',
      `Condition '${String(v)}' is not defined under Conditions.${didYouMean(String(v), names.conditions)}`,
    );
  }
}

function checkRef(
  c: Check,
  names: Names,
  name: string,
  path: TemplatePath,
  inConditions: boolean,
  how = 'Ref',
): void {
  if (PSEUDO_PARAMETERS.includes(name) || names.parameters.includes(name)) return;
  if (names.resources.includes(name)) {
    if (inConditions)
      c.report(
        path,
        'error',
        'cfn/unknown-ref',
        `Conditions can refer only to parameters, not to resource '${name}'.`,
      );
    return;
  }
  const hint = didYouMean(name, [...names.parameters, ...names.resources, ...PSEUDO_PARAMETERS]);
  c.report(
    path,
    'error',
    'cfn/unknown-ref',
    `${how} '${name}' is not a parameter, a resource or a pseudo parameter.${hint}`,
  );
}

function checkGetAtt(
  c: Check,
  names: Names,
  resource: string,
  attribute: unknown,
  path: TemplatePath,
  how = 'Fn::GetAtt',
): void {
  if (!names.resources.includes(resource)) {
    c.report(
      path,
      'error',
      'cfn/unknown-getatt',
      `${how}: '${resource}' is not a resource in this template.${didYouMean(resource, names.resources)}`,
    );
    return;
  }
  if (typeof attribute !== 'string') return;
  const r = (c.template.Resources ?? {})[resource];
  const spec = typeof r?.Type === 'string' ? resourceType(c.spec, r.Type) : undefined;
  if (!spec || spec.a.includes(attribute) || spec.a.some((a) => attribute.startsWith(`${a}.`)))
    return;
  const list = spec.a.length > 0 ? `it has ${spec.a.join(', ')}` : 'it has no attributes';
  c.report(
    path,
    'error',
    'cfn/unknown-attribute',
    `${how}: ${r!.Type} has no attribute '${attribute}' (${list}).${didYouMean(attribute, spec.a)}`,
  );
}

function checkSub(
  c: Check,
  names: Names,
  arg: unknown,
  path: TemplatePath,
  inConditions: boolean,
): void {
  const sub = subArgs(arg);
  if (!sub) {
    c.report(
      path,
      'error',
      'cfn/sub',
      `Fn::Sub takes a string or [string, {variables}], got ${kindName(arg)}.`,
    );
    return;
  }
  for (const v of subVariables(sub.text)) {
    const full = v.attribute === undefined ? v.name : `${v.name}.${v.attribute}`;
    if (full in sub.vars) continue;
    if (v.name === '')
      c.report(path, 'error', 'cfn/sub', `Fn::Sub has an empty variable '${v.raw}'.`);
    else if (v.attribute === undefined)
      checkRef(c, names, v.name, path, inConditions, `Fn::Sub variable \${${v.name}}:`);
    else checkGetAtt(c, names, v.name, v.attribute, path, `Fn::Sub variable ${v.raw}`);
  }
}

function walk(c: Check, names: Names, v: unknown, path: TemplatePath, inConditions: boolean): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(c, names, x, [...path, i], inConditions));
    return;
  }
  if (!isMapping(v)) return;
  const fn = intrinsicName(v, inConditions);
  if (!fn) {
    for (const [k, x] of Object.entries(v)) walk(c, names, x, [...path, k], inConditions);
    return;
  }
  const arg = v[fn];
  const at = [...path, fn];
  if (fn === 'Ref') {
    if (typeof arg === 'string') checkRef(c, names, arg, at, inConditions);
    else if (!isMapping(arg))
      c.report(
        at,
        'error',
        'cfn/unknown-ref',
        `Ref takes the name of a parameter or resource, got ${kindName(arg)}.`,
      );
  } else if (fn === 'Condition') checkConditionName(c, names, arg, at);
  else if (fn === 'Fn::GetAtt') {
    const [res, attr] = typeof arg === 'string' ? splitGetAtt(arg) : Array.isArray(arg) ? arg : [];
    if (typeof res === 'string') checkGetAtt(c, names, res, attr, at);
    else
      c.report(
        at,
        'error',
        'cfn/unknown-getatt',
        `Fn::GetAtt takes [Resource, Attribute] or 'Resource.Attribute', got ${kindName(arg)}.`,
      );
  } else if (fn === 'Fn::Sub') checkSub(c, names, arg, at, inConditions);
  else if (fn === 'Fn::If' && Array.isArray(arg)) checkConditionName(c, names, arg[0], [...at, 0]);
  else if (
    fn === 'Fn::FindInMap' &&
    Array.isArray(arg) &&
    typeof arg[0] === 'string' &&
    !names.mappings.includes(arg[0])
  ) {
    c.report(
      [...at, 0],
      'error',
      'cfn/unknown-mapping',
      `Mapping '${arg[0]}' is not defined under Mappings.${didYouMean(arg[0], names.mappings)}`,
    );
  }
  // Arguments may nest further functions (Fn::If branches, Fn::Join lists, Sub variable maps).
  const nested =
    ['Fn::And', 'Fn::Or', 'Fn::Not'].includes(fn) || (inConditions && fn === 'Fn::Equals');
  walk(c, names, arg, at, nested || inConditions);
}
