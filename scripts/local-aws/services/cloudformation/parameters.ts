/**
 * Template parameters as CreateStack/UpdateStack/CreateChangeSet take them: defaults,
 * UsePreviousValue, the parameter types (String, Number, List<Number>, CommaDelimitedList,
 * AWS-specific `AWS::EC2::*::Id`, and `AWS::SSM::Parameter::Value<...>` read from Parameter Store
 * in the stack's region on every create and update) and the constraints, with the messages
 * CloudFormation answers (User Guide, "Parameters" section of the template reference).
 */
import type { Template, TemplateParameter } from '../../../../actions/lib/cloudformation/index.js';
import type { EmulatorState } from '../../state.js';
import { findImage } from '../ec2.js';
import { selectVersion, ssmState } from '../ssm/model.js';
import { validation, type StackParameter } from './model.js';

export interface ParameterInput {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: string;
}

const EC2_ID: Record<string, RegExp> = {
  'AWS::EC2::Image::Id': /^ami-[0-9a-f]{8,17}$/,
  'AWS::EC2::VPC::Id': /^vpc-[0-9a-f]{8,17}$/,
  'AWS::EC2::Subnet::Id': /^subnet-[0-9a-f]{8,17}$/,
  'AWS::EC2::SecurityGroup::Id': /^sg-[0-9a-f]{8,17}$/,
  'AWS::EC2::Instance::Id': /^i-[0-9a-f]{8,17}$/,
};

function constraintError(name: string, p: TemplateParameter, fallback: string): never {
  const desc = p['ConstraintDescription'];
  throw validation(
    typeof desc === 'string'
      ? `Parameter '${name}' failed to satisfy constraint: ${desc}`
      : fallback,
  );
}

function checkOne(name: string, p: TemplateParameter, value: string, type: string): void {
  const values =
    type === 'CommaDelimitedList' || type.startsWith('List<') ? value.split(',') : [value];
  for (const v of values) {
    const numeric = type === 'Number' || type === 'List<Number>';
    if (numeric && (v.trim() === '' || Number.isNaN(Number(v))))
      constraintError(name, p, `Parameter '${name}' must be a number`);
    const allowed = p['AllowedValues'];
    if (Array.isArray(allowed) && !allowed.map(String).includes(v))
      constraintError(name, p, `Parameter '${name}' must be one of AllowedValues`);
    const pattern = p['AllowedPattern'];
    if (typeof pattern === 'string' && !new RegExp(`^(?:${pattern})$`).test(v)) {
      constraintError(name, p, `Parameter '${name}' must match pattern ${pattern}`);
    }
    const min = p['MinLength'];
    if (min !== undefined && v.length < Number(min))
      constraintError(
        name,
        p,
        `Parameter '${name}' must contain at least ${String(min)} characters`,
      );
    const max = p['MaxLength'];
    if (max !== undefined && v.length > Number(max))
      constraintError(
        name,
        p,
        `Parameter '${name}' must contain at most ${String(max)} characters`,
      );
    if (numeric && p['MinValue'] !== undefined && Number(v) < Number(p['MinValue'])) {
      constraintError(
        name,
        p,
        `Parameter '${name}' must be a number not less than ${String(p['MinValue'])}`,
      );
    }
    if (numeric && p['MaxValue'] !== undefined && Number(v) > Number(p['MaxValue'])) {
      constraintError(
        name,
        p,
        `Parameter '${name}' must be a number not greater than ${String(p['MaxValue'])}`,
      );
    }
    const idPattern = EC2_ID[type.replace(/^List<(.*)>$/, '$1')];
    if (idPattern && v !== '' && !idPattern.test(v))
      throw validation(
        `Parameter validation failed: parameter value ${v} for parameter name ${name} does not exist. Rollback requested by user.`,
      );
  }
}

export interface ResolveParameters {
  template: Template;
  given: ParameterInput[];
  previous?: StackParameter[];
  state: EmulatorState;
  region: string;
}

/** The stack's parameters (template order) or a ValidationError as CloudFormation words it. */
export function resolveParameters(r: ResolveParameters): StackParameter[] {
  const declared = r.template.Parameters ?? {};
  const unknown = r.given.map((g) => g.ParameterKey ?? '').filter((k) => !(k in declared));
  if (unknown.length)
    throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const out: StackParameter[] = [];
  for (const [name, p] of Object.entries(declared)) {
    const g = r.given.find((x) => x.ParameterKey === name);
    let value: string | undefined;
    if (g?.UsePreviousValue === 'true') {
      const prev = r.previous?.find((x) => x.key === name);
      if (!prev)
        throw validation(
          `Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      value = prev.value;
    } else if (g?.ParameterValue !== undefined) value = g.ParameterValue;
    else if (p?.Default !== undefined)
      value = Array.isArray(p.Default) ? p.Default.map(String).join(',') : String(p.Default);
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    const type = String(p?.Type ?? 'String');
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
    if (ssm) {
      out.push({ key: name, value, resolved: readSsm(r, value) });
      continue;
    }
    checkOne(name, p ?? {}, value, type);
    if (type === 'AWS::EC2::Image::Id' && !findImage(r.state, r.region, value)) {
      throw validation(
        `Parameter validation failed: parameter value ${value} for parameter name ${name} does not exist.`,
      );
    }
    out.push({ key: name, value });
  }
  if (missing.length) throw validation(`Parameters: [${missing.join(', ')}] must have values`);
  return out;
}

function readSsm(r: ResolveParameters, name: string): string {
  const p = ssmState(r.state, r.region).params[name];
  if (!p?.versions.length)
    throw validation(`Unable to fetch parameters [${name}] from parameter store for this account.`);
  return selectVersion(p, undefined).value;
}

/** Values for the evaluator: lists for list types, the resolved value for SSM types. */
export function parameterValues(
  template: Template,
  params: StackParameter[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const type = String(template.Parameters?.[p.key]?.Type ?? 'String');
    const v = p.resolved ?? p.value;
    const list =
      type === 'CommaDelimitedList' ||
      type.startsWith('List<') ||
      /^AWS::SSM::Parameter::Value<List<|CommaDelimitedList>/.test(type);
    out[p.key] = list ? v.split(',') : v;
  }
  return out;
}

export function sameParameters(a: StackParameter[], b: StackParameter[]): boolean {
  const key = (ps: StackParameter[]) =>
    JSON.stringify(
      [...ps].sort((x, y) => x.key.localeCompare(y.key)).map((p) => [p.key, p.resolved ?? p.value]),
    );
  return key(a) === key(b);
}
