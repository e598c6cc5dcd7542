/**
 * What shape an intrinsic function call yields, where that is certain without deploying: a list
 * (`Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`, `Ref` of a list parameter or `AWS::NotificationARNs`,
 * `Fn::GetAtt` of a list attribute) or a single value (`Fn::Join`, `Fn::Sub`, `Fn::Base64`,
 * `Fn::ToJsonString`, `Fn::Length`, `Ref` of a resource or a scalar parameter, `Fn::GetAtt` of a
 * scalar attribute). Return values as the intrinsic function reference gives them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html);
 * list attributes from the resource specification. Anything else is unknown, and never reported.
 */
import { type Check, isMapping } from './check.js';
import { intrinsicName } from './intrinsics.js';
import { resourceType } from './spec/types.js';
import { splitGetAtt } from './tags.js';

export type Shape = 'list' | 'scalar';

const LIST_PARAMETER =
  /^(List<.+>|CommaDelimitedList|AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>)$/;
const SCALAR_FUNCTIONS = new Set([
  'Fn::Join',
  'Fn::Sub',
  'Fn::Base64',
  'Fn::ToJsonString',
  'Fn::Length',
]);
const LIST_FUNCTIONS = new Set(['Fn::GetAZs', 'Fn::Split', 'Fn::Cidr']);

/** The certain shapes `value` can take (several for `Fn::If`); empty when unknown. */
export function shapesOf(c: Check, value: unknown, depth = 0): Set<Shape> {
  const out = new Set<Shape>();
  if (Array.isArray(value)) return out.add('list');
  if (!isMapping(value)) return value === null || value === undefined ? out : out.add('scalar');
  const fn = intrinsicName(value);
  if (!fn) return out;
  const arg = value[fn];
  if (SCALAR_FUNCTIONS.has(fn)) return out.add('scalar');
  if (LIST_FUNCTIONS.has(fn)) return out.add('list');
  if (fn === 'Ref' && typeof arg === 'string') return refShape(c, arg, out);
  if (fn === 'Fn::GetAtt') return getAttShape(c, arg, out);
  if (fn === 'Fn::If' && Array.isArray(arg) && depth < 8) {
    for (const branch of arg.slice(1, 3)) {
      if (isMapping(branch) && branch.Ref === 'AWS::NoValue') continue;
      for (const s of shapesOf(c, branch, depth + 1)) out.add(s);
    }
  }
  return out;
}

function refShape(c: Check, name: string, out: Set<Shape>): Set<Shape> {
  if (name === 'AWS::NotificationARNs') return out.add('list');
  if (name.startsWith('AWS::')) return out.add('scalar');
  const param = isMapping(c.template.Parameters) ? c.template.Parameters[name] : undefined;
  if (isMapping(param) && typeof param.Type === 'string')
    return out.add(LIST_PARAMETER.test(param.Type) ? 'list' : 'scalar');
  if (isMapping(c.template.Resources) && name in c.template.Resources) return out.add('scalar');
  return out;
}

function getAttShape(c: Check, arg: unknown, out: Set<Shape>): Set<Shape> {
  const [id, attribute] =
    typeof arg === 'string' ? splitGetAtt(arg) : Array.isArray(arg) ? [arg[0], arg[1]] : [];
  if (typeof id !== 'string' || typeof attribute !== 'string') return out;
  const r = isMapping(c.template.Resources) ? c.template.Resources[id] : undefined;
  const spec =
    isMapping(r) && typeof r.Type === 'string' ? resourceType(c.spec, r.Type) : undefined;
  if (!spec || !spec.a.includes(attribute)) return out;
  return out.add(spec.l?.includes(attribute) ? 'list' : 'scalar');
}

/** A short description of an intrinsic call for messages: `Fn::GetAtt Web.PublicIp`, `Ref Subnets`. */
export function describeCall(value: unknown): string {
  if (!isMapping(value)) return 'a value';
  const fn = intrinsicName(value);
  if (!fn) return 'a mapping';
  const arg = value[fn];
  if (typeof arg === 'string') return `${fn} ${arg}`;
  if (fn === 'Fn::GetAtt' && Array.isArray(arg)) return `${fn} ${arg.join('.')}`;
  return fn;
}
