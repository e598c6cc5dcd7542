/**
 * The intrinsic functions, one small function each, over the evaluator's primitives (`Evaluation`,
 * implemented by intrinsics.ts): each reads its arguments through them, so every argument error
 * names the function and the argument's template path.
 */
import { cidrSubnets } from './cidr.js';
import type { TemplatePath } from './parse.js';
import type { EvalContext } from './intrinsics.js';
import { describe, IntrinsicError } from './intrinsic-values.js';
import { splitGetAtt } from './tags.js';

/** What a function may ask of the evaluator. */
export interface Evaluation {
  readonly ctx: EvalContext;
  value(v: unknown, path: TemplatePath): unknown;
  condition(name: string, path: TemplatePath): boolean;
  bool(v: unknown, path: TemplatePath): boolean;
  str(fn: string, v: unknown, path: TemplatePath): string;
  list(fn: string, v: unknown, path: TemplatePath): unknown[];
  args(fn: string, v: unknown, path: TemplatePath, min: number, max?: number): unknown[];
  ref(name: string, path: TemplatePath): unknown;
  getAtt(resource: string, attribute: string, path: TemplatePath): unknown;
  sub(arg: unknown, path: TemplatePath): string;
  findInMap(args: unknown[], path: TemplatePath): unknown;
}

type Fn = (e: Evaluation, arg: unknown, path: TemplatePath, fn: string) => unknown;

const at = (path: TemplatePath, i: number): TemplatePath => [...path, i];

function scalarString(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

export const INTRINSIC_FUNCTIONS: Record<string, Fn> = {
  Ref: (e, arg, path, fn) => e.ref(e.str(fn, arg, path), path),
  Condition: (e, arg, path, fn) => e.condition(e.str(fn, arg, path), path),
  'Fn::GetAtt': (e, arg, path, fn) => {
    const [res, attr] = typeof arg === 'string' ? splitGetAtt(arg) : e.args(fn, arg, path, 2);
    return e.getAtt(e.str(fn, res, at(path, 0)), e.str(fn, attr, at(path, 1)), path);
  },
  'Fn::Sub': (e, arg, path) => e.sub(arg, path),
  'Fn::Join': (e, arg, path, fn) => {
    const [delim, items] = e.args(fn, arg, path, 2);
    return e
      .list(fn, items, at(path, 1))
      .map((x, i) => e.str(fn, x, [...at(path, 1), i]))
      .join(e.str(fn, delim, at(path, 0)));
  },
  'Fn::Select': (e, arg, path, fn) => {
    const [index, items] = e.args(fn, arg, path, 2);
    const i = Number(e.str(fn, index, at(path, 0)));
    const list = e.list(fn, items, at(path, 1));
    if (!Number.isInteger(i) || i < 0 || i >= list.length)
      throw new IntrinsicError(fn, path, `index ${i} is outside the list of ${list.length}`);
    return list[i];
  },
  'Fn::Split': (e, arg, path, fn) => {
    const [delim, source] = e.args(fn, arg, path, 2);
    return e.str(fn, source, at(path, 1)).split(e.str(fn, delim, at(path, 0)));
  },
  'Fn::If': (e, arg, path, fn) => {
    const [name, a, b] = e.args(fn, arg, path, 3);
    if (typeof name !== 'string')
      throw new IntrinsicError(fn, at(path, 0), 'the first argument must be a condition name');
    return e.condition(name, at(path, 0)) ? e.value(a, at(path, 1)) : e.value(b, at(path, 2));
  },
  'Fn::Equals': (e, arg, path, fn) => {
    const [a, b] = e.args(fn, arg, path, 2).map((x, i) => e.value(x, at(path, i)));
    return JSON.stringify(scalarString(a)) === JSON.stringify(scalarString(b));
  },
  'Fn::And': (e, arg, path, fn) =>
    e.args(fn, arg, path, 2, 10).every((c, i) => e.bool(c, at(path, i))),
  'Fn::Or': (e, arg, path, fn) =>
    e.args(fn, arg, path, 2, 10).some((c, i) => e.bool(c, at(path, i))),
  'Fn::Not': (e, arg, path, fn) => !e.bool(e.args(fn, arg, path, 1)[0], at(path, 0)),
  'Fn::FindInMap': (e, arg, path, fn) => e.findInMap(e.args(fn, arg, path, 3, 4), path),
  'Fn::GetAZs': (e, arg, path, fn) => {
    const r = e.value(arg, path);
    const region = r === '' || r === undefined || r === null ? e.ref('AWS::Region', path) : r;
    if (typeof region !== 'string')
      throw new IntrinsicError(fn, path, `expected a region, got ${describe(region)}`);
    return e.ctx.azs?.(region) ?? ['a', 'b', 'c'].map((z) => `${region}${z}`);
  },
  'Fn::ImportValue': (e, arg, path, fn) => {
    const name = e.str(fn, arg, path);
    const v = e.ctx.importValue?.(name);
    if (v === undefined) throw new IntrinsicError(fn, path, `no stack exports '${name}'`);
    return v;
  },
  'Fn::Base64': (e, arg, path, fn) => Buffer.from(e.str(fn, arg, path), 'utf8').toString('base64'),
  'Fn::Cidr': (e, arg, path, fn) => {
    const [block, count, bits] = e.args(fn, arg, path, 3).map((x, i) => e.str(fn, x, at(path, i)));
    try {
      return cidrSubnets(block!, Number(count), Number(bits));
    } catch (err) {
      throw new IntrinsicError(fn, path, (err as Error).message);
    }
  },
  'Fn::ToJsonString': (e, arg, path) => JSON.stringify(e.value(arg, path)),
  'Fn::Length': (e, arg, path, fn) => e.list(fn, arg, path).length,
};
